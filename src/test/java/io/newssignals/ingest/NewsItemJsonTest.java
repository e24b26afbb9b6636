package io.newssignals.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.newssignals.avro.NewsItem;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class NewsItemJsonTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private final NewsItemJson json = new NewsItemJson(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void everyFieldIsRead() {
    NewsItem item =
        json.parse(
            "{\"id\":\"n-1\",\"title\":\"Mistral raises\",\"body\":\"Series C.\","
                + "\"url\":\"HTTPS://Mistral.ai/news?utm_source=x\",\"source\":\"feed:mistral\","
                + "\"publishedAt\":\"2025-03-01T10:30:00+01:00\",\"language\":\"en\","
                + "\"unknown\":{\"ignored\":[1,2]}}");
    assertEquals(
        NewsItem.newBuilder()
            .setId("n-1")
            .setTitle("Mistral raises")
            .setBody("Series C.")
            .setUrl("https://mistral.ai/news")
            .setSource("feed:mistral")
            .setPublishedAt(Instant.parse("2025-03-01T09:30:00Z"))
            .setLanguage("en")
            .setIngestedAt(NOW)
            .build(),
        item);
  }

  @Test
  void onlyATitleIsEnoughAndTheIdComesFromTheText() {
    NewsItem item = json.parse("{\"title\":\"Mistral raises\"}");
    assertEquals(
        NewsItem.newBuilder()
            .setId(ItemIds.forText("Mistral raises", ""))
            .setTitle("Mistral raises")
            .setBody("")
            .setIngestedAt(NOW)
            .build(),
        item);
  }

  @Test
  void withoutAnIdTheUrlGivesIt() {
    NewsItem item = json.parse("{\"body\":\"text\",\"url\":\"https://a.example/x#y\",\"id\":null}");
    assertEquals(ItemIds.forUrl("https://a.example/x"), item.getId());
    assertEquals("https://a.example/x", item.getUrl());
    assertEquals("", item.getTitle());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2025-03-01T09:30:00Z       | 1740821400000",
        "2025-03-01T09:30:00.250Z   | 1740821400250",
        "2025-03-01T04:30:00-05:00  | 1740821400000",
      })
  void publishedAtAcceptsIsoDateTimes(String iso, long epochMillis) {
    NewsItem item = json.parse("{\"title\":\"t\",\"publishedAt\":\"" + iso + "\"}");
    assertEquals(Instant.ofEpochMilli(epochMillis), item.getPublishedAt());
  }

  @Test
  void publishedAtAcceptsEpochMillis() {
    assertEquals(
        Instant.parse("2025-03-01T09:30:00Z"),
        json.parse("{\"title\":\"t\",\"publishedAt\":1740821400000}").getPublishedAt());
  }

  static Stream<Arguments> badLines() {
    return Stream.of(
        Arguments.of(
            "{\"title\":",
            "invalid JSON: Unexpected end-of-input within/between Object entries"),
        Arguments.of(
            "not json",
            "invalid JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
        Arguments.of(
            "{\"title\":\"a\"} {\"title\":\"b\"}",
            "invalid JSON: Trailing token (of type START_OBJECT) found after value (bound as `com.fasterxml.jackson.databind.JsonNode`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`"),
        Arguments.of(
            "{\"title\":\"a\",\"title\":\"b\"}",
            "invalid JSON: Duplicate field 'title'"),
        Arguments.of(
            "[1,2]",
            "not a JSON object: got array"),
        Arguments.of(
            "\"title\"",
            "not a JSON object: got string"),
        Arguments.of(
            "{}",
            "item has neither 'title' nor 'body'"),
        Arguments.of(
            "{\"title\":\" \",\"body\":null}",
            "item has neither 'title' nor 'body'"),
        Arguments.of(
            "{\"title\":42}",
            "field 'title' must be a string, got number"),
        Arguments.of(
            "{\"title\":\"t\",\"body\":[\"p\"]}",
            "field 'body' must be a string, got array"),
        Arguments.of(
            "{\"title\":\"t\",\"source\":{}}",
            "field 'source' must be a string, got object"),
        Arguments.of(
            "{\"title\":\"t\",\"language\":true}",
            "field 'language' must be a string, got boolean"),
        Arguments.of(
            "{\"title\":\"t\",\"id\":7}",
            "field 'id' must be a string, got number"),
        Arguments.of(
            "{\"title\":\"t\",\"id\":\"\"}",
            "field 'id' is blank"),
        Arguments.of(
            "{\"title\":\"t\",\"url\":\"mailto:a@b.c\"}",
            "field 'url': invalid URL 'mailto:a@b.c': not an http(s) URL"),
        Arguments.of(
            "{\"title\":\"t\",\"publishedAt\":1.5}",
            "field 'publishedAt' must be an ISO-8601 string or epoch milliseconds, got number"),
        Arguments.of(
            "{\"title\":\"t\",\"publishedAt\":\"2025-03-01\"}",
            "field 'publishedAt' is not an ISO-8601 date-time with offset: '2025-03-01'"),
        Arguments.of(
            "{\"title\":\"t\",\"publishedAt\":\"2025-03-01T09:30:00\"}",
            "field 'publishedAt' is not an ISO-8601 date-time with offset: '2025-03-01T09:30:00'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badLines")
  void badLinesSayWhatIsWrong(String line, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> json.parse(line));
    assertEquals(message, e.getMessage());
  }
}

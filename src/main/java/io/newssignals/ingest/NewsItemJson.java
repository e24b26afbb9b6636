package io.newssignals.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.newssignals.avro.NewsItem;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Parses one JSON object into a {@link NewsItem}; the format of a {@code .jsonl} line, and of the
 * {@code classify} command's input.
 *
 * <p>Shape: {@code {"id"?, "title"?, "body"?, "url"?, "source"?, "publishedAt"?, "language"?}},
 * all strings except {@code publishedAt}, which is an ISO-8601 date-time with an offset ({@code
 * 2025-03-01T09:30:00Z}, {@code 2025-03-01T10:30:00+01:00}) or an integer of epoch milliseconds.
 * At least one of title and body must be non-blank; the missing one becomes empty. A JSON null is
 * taken as an absent field, and unknown fields are ignored. Without an id, the id is {@link
 * ItemIds#forUrl} of the URL, else {@link ItemIds#forText} of title and body; the URL is stored in
 * its canonical form. Times keep millisecond precision, as the schema's timestamp-millis; {@code
 * ingestedAt} is the clock's time of the parse.
 *
 * <p>Thread-safe.
 */
public final class NewsItemJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          // A line must be exactly one object: "{...} junk" and repeated keys are ambiguous.
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private final Clock clock;

  /** @param clock gives {@code ingestedAt} */
  public NewsItemJson(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param json the text of one JSON object; whitespace around it is allowed
   * @return the item, its {@code source} null unless the JSON gives one
   * @throws IllegalArgumentException if the text is not JSON, not an object, has a field of the
   *     wrong type or an invalid value (the message names the field), or has neither title nor
   *     body
   */
  public NewsItem parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      // Jackson's "(start marker at [Source: REDACTED ...; line: 1 ...])" tail names the line
      // inside this one-line document, which reads as wrong next to the file's own line number.
      String message = e.getOriginalMessage().replaceAll("\\s*\\(start marker at .*\\)$", "");
      throw new IllegalArgumentException("invalid JSON: " + message, e);
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("not a JSON object: got " + kind(root));
    }
    String title = text(root, "title");
    String body = text(root, "body");
    if (isBlank(title) && isBlank(body)) {
      throw new IllegalArgumentException("item has neither 'title' nor 'body'");
    }
    title = title == null ? "" : title;
    body = body == null ? "" : body;
    String url = text(root, "url");
    if (url != null) {
      try {
        url = ItemIds.canonicalUrl(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("field 'url': " + e.getMessage(), e);
      }
    }
    String id = text(root, "id");
    if (id != null && id.isBlank()) {
      throw new IllegalArgumentException("field 'id' is blank");
    }
    if (id == null) {
      id = url != null ? ItemIds.forUrl(url) : ItemIds.forText(title, body);
    }
    return NewsItem.newBuilder()
        .setId(id)
        .setUrl(url)
        .setSource(text(root, "source"))
        .setTitle(title)
        .setBody(body)
        .setLanguage(text(root, "language"))
        .setPublishedAt(instant(root, "publishedAt"))
        .setIngestedAt(Instant.ofEpochMilli(clock.millis()))
        .build();
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException(
          "field '" + field + "' must be a string, got " + kind(node));
    }
    return node.textValue();
  }

  private static Instant instant(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return Instant.ofEpochMilli(node.longValue());
    }
    if (node.isTextual()) {
      try {
        return OffsetDateTime.parse(node.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toInstant()
            .truncatedTo(ChronoUnit.MILLIS);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "field '" + field + "' is not an ISO-8601 date-time with offset: '"
                + node.textValue() + "'",
            e);
      }
    }
    throw new IllegalArgumentException(
        "field '" + field + "' must be an ISO-8601 string or epoch milliseconds, got "
            + kind(node));
  }

  /** The JSON type of a node for messages: array, boolean, number, object, string; or nothing. */
  private static String kind(JsonNode node) {
    return node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}

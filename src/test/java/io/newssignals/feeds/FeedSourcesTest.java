package io.newssignals.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedSourcesTest {

  @TempDir Path dir;

  private Path write(String text) throws Exception {
    Path file = dir.resolve("sources.yaml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void readsYamlWithDefaults() throws Exception {
    Path file = write("feeds:\n"
        + "  - name: tc-ai\n    url: https://techcrunch.example/ai/feed/\n    interval: 5m\n"
        + "    language: EN\n"
        + "  - name: el-pais.tech\n    url: https://elpais.example/rss\n");

    assertEquals(
        List.of(
            new FeedSource("tc-ai", URI.create("https://techcrunch.example/ai/feed/"),
                Duration.ofMinutes(5), "en"),
            new FeedSource("el-pais.tech", URI.create("https://elpais.example/rss"),
                FeedSources.DEFAULT_INTERVAL, null)),
        FeedSources.read(file));
  }

  @Test
  void readsJsonToo() throws Exception {
    Path file = write("{\"feeds\": [{\"name\": \"a\", \"url\": \"http://127.0.0.1:8080/a.xml\","
        + " \"interval\": \"PT90S\"}]}");

    assertEquals(
        List.of(new FeedSource("a", URI.create("http://127.0.0.1:8080/a.xml"),
            Duration.ofSeconds(90), null)),
        FeedSources.read(file));
  }

  @Test
  void intervalsInShortOrIsoForm() {
    assertEquals(Duration.ofSeconds(90), FeedSources.duration("90s"));
    assertEquals(Duration.ofHours(2), FeedSources.duration(" 2h "));
    assertEquals(Duration.ofMinutes(5), FeedSources.duration("PT5M"));
  }

  @Test
  void mistakesAreNamedWithTheFeedPosition() throws Exception {
    assertEquals(
        dir.resolve("sources.yaml") + ": feed 2: name 'a' is used twice",
        error("feeds:\n  - {name: a, url: 'https://x.example/'}\n"
            + "  - {name: a, url: 'https://y.example/'}\n"));
    assertEquals(
        dir.resolve("sources.yaml") + ": feed 1: unknown key 'intervall'"
            + " (known: [name, url, interval, language])",
        error("feeds:\n  - {name: a, url: 'https://x.example/', intervall: 5m}\n"));
    assertEquals(
        dir.resolve("sources.yaml") + ": feed 1: feed 'a': url 'ftp://x.example/' is not an"
            + " absolute http(s) URL",
        error("feeds:\n  - {name: a, url: 'ftp://x.example/'}\n"));
    assertEquals(
        dir.resolve("sources.yaml") + ": feed 1: interval 'soon' is not like 90s, 5m, 2h or PT5M",
        error("feeds:\n  - {name: a, url: 'https://x.example/', interval: soon}\n"));
    assertEquals(
        dir.resolve("sources.yaml") + ": expected a non-empty list under 'feeds'",
        error("sources: []\n"));
  }

  @Test
  void backOffDoublesUpToAnHourOrTheInterval() {
    Duration minute = Duration.ofMinutes(1);
    assertEquals(Duration.ofMinutes(2), FeedPoller.backOff(minute, 1));
    assertEquals(Duration.ofMinutes(32), FeedPoller.backOff(minute, 5));
    assertEquals(Duration.ofHours(1), FeedPoller.backOff(minute, 6));
    assertEquals(Duration.ofHours(1), FeedPoller.backOff(minute, 1000));
    assertEquals(Duration.ofHours(2), FeedPoller.backOff(Duration.ofHours(2), 3));
  }

  private String error(String yaml) throws Exception {
    Path file = write(yaml);
    return assertThrows(IllegalArgumentException.class, () -> FeedSources.read(file)).getMessage();
  }
}

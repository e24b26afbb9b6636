package io.newssignals.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a sources file: the feeds to poll. YAML, and therefore also JSON, which is YAML:
 *
 * <pre>
 * feeds:
 *   - name: techcrunch-ai            # required, unique: letters, digits, . _ -
 *     url: https://techcrunch.com/category/artificial-intelligence/feed/   # required
 *     interval: 5m                   # optional, default 15m: 90s, 5m, 2h or ISO-8601 PT5M
 *     language: en                   # optional ISO 639-1 hint for every item
 * </pre>
 *
 * <p>Unknown keys are errors, so a misspelt {@code intervall} is not silently ignored.
 */
public final class FeedSources {

  /** Interval of a feed that gives none: 15 minutes, the common polite minimum for feeds. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(s|m|h)");
  private static final List<String> KEYS = List.of("name", "url", "interval", "language");

  private FeedSources() {}

  /**
   * @return the feeds, in file order
   * @throws IllegalArgumentException if the file cannot be read or parsed, or breaks a rule; the
   *     message names the file and the feed's position (from 1)
   */
  public static List<FeedSource> read(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read sources file " + file + ": " + e.getMessage(), e);
    }
    JsonNode feeds = root == null ? null : root.get("feeds");
    if (feeds == null || !feeds.isArray() || feeds.isEmpty()) {
      throw new IllegalArgumentException(file + ": expected a non-empty list under 'feeds'");
    }
    List<FeedSource> sources = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int position = 0;
    for (JsonNode feed : feeds) {
      position++;
      try {
        FeedSource source = source(feed);
        if (!names.add(source.name())) {
          throw new IllegalArgumentException("name '" + source.name() + "' is used twice");
        }
        sources.add(source);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            file + ": feed " + position + ": " + e.getMessage(), e);
      }
    }
    return sources;
  }

  private static FeedSource source(JsonNode feed) {
    if (!feed.isObject()) {
      throw new IllegalArgumentException("expected a map of name, url, interval, language");
    }
    for (Iterator<String> keys = feed.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown key '" + key + "' (known: " + KEYS + ")");
      }
    }
    String url = text(feed, "url");
    if (url == null) {
      throw new IllegalArgumentException("'url' is missing");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid url '" + url + "': " + e.getMessage(), e);
    }
    String interval = text(feed, "interval");
    String language = text(feed, "language");
    return new FeedSource(
        text(feed, "name"),
        uri,
        interval == null ? DEFAULT_INTERVAL : duration(interval),
        language == null ? null : language.toLowerCase(Locale.ROOT));
  }

  private static String text(JsonNode feed, String key) {
    JsonNode value = feed.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw new IllegalArgumentException("'" + key + "' must be a single value");
    }
    return value.asText();
  }

  /**
   * @param text {@code <n>s}, {@code <n>m}, {@code <n>h}, or an ISO-8601 duration ({@code PT5M})
   * @throws IllegalArgumentException if it is neither
   */
  static Duration duration(String text) {
    String trimmed = text.strip().toLowerCase(Locale.ROOT);
    Matcher matcher = SHORT_DURATION.matcher(trimmed);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    try {
      return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "interval '" + text + "' is not like 90s, 5m, 2h or PT5M", e);
    }
  }
}

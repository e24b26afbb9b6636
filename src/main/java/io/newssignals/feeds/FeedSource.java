package io.newssignals.feeds;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One feed to poll, as listed in a sources file ({@link FeedSources}).
 *
 * @param name short unique name: letters, digits, {@code . _ -}; the items' {@code source} and the
 *     feed's key in the state file
 * @param url absolute http(s) URL of an RSS or Atom document
 * @param interval time between two polls while the feed answers; at least 1 s
 * @param language ISO 639-1 code given to every item of the feed, lower case; null to take the
 *     feed's own {@code <language>}, or leave it to the extractor
 */
public record FeedSource(String name, URI url, Duration interval, String language) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

  /** @throws IllegalArgumentException naming the first field that breaks a rule above */
  public FeedSource {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "feed name '" + name + "' must be letters, digits, '.', '_' or '-'");
    }
    String scheme = url == null || url.getScheme() == null
        ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw new IllegalArgumentException(
          "feed '" + name + "': url '" + url + "' is not an absolute http(s) URL");
    }
    if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("feed '" + name + "': interval must be at least 1s");
    }
    if (language != null && !LANGUAGE.matcher(language).matches()) {
      throw new IllegalArgumentException(
          "feed '" + name + "': language '" + language + "' is not a two-letter ISO 639-1 code");
    }
  }
}

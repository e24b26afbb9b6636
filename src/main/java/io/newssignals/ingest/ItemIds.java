package io.newssignals.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stable news item ids: the lower-case hex SHA-256 (64 characters) of the item's canonical URL, or
 * of its normalised text when it has no URL. The same article reached through differently
 * decorated links therefore gets one id, which is what keys {@code news.raw}.
 */
public final class ItemIds {

  /**
   * Query parameters that only track how a reader arrived, never select content. Taken from each
   * vendor's own documentation of the parameter: Google Analytics campaign URLs ({@code utm_*},
   * matched as a prefix), Google Ads auto-tagging ({@code gclid}, {@code gbraid}, {@code wbraid},
   * {@code dclid}), Meta ({@code fbclid}), Microsoft Advertising ({@code msclkid}), Mailchimp
   * ({@code mc_cid}, {@code mc_eid}), HubSpot ({@code _hsenc}, {@code _hsmi}), Marketo ({@code
   * mkt_tok}), X/Twitter share links ({@code ref_src}, {@code ref_url}), Instagram ({@code igshid})
   * and Yandex ({@code yclid}); all of them are also in AdGuard's "URL Tracking filter", which is
   * the place to look for more.
   */
  private static final Set<String> TRACKING_PARAMETERS =
      Set.of(
          "gclid", "gbraid", "wbraid", "dclid", "fbclid", "msclkid", "mc_cid", "mc_eid", "_hsenc",
          "_hsmi", "mkt_tok", "ref_src", "ref_url", "igshid", "yclid");

  private static final String TRACKING_PREFIX = "utm_";

  // (?U): Unicode White_Space, so no-break and other wide spaces collapse too.
  private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");

  private ItemIds() {}

  /**
   * Canonical form of an http(s) URL: scheme and host lower-cased, the scheme's default port (80,
   * 443) dropped, an empty path written as {@code /} (RFC 3986, 6.2.3), the fragment removed, and
   * tracking parameters removed from the query while the other parameters keep their order and
   * their encoding.
   *
   * @param url an absolute http or https URL; surrounding whitespace is ignored
   * @return the canonical URL
   * @throws IllegalArgumentException if {@code url} is null, not a valid URI, not http(s), or has
   *     no host
   */
  public static String canonicalUrl(String url) {
    if (url == null) {
      throw new IllegalArgumentException("URL is missing");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid URL '" + url + "': " + e.getMessage(), e);
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("invalid URL '" + url + "': not an http(s) URL");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("invalid URL '" + url + "': no host");
    }
    StringBuilder canonical = new StringBuilder(url.length()).append(scheme).append("://");
    if (uri.getRawUserInfo() != null) {
      canonical.append(uri.getRawUserInfo()).append('@');
    }
    canonical.append(uri.getHost().toLowerCase(Locale.ROOT));
    int defaultPort = scheme.equals("http") ? 80 : 443;
    if (uri.getPort() != -1 && uri.getPort() != defaultPort) {
      canonical.append(':').append(uri.getPort());
    }
    String path = uri.getRawPath();
    canonical.append(path == null || path.isEmpty() ? "/" : path);
    String query = withoutTracking(uri.getRawQuery());
    if (!query.isEmpty()) {
      canonical.append('?').append(query);
    }
    return canonical.toString();
  }

  private static String withoutTracking(String rawQuery) {
    if (rawQuery == null) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String parameter : rawQuery.split("&")) {
      if (parameter.isEmpty()) {
        continue;
      }
      int equals = parameter.indexOf('=');
      String name = equals < 0 ? parameter : parameter.substring(0, equals);
      name = name.toLowerCase(Locale.ROOT);
      if (!name.startsWith(TRACKING_PREFIX) && !TRACKING_PARAMETERS.contains(name)) {
        kept.add(parameter);
      }
    }
    return String.join("&", kept);
  }

  /**
   * Id of an item that has a URL.
   *
   * @return lower-case hex SHA-256 of {@link #canonicalUrl(String) canonicalUrl(url)} in UTF-8
   * @throws IllegalArgumentException as {@link #canonicalUrl(String)}
   */
  public static String forUrl(String url) {
    return sha256Hex(canonicalUrl(url));
  }

  /**
   * Id of an item without a URL, so that the same text gets the same id whatever its spacing, case
   * or Unicode composition.
   *
   * @param title headline, may be null (taken as empty)
   * @param body article text, may be null (taken as empty)
   * @return lower-case hex SHA-256 of {@code normalise(title) + "\n" + normalise(body)} in UTF-8,
   *     where normalise is Unicode NFKC, then lower case (root locale), then runs of whitespace
   *     collapsed to one space and the ends stripped
   */
  public static String forText(String title, String body) {
    return sha256Hex(normalise(title) + "\n" + normalise(body));
  }

  private static String normalise(String text) {
    if (text == null) {
      return "";
    }
    String composed = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    return WHITESPACE.matcher(composed).replaceAll(" ").strip();
  }

  private static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}

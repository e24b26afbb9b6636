package io.newssignals.topology;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A locality-sensitive fingerprint of a story's title and body, for finding copies that differ in
 * punctuation, case, spacing or a few words: a MinHash signature (Broder, "On the resemblance and
 * containment of documents", 1997) of the text's word pairs.
 *
 * <p>The text is Unicode NFKC, lower case (root locale), cut into words of letters and digits
 * (punctuation and spacing are ignored); its features are the set of adjacent word pairs. For
 * each of {@value #ROWS} hash functions the signature keeps the smallest hash over the features,
 * so two texts agree in a row with probability equal to the Jaccard similarity of their pair sets.
 *
 * <ul>
 *   <li>Candidates: the rows are cut into {@value #BANDS} bands of {@value #ROWS_PER_BAND}; texts
 *       that agree in a whole band share a {@link #bandKeys() band key} (LSH banding, Leskovec,
 *       Rajaraman and Ullman, "Mining of Massive Datasets", ch. 3.4). At Jaccard 0.8 two texts
 *       share at least one band with probability 1 - (1 - 0.8^4)^16 = 0.9998; at 0.3, 0.12.
 *   <li>Similarity: {@link #compact()} keeps the lowest 8 bits of each row (b-bit minwise hashing,
 *       Li and König, WWW 2010), 64 bytes; the share of equal bytes estimates the Jaccard
 *       similarity, plus 1/256 of its complement for chance collisions.
 * </ul>
 *
 * <p>A text of fewer than {@value #MIN_WORDS} words is too short to tell a copy from a
 * coincidence (two different headlines of three words), and has no fingerprint.
 *
 * <p>Hashes are fixed functions of the text (FNV-1a 64 over UTF-16 code units, mixed with
 * SplitMix64's finaliser, Steele, Lea and Flood, OOPSLA 2014), so fingerprints are the same in
 * every JVM and after a restart.
 */
public final class StoryFingerprint {

  /** Rows of the signature: hash functions. */
  public static final int ROWS = 64;

  /** Bands of the signature. */
  public static final int BANDS = 16;

  /** Rows per band. */
  public static final int ROWS_PER_BAND = ROWS / BANDS;

  /** Fewest words a text needs for a fingerprint. */
  public static final int MIN_WORDS = 8;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long[] SEEDS = new long[ROWS];

  static {
    for (int i = 0; i < ROWS; i++) {
      SEEDS[i] = mix(0x9e3779b97f4a7c15L * (i + 1));
    }
  }

  private final long[] rows;

  private StoryFingerprint(long[] rows) {
    this.rows = rows;
  }

  /**
   * @param title headline, may be null
   * @param body article text, may be null
   * @return the fingerprint of {@code title + " " + body}, or null when the text has fewer than
   *     {@value #MIN_WORDS} words
   */
  public static StoryFingerprint of(String title, String body) {
    List<String> words = words((title == null ? "" : title) + " " + (body == null ? "" : body));
    if (words.size() < MIN_WORDS) {
      return null;
    }
    Set<Long> features = new HashSet<>();
    for (int i = 1; i < words.size(); i++) {
      features.add(fnv(words.get(i - 1) + " " + words.get(i)));
    }
    long[] rows = new long[ROWS];
    Arrays.fill(rows, Long.MAX_VALUE);
    for (long feature : features) {
      for (int i = 0; i < ROWS; i++) {
        rows[i] = Math.min(rows[i], mix(feature ^ SEEDS[i]));
      }
    }
    return new StoryFingerprint(rows);
  }

  private static List<String> words(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    Matcher matcher = WORD.matcher(folded);
    while (matcher.find()) {
      words.add(matcher.group());
    }
    return words;
  }

  /**
   * @return {@value #BANDS} keys, {@code band:<i>:<16 hex digits>}; two fingerprints that agree in
   *     all rows of band i have the same i-th key
   */
  public List<String> bandKeys() {
    List<String> keys = new ArrayList<>(BANDS);
    HexFormat hex = HexFormat.of();
    for (int band = 0; band < BANDS; band++) {
      long hash = SEEDS[band];
      for (int row = band * ROWS_PER_BAND; row < (band + 1) * ROWS_PER_BAND; row++) {
        hash = mix(hash ^ rows[row]);
      }
      keys.add("band:" + band + ":" + hex.toHexDigits(hash));
    }
    return keys;
  }

  /** @return the lowest byte of each row, {@value #ROWS} bytes, to compare with {@link #similarity} */
  public byte[] compact() {
    byte[] compact = new byte[ROWS];
    for (int i = 0; i < ROWS; i++) {
      compact[i] = (byte) rows[i];
    }
    return compact;
  }

  /**
   * @param a a {@link #compact()} fingerprint
   * @param b another
   * @return the share of equal bytes, 0..1: about the Jaccard similarity of the two texts' word
   *     pairs
   * @throws IllegalArgumentException if either is not {@value #ROWS} bytes long
   */
  public static double similarity(byte[] a, byte[] b) {
    if (a.length != ROWS || b.length != ROWS) {
      throw new IllegalArgumentException(
          "compact fingerprints have " + ROWS + " bytes: got " + a.length + " and " + b.length);
    }
    int equal = 0;
    for (int i = 0; i < ROWS; i++) {
      if (a[i] == b[i]) {
        equal++;
      }
    }
    return equal / (double) ROWS;
  }

  private static long fnv(String text) {
    long hash = FNV_OFFSET;
    for (int i = 0; i < text.length(); i++) {
      hash = (hash ^ text.charAt(i)) * FNV_PRIME;
    }
    return hash;
  }

  /** SplitMix64's finaliser: spreads every input bit over the whole word. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}

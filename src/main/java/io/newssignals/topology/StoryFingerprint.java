package io.newssignals.topology;

import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * A locality-sensitive fingerprint of a story's title and body, for finding copies that differ in
 * punctuation, case, spacing or a few words: a MinHash signature (Broder, "On the resemblance and
 * containment of documents", 1997) of the text's word pairs.
 *
 * <p>The text is Unicode NFKC, lower case (root locale), cut into words of letters and digits
 * (punctuation and spacing are ignored); its features are the set of adjacent word pairs. For
 * each of {@value #ROWS} hash functions the signature keeps the smallest hash over the features,
 * so two texts agree in a row with probability equal to the Jaccard similarity of their pair sets.
 * (One-permutation hashing, one hash per pair instead of {@value #ROWS}, was tried and dropped: on
 * texts of 8 to 16 words its rows are mostly borrowed from a few filled ones, and two headlines
 * that differ by one word, "opens" or "closes" an office, scored above the 0.8 of a copy.)
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
 * <h2>Names and numbers</h2>
 *
 * <p>Wire copy is often templated: "Acme raises $20 million led by Sequoia..." and "Bolt raises
 * $20 million led by Sequoia..." share nearly all their word pairs, yet are two stories with two
 * signals. What tells them apart is what fills the template's slots: the names and the numbers,
 * which a re-publication of one story keeps. So every band key also hashes the story's facts,
 * the set of its numbers and proper names: two texts are candidates, and thus
 * copies, only if their facts are identical. This costs one more pass over the text and no bytes
 * in the store. Consequences:
 *
 * <ul>
 *   <li>the facts come from the body, or the title when the body has no words: headlines differ
 *       in capitalisation from outlet to outlet (Title Case, ALL CAPS), bodies of one story do not;
 *   <li>a proper name is a word written with a capital first letter and never in lower case in
 *       the same text, so "The" at a sentence start is not one (it is written "the" elsewhere),
 *       and "MISTRAL" and "Mistral" are one name. English day and month names are dates rather
 *       than names (a re-publication says "on Tuesday" or "on Wednesday" of one event) and are
 *       left out. In languages that capitalise every noun (German) any changed noun keeps a copy;
 *   <li>numbers are runs of digits, so "6.000" and "6,000" are both 6 and 000; an amount written
 *       in words ("six billion") is not a number, and a re-publication that adds a date ("on
 *       March 3") is kept as another story. Both err on the side of keeping an item.
 * </ul>
 *
 * <p>Band keys of this form differ from those of fingerprints stored before facts were added:
 * for one dedup window after an upgrade, a copy of a story seen before it is caught by its URL
 * only.
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

  private static final Set<String> CALENDAR_WORDS = calendarWords();
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long[] SEEDS = new long[ROWS];
  private static final boolean[] ASCII_WORD = new boolean[0x80];

  static {
    for (char c = 0; c < 0x80; c++) {
      ASCII_WORD[c] = isWordChar(c);
    }
    for (int i = 0; i < ROWS; i++) {
      SEEDS[i] = mix(0x9e3779b97f4a7c15L * (i + 1));
    }
  }

  private final long[] rows;
  private final long facts;

  private StoryFingerprint(long[] rows, long facts) {
    this.rows = rows;
    this.facts = facts;
  }

  /**
   * @param title headline, may be null
   * @param body article text, may be null
   * @return the fingerprint of {@code title + " " + body} and of the story's numbers and names
   *     (see the class comment), or null when the text has fewer than {@value #MIN_WORDS} words
   */
  public static StoryFingerprint of(String title, String body) {
    // NFKC(title + " " + body) is NFKC(title) + " " + NFKC(body): a space neither composes with
    // what precedes it nor with what follows. So the body is normalized once, for both uses.
    String normalizedTitle = normalized(title == null ? "" : title);
    String normalizedBody = normalized(body == null ? "" : body);
    String text = (normalizedTitle + " " + normalizedBody).toLowerCase(Locale.ROOT);
    int[] bounds = wordBounds(text);
    int words = bounds.length / 2;
    if (words < MIN_WORDS) {
      return null;
    }
    long[] rows = new long[ROWS];
    Arrays.fill(rows, Long.MAX_VALUE);
    // The features are a set, but a minimum does not change when a value comes twice: a repeated
    // word pair is hashed again rather than looked up in a set.
    for (int w = 1; w < words; w++) {
      long feature = fnv(text, bounds[2 * w - 2], bounds[2 * w - 1], FNV_OFFSET);
      feature = fnv(' ', feature);
      feature = fnv(text, bounds[2 * w], bounds[2 * w + 1], feature);
      for (int i = 0; i < ROWS; i++) {
        rows[i] = Math.min(rows[i], mix(feature ^ SEEDS[i]));
      }
    }
    return new StoryFingerprint(rows, fnv(String.join(" ", factsOfStory(normalizedTitle, normalizedBody))));
  }

  /**
   * The facts of a story, as its band keys hash them (see the class comment).
   *
   * @param title headline, may be null; used only when the body has no words
   * @param body article text, may be null
   * @return sorted: {@code #<digits>} per number, {@code @<name in lower case>} per proper name
   */
  static SortedSet<String> facts(String title, String body) {
    return factsOfStory(normalized(title == null ? "" : title), normalized(body == null ? "" : body));
  }

  /** The facts of the body, or of the title when the body has no words; both NFKC already. */
  private static SortedSet<String> factsOfStory(String normalizedTitle, String normalizedBody) {
    int[] bounds = wordBounds(normalizedBody);
    return bounds.length > 0
        ? factsOfNormalized(normalizedBody, bounds)
        : factsOfNormalized(normalizedTitle, wordBounds(normalizedTitle));
  }

  /** @param bounds the words of {@code text}, as {@link #wordBounds} gives them */
  private static SortedSet<String> factsOfNormalized(String text, int[] bounds) {
    Set<String> lowerCase = new HashSet<>();
    Set<String> capitalised = new HashSet<>();
    SortedSet<String> facts = new TreeSet<>();
    // Most words are ASCII and in lower case. Those are kept as offsets and a String hash rather
    // than as strings, and are only compared with the few capitalised words at the end.
    int[] lowerAscii = new int[3 * 64];
    int lowerAsciiCount = 0;
    for (int w = 0; w < bounds.length; w += 2) {
      int start = bounds[w];
      int end = bounds[w + 1];
      boolean ascii = true;
      boolean upper = false;
      int hash = 0;
      for (int i = start; i < end; i++) {
        char c = text.charAt(i);
        ascii &= c < 0x80;
        upper |= isAsciiUpper(c);
        hash = 31 * hash + c;
      }
      if (!ascii) {
        otherWord(text, start, end, lowerCase, capitalised, facts);
        continue;
      }
      if (!upper) {
        if (lowerAsciiCount + 3 > lowerAscii.length) {
          lowerAscii = Arrays.copyOf(lowerAscii, 2 * lowerAscii.length);
        }
        lowerAscii[lowerAsciiCount++] = start;
        lowerAscii[lowerAsciiCount++] = end;
        lowerAscii[lowerAsciiCount++] = hash;
      } else if (isAsciiUpper(text.charAt(start))) {
        String lower = text.substring(start, end).toLowerCase(Locale.ROOT);
        if (!CALENDAR_WORDS.contains(lower)) {
          capitalised.add(lower);
        }
      }
      for (int i = start; i < end; i++) {
        if (isAsciiDigit(text.charAt(i))) {
          int from = i;
          while (i < end && isAsciiDigit(text.charAt(i))) {
            i++;
          }
          facts.add("#" + text.substring(from, i));
        }
      }
    }
    capitalised.removeAll(lowerCase);
    if (!capitalised.isEmpty()) {
      // A String's hash is the same polynomial over its chars as the one computed above.
      int[] nameHashes = capitalised.stream().mapToInt(String::hashCode).sorted().toArray();
      for (int k = 0; k < lowerAsciiCount; k += 3) {
        int hash = lowerAscii[k + 2];
        if (Arrays.binarySearch(nameHashes, hash) >= 0) {
          int start = lowerAscii[k];
          int length = lowerAscii[k + 1] - start;
          capitalised.removeIf(name -> name.hashCode() == hash && name.length() == length
              && text.regionMatches(start, name, 0, length));
        }
      }
    }
    capitalised.forEach(name -> facts.add("@" + name));
    return facts;
  }

  /** Sorts a word with a char outside ASCII into the sets of {@link #factsOfNormalized}. */
  private static void otherWord(String text, int start, int end, Set<String> lowerCase, Set<String> capitalised,
      SortedSet<String> facts) {
    String word = text.substring(start, end);
    String lower = word.toLowerCase(Locale.ROOT);
    if (word.equals(lower)) {
      lowerCase.add(lower);
    } else if (Character.isUpperCase(word.codePointAt(0)) && !CALENDAR_WORDS.contains(lower)) {
      capitalised.add(lower);
    }
    int[] numbers = runs(text, start, end, StoryFingerprint::isNumber);
    for (int r = 0; r < numbers.length; r += 2) {
      facts.add("#" + text.substring(numbers[r], numbers[r + 1]));
    }
  }

  private static boolean isAsciiUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String normalized(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFKC);
  }

  /**
   * The words of {@code text}, runs of letters and numbers (regex {@code [\p{L}\p{N}]+}), as
   * {@code [start0, end0, start1, end1, ...]} char offsets.
   */
  private static int[] wordBounds(String text) {
    int[] bounds = new int[256];
    int count = 0;
    int start = -1;
    // One step past the end, which ends the last word like any other non-word char.
    for (int i = 0; i <= text.length(); ) {
      boolean inWord = false;
      int step = 1;
      if (i < text.length()) {
        char c = text.charAt(i);
        // ASCII by table; anything else by code point, as the regex would.
        int cp = c < 0x80 ? c : text.codePointAt(i);
        inWord = cp < 0x80 ? ASCII_WORD[cp] : isWordChar(cp);
        step = Character.charCount(cp);
      }
      if (inWord && start < 0) {
        start = i;
      } else if (!inWord && start >= 0) {
        if (count + 2 > bounds.length) {
          bounds = Arrays.copyOf(bounds, 2 * bounds.length);
        }
        bounds[count++] = start;
        bounds[count++] = i;
        start = -1;
      }
      i += step;
    }
    return Arrays.copyOf(bounds, count);
  }

  /**
   * The maximal runs of code points of {@code text[from, to)} that {@code member} accepts, as
   * {@code [start0, end0, start1, end1, ...]} char offsets.
   */
  private static int[] runs(String text, int from, int to, IntPredicate member) {
    int[] bounds = new int[16];
    int count = 0;
    int i = from;
    while (i < to) {
      int cp = text.codePointAt(i);
      if (!member.test(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      while (i < to && member.test(cp = text.codePointAt(i))) {
        i += Character.charCount(cp);
      }
      if (count + 2 > bounds.length) {
        bounds = Arrays.copyOf(bounds, 2 * bounds.length);
      }
      bounds[count++] = start;
      bounds[count++] = i;
    }
    return Arrays.copyOf(bounds, count);
  }

  /** {@code \p{L}} or {@code \p{N}}. */
  private static boolean isWordChar(int cp) {
    return Character.isLetter(cp) || isNumber(cp);
  }

  /** {@code \p{N}}: decimal digits, letter numbers (Roman numerals) and other numbers (superscripts). */
  private static boolean isNumber(int cp) {
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  /** English day and month names, full and short ("Tuesday", "Tue"), in lower case. */
  private static Set<String> calendarWords() {
    Set<String> words = new HashSet<>();
    for (TextStyle style : List.of(TextStyle.FULL, TextStyle.SHORT)) {
      for (DayOfWeek day : DayOfWeek.values()) {
        words.add(day.getDisplayName(style, Locale.ENGLISH).toLowerCase(Locale.ROOT));
      }
      for (Month month : Month.values()) {
        words.add(month.getDisplayName(style, Locale.ENGLISH).toLowerCase(Locale.ROOT));
      }
    }
    return Set.copyOf(words);
  }

  /**
   * @return {@value #BANDS} keys, {@code band:<i>:<16 hex digits>}; two fingerprints that agree in
   *     all rows of band i and name the same numbers and proper names have the same i-th key
   */
  public List<String> bandKeys() {
    List<String> keys = new ArrayList<>(BANDS);
    HexFormat hex = HexFormat.of();
    for (int band = 0; band < BANDS; band++) {
      long hash = mix(SEEDS[band] ^ facts);
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
    return fnv(text, 0, text.length(), FNV_OFFSET);
  }

  /** FNV-1a 64 of {@code text[from, to)}, continuing from {@code hash}. */
  private static long fnv(String text, int from, int to, long hash) {
    for (int i = from; i < to; i++) {
      hash = (hash ^ text.charAt(i)) * FNV_PRIME;
    }
    return hash;
  }

  private static long fnv(char c, long hash) {
    return (hash ^ c) * FNV_PRIME;
  }

  /** SplitMix64's finaliser: spreads every input bit over the whole word. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}

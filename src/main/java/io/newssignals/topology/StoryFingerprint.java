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
 * punctuation, case, spacing or a few words: a minwise-hashing signature of the text's word pairs
 * (MinHash, Broder, "On the resemblance and containment of documents", 1997), drawn by SuperMinHash
 * (Ertl, arXiv:1706.05698, 2017).
 *
 * <p>The text (the first {@value #MAX_CHARS} chars of the title and of the body) is Unicode NFKC,
 * cut into words of letters and digits (punctuation and spacing are ignored), each in lower case
 * code point by code point, final sigma as sigma; its features are the set of adjacent word pairs.
 * Each of the signature's {@value #ROWS} rows keeps the smallest of the values the features offer
 * it, so two texts agree in a row with probability equal to the Jaccard similarity of their pair
 * sets. SuperMinHash gives the same agreement as {@value #ROWS} independent hash functions with a
 * lower variance (on random texts, a root mean square error about 30% below theirs at 12 to 40
 * words, 2 to 8% below at 500), for far fewer draws than {@value #ROWS} hashes per pair: about
 * 1,100 for a text of 100 words, 1,700 for 500 (against 32,000) and 2,200 for 1,000, in a
 * simulation. (One-permutation hashing, one hash per pair, was tried and dropped: on texts of 8 to
 * 16 words its rows are mostly borrowed from a few filled ones, and two headlines that differ by
 * one word, "opens" or "closes" an office, scored above the 0.8 of a copy.)
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
 * <p>Band keys differ from those of fingerprints stored before facts were added, and before
 * SuperMinHash: for one dedup window after such an upgrade, a copy of a story seen before it is
 * caught by its URL only.
 *
 * <p>Hashes are fixed functions of the text (FNV-1a 64 over UTF-16 code units, mixed with
 * SplitMix64's finaliser and drawn from its generator, Steele, Lea and Flood, OOPSLA 2014), so
 * fingerprints are the same in every JVM and after a restart.
 */
public final class StoryFingerprint {

  /** Rows of the signature. */
  public static final int ROWS = 64;

  /** Bands of the signature. */
  public static final int BANDS = 16;

  /** Rows per band. */
  public static final int ROWS_PER_BAND = ROWS / BANDS;

  /** Fewest words a text needs for a fingerprint. */
  public static final int MIN_WORDS = 8;

  /**
   * Chars of the title, and of the body, that are fingerprinted: the rest is left out. A news story
   * is a few thousand chars; this bounds the time of one item, as the JDK's NFKC is quadratic in a
   * run of combining marks that it must reorder (80,000 chars of them took 1.5 s).
   */
  public static final int MAX_CHARS = 20_000;

  private static final Set<String> CALENDAR_WORDS = calendarWords();
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private static final char SIGMA = 'σ';
  private static final char FINAL_SIGMA = 'ς';
  private static final long[] BAND_SEEDS = new long[BANDS];
  private static final boolean[] ASCII_WORD = new boolean[0x80];

  static {
    for (char c = 0; c < 0x80; c++) {
      ASCII_WORD[c] = isWordChar(c);
    }
    for (int i = 0; i < BANDS; i++) {
      BAND_SEEDS[i] = mix(GOLDEN_GAMMA * (i + 1));
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
    Words words = Words.of(title, body);
    if (words.count < MIN_WORDS) {
      return null;
    }
    return new StoryFingerprint(signature(words), fnv(String.join(" ", words.facts())));
  }

  /**
   * The facts of a story, as its band keys hash them (see the class comment).
   *
   * @param title headline, may be null; used only when the body has no words
   * @param body article text, may be null
   * @return sorted: {@code #<digits>} per number, {@code @<name in lower case>} per proper name
   */
  static SortedSet<String> facts(String title, String body) {
    return Words.of(title, body).facts();
  }

  /**
   * SuperMinHash (Ertl, "SuperMinHash – A New Minwise Hashing Algorithm for Jaccard Similarity
   * Estimation", arXiv:1706.05698, 2017, Algorithm 1) of the text's adjacent word pairs.
   *
   * <p>Each feature draws, from a generator seeded by its hash, a random permutation of the rows,
   * and offers row {@code perm[j]} the value {@code j + r} with {@code r} uniform in [0, 1); a row
   * keeps its smallest offer. As in MinHash, two texts agree in a row with probability equal to the
   * Jaccard similarity of their feature sets, but a feature's offers go to distinct rows, so the
   * estimate's variance is lower. A feature stops drawing once {@code j} passes every row's current
   * value, so once the rows have filled a long text costs about one draw per feature rather than
   * {@value #ROWS}.
   *
   * <p>A value is kept as {@code j << 32 | r}, r as 32 bits, which orders like {@code j + r}.
   *
   * @return {@value #ROWS} rows
   */
  private static long[] signature(Words words) {
    long[] rows = new long[ROWS];
    Arrays.fill(rows, Long.MAX_VALUE);
    int[] permutation = new int[ROWS];
    // Which feature last touched a permutation slot: a slot not yet touched by this feature holds
    // its own index, so each permutation starts as the identity without being reset.
    int[] touchedBy = new int[ROWS];
    Arrays.fill(touchedBy, -1);
    // rowsWithBound[j]: rows whose value is at least j and below j + 1 (the last slot also holds
    // the rows not yet offered anything); highest: the largest j with a row there.
    int[] rowsWithBound = new int[ROWS];
    rowsWithBound[ROWS - 1] = ROWS;
    int highest = ROWS - 1;
    // The features are a set, but a minimum does not change when a value comes twice: a repeated
    // word pair draws again rather than being looked up in a set.
    for (int w = 1; w < words.count; w++) {
      // Word hashes are uniform 64-bit values, so two pairs collide with probability about 2^-64.
      long state = words.lowerHashes[w - 1] * GOLDEN_GAMMA + words.lowerHashes[w];
      for (int j = 0; j <= highest; j++) {
        // SplitMix64: the state steps by the golden gamma and each output is its finaliser.
        state += GOLDEN_GAMMA;
        long random = mix(state);
        int k = j + (int) (((random >>> 32) * (ROWS - j)) >>> 32);
        if (touchedBy[j] != w) {
          touchedBy[j] = w;
          permutation[j] = j;
        }
        if (touchedBy[k] != w) {
          touchedBy[k] = w;
          permutation[k] = k;
        }
        int row = permutation[k];
        permutation[k] = permutation[j];
        permutation[j] = row;
        long value = (long) j << 32 | (random & 0xffffffffL);
        if (value < rows[row]) {
          int bound = (int) Math.min(rows[row] >>> 32, ROWS - 1);
          rows[row] = value;
          if (j < bound) {
            rowsWithBound[bound]--;
            rowsWithBound[j]++;
            while (rowsWithBound[highest] == 0) {
              highest--;
            }
          }
        }
      }
    }
    return rows;
  }

  /**
   * The words of {@code NFKC(title) + " " + NFKC(body)}, runs of letters and numbers (regex
   * {@code [\p{L}\p{N}]+}), found in one pass over the text with what the signature and the facts
   * need of each: a hash of the word in lower case, its {@link String#hashCode}, and whether it is
   * ASCII, has a capital, starts with one or holds a digit.
   */
  private static final class Words {
    private static final int NOT_ASCII = 1;
    private static final int UPPER = 2;
    private static final int FIRST_UPPER = 4;
    private static final int DIGIT = 8;

    private final String text;
    /** Where the title ends in {@link #text}; the body starts one char later. */
    private final int titleEnd;
    private int count;
    /** {@code [start0, end0, start1, end1, ...]} char offsets in {@link #text}. */
    private int[] bounds = new int[256];
    /** FNV-1a 64 of each word in lower case ({@link #lowerCase(int)}), mixed. */
    private long[] lowerHashes = new long[128];
    /** {@link String#hashCode} of each ASCII word as written. */
    private int[] stringHashes = new int[128];
    private byte[] flags = new byte[128];

    private Words(String text, int titleEnd) {
      this.text = text;
      this.titleEnd = titleEnd;
    }

    static Words of(String title, String body) {
      // NFKC(title + " " + body) is NFKC(title) + " " + NFKC(body): a space neither composes with
      // what precedes it nor with what follows, so the title's end is known after normalizing.
      String normalizedTitle = normalized(head(title));
      Words words = new Words(normalizedTitle + " " + normalized(head(body)), normalizedTitle.length());
      words.scan();
      return words;
    }

    private void scan() {
      int start = -1;
      long lower = FNV_OFFSET;
      int hash = 0;
      int flag = 0;
      // One step past the end, which ends the last word like any other non-word char.
      for (int i = 0; i <= text.length(); ) {
        int c = i < text.length() ? text.charAt(i) : ' ';
        int step = 1;
        boolean inWord;
        if (c < 0x80) {
          inWord = ASCII_WORD[c];
        } else {
          // Outside ASCII by code point, as the regex would.
          c = text.codePointAt(i);
          inWord = isWordChar(c);
          step = Character.charCount(c);
        }
        if (inWord) {
          if (start < 0) {
            start = i;
            lower = FNV_OFFSET;
            hash = 0;
            flag = isAsciiUpper(c) ? FIRST_UPPER : 0;
          }
          if (c >= 0x80) {
            flag |= NOT_ASCII;
            lower = fnv(lowerCase(c), lower);
          } else if (isAsciiUpper(c)) {
            flag |= UPPER;
            lower = (lower ^ (c + ('a' - 'A'))) * FNV_PRIME;
          } else {
            flag |= isAsciiDigit(c) ? DIGIT : 0;
            lower = (lower ^ c) * FNV_PRIME;
          }
          hash = 31 * hash + c;
        } else if (start >= 0) {
          add(start, i, mix(lower), hash, (byte) flag);
          start = -1;
        }
        i += step;
      }
    }

    private void add(int start, int end, long lowerHash, int stringHash, byte flag) {
      if (count == flags.length) {
        bounds = Arrays.copyOf(bounds, 4 * count);
        lowerHashes = Arrays.copyOf(lowerHashes, 2 * count);
        stringHashes = Arrays.copyOf(stringHashes, 2 * count);
        flags = Arrays.copyOf(flags, 2 * count);
      }
      bounds[2 * count] = start;
      bounds[2 * count + 1] = end;
      lowerHashes[count] = lowerHash;
      stringHashes[count] = stringHash;
      flags[count] = flag;
      count++;
    }

    /** The facts of the body's words, or of the title's when the body has none. */
    SortedSet<String> facts() {
      int firstBodyWord = 0;
      while (firstBodyWord < count && bounds[2 * firstBodyWord] < titleEnd) {
        firstBodyWord++;
      }
      return firstBodyWord < count ? facts(firstBodyWord, count) : facts(0, count);
    }

    private SortedSet<String> facts(int from, int to) {
      Set<String> lowerCase = new HashSet<>();
      Set<String> capitalised = new HashSet<>();
      SortedSet<String> facts = new TreeSet<>();
      for (int w = from; w < to; w++) {
        int start = bounds[2 * w];
        int end = bounds[2 * w + 1];
        if ((flags[w] & NOT_ASCII) != 0) {
          otherWord(text, start, end, lowerCase, capitalised, facts);
          continue;
        }
        if ((flags[w] & FIRST_UPPER) != 0) {
          String lower = text.substring(start, end).toLowerCase(Locale.ROOT);
          if (!CALENDAR_WORDS.contains(lower)) {
            capitalised.add(lower);
          }
        }
        if ((flags[w] & DIGIT) != 0) {
          for (int i = start; i < end; i++) {
            if (isAsciiDigit(text.charAt(i))) {
              int first = i;
              while (i < end && isAsciiDigit(text.charAt(i))) {
                i++;
              }
              facts.add("#" + text.substring(first, i));
            }
          }
        }
      }
      capitalised.removeAll(lowerCase);
      // Most words are ASCII and in lower case: rather than each kept as a string, they are
      // compared by String hash with the few capitalised words, and read only when one matches.
      if (!capitalised.isEmpty()) {
        // A filter of 1,024 bits answers most words without the search: a few dozen names set
        // under 5% of its bits.
        long[] nameBits = new long[16];
        capitalised.forEach(name -> nameBits[(name.hashCode() >>> 6) & 15] |= 1L << name.hashCode());
        int[] nameHashes = capitalised.stream().mapToInt(String::hashCode).sorted().toArray();
        for (int w = from; w < to && !capitalised.isEmpty(); w++) {
          int hash = stringHashes[w];
          if ((flags[w] & (NOT_ASCII | UPPER)) == 0 && (nameBits[(hash >>> 6) & 15] & 1L << hash) != 0
              && Arrays.binarySearch(nameHashes, hash) >= 0) {
            capitalised.remove(text.substring(bounds[2 * w], bounds[2 * w + 1]));
          }
        }
      }
      capitalised.forEach(name -> facts.add("@" + name));
      return facts;
    }
  }

  /** Sorts a word with a char outside ASCII into the sets of {@link Words#facts}. */
  private static void otherWord(String text, int start, int end, Set<String> lowerCase, Set<String> capitalised,
      SortedSet<String> facts) {
    StringBuilder folded = new StringBuilder(end - start);
    boolean inLowerCase = true;
    for (int i = start; i < end; ) {
      int c = text.codePointAt(i);
      inLowerCase &= Character.toLowerCase(c) == c;
      folded.appendCodePoint(lowerCase(c));
      i += Character.charCount(c);
    }
    String lower = folded.toString();
    if (inLowerCase) {
      lowerCase.add(lower);
    } else if (Character.isUpperCase(text.codePointAt(start)) && !CALENDAR_WORDS.contains(lower)) {
      capitalised.add(lower);
    }
    int[] numbers = runs(text, start, end, StoryFingerprint::isNumber);
    for (int r = 0; r < numbers.length; r += 2) {
      facts.add("#" + text.substring(numbers[r], numbers[r + 1]));
    }
  }

  /**
   * A code point in lower case, {@link Character#toLowerCase(int)}, with final sigma as sigma: one
   * code point at a time, so linear in the text. ({@link String#toLowerCase} writes Σ as σ or ς
   * by what surrounds it, and that search is quadratic within one long word.)
   */
  private static int lowerCase(int c) {
    int lower = Character.toLowerCase(c);
    return lower == FINAL_SIGMA ? SIGMA : lower;
  }

  private static boolean isAsciiUpper(int c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isAsciiDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /**
   * The first {@link #MAX_CHARS} chars of {@code text}, one fewer rather than half a surrogate
   * pair; "" for null.
   */
  private static String head(String text) {
    if (text == null) {
      return "";
    }
    if (text.length() <= MAX_CHARS) {
      return text;
    }
    return text.substring(0, Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS);
  }

  private static String normalized(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFKC);
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
      long hash = mix(BAND_SEEDS[band] ^ facts);
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

  /** FNV-1a 64 of a code point's UTF-16 units, continuing from {@code hash}. */
  private static long fnv(int c, long hash) {
    if (Character.isBmpCodePoint(c)) {
      return (hash ^ c) * FNV_PRIME;
    }
    return (((hash ^ Character.highSurrogate(c)) * FNV_PRIME) ^ Character.lowSurrogate(c)) * FNV_PRIME;
  }

  /** SplitMix64's finaliser: spreads every input bit over the whole word. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}

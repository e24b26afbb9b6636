package io.newssignals.extract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds lexicon phrases in folded text, as whole words, each labelled with the group it came from.
 *
 * <p>Phrase syntax (lexicon data): words separated by spaces match any run of whitespace; a word
 * ending in {@code *} matches any word starting with what precedes the star ({@code contrat*}
 * matches contratar, contrata, contrató). Longer phrases win over shorter ones at the same place.
 * A word character is a letter or a number ({@code [\p{L}\p{N}]}); whitespace is {@code [\s\u00A0]}.
 *
 * <p>Matching is hand-written rather than one regex alternation of every phrase: such a regex tries
 * each of its hundreds of alternatives at every offset and clears one group per phrase on each
 * {@code Matcher} reset, which profiling showed to be three quarters of extraction time. Here only
 * word starts are tried, and only the phrases whose first word the text there starts with (found
 * in the trie of {@link PhraseIndex}, which also runs many matchers in one pass). The results
 * are those of that regex: the same phrase order, greedy words, backtracking where it can matter.
 */
final class PhraseMatcher {

  /** {@link #isWordChar} for ASCII, the bulk of folded text: a table, as it runs at every char. */
  private static final boolean[] ASCII_WORD = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      ASCII_WORD[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      ASCII_WORD[c] = true;
      ASCII_WORD[Character.toUpperCase(c)] = true;
    }
  }

  /** One occurrence: the label of its phrase group and its offsets, end exclusive. */
  record Match(String label, int start, int end) {}

  /**
   * A phrase: its words in folded form, and for each whether it ends in {@code *} (then the word
   * holds only what precedes the star).
   */
  record Phrase(String label, String[] words, boolean[] open) {}

  /** The phrases, longest first. */
  private final List<Phrase> phrases;
  /** This matcher alone, for callers that need no other. */
  private final PhraseIndex alone;

  private PhraseMatcher(List<Phrase> phrases) {
    this.phrases = phrases;
    this.alone = new PhraseIndex(List.of(this));
  }

  /** Builds a matcher over phrase groups; the map's keys become the match labels. */
  static PhraseMatcher of(Map<String, List<String>> phrasesByLabel) {
    List<Phrase> phrases = new ArrayList<>();
    List<Integer> lengths = new ArrayList<>();
    phrasesByLabel.forEach((label, list) -> list.forEach(p -> {
      String folded = TextFolding.fold(p.trim());
      phrases.add(phrase(label, folded));
      lengths.add(folded.length());
    }));
    // Longest first; the sort is stable, so equal lengths keep the lexicon's order.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < phrases.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt(lengths::get).reversed());
    return new PhraseMatcher(order.stream().map(phrases::get).toList());
  }

  /** Builds a matcher over one group of phrases, all labelled {@code label}. */
  static PhraseMatcher of(String label, List<String> phrases) {
    return of(Map.of(label, phrases));
  }

  private static Phrase phrase(String label, String folded) {
    String[] words = folded.split("\\s+");
    boolean[] open = new boolean[words.length];
    for (int i = 0; i < words.length; i++) {
      if (words[i].endsWith("*")) {
        open[i] = true;
        words[i] = words[i].substring(0, words[i].length() - 1);
      }
    }
    return new Phrase(label, words, open);
  }

  /** The phrases in the order they are tried at one place: longest first, then lexicon order. */
  List<Phrase> phrases() {
    return phrases;
  }

  /** All non-overlapping occurrences in {@code folded} (text passed through {@link TextFolding}). */
  List<Match> findAll(String folded) {
    return alone.findAll(folded)[0];
  }

  /**
   * Matches words {@code w..} of a phrase from {@code at}, then requires no word character after.
   *
   * @return the end of the match, or -1
   */
  static int matchWords(Phrase phrase, int w, String text, int at) {
    String word = phrase.words()[w];
    if (!text.startsWith(word, at)) {
      return -1;
    }
    int end = at + word.length();
    if (phrase.open()[w]) {
      // Greedy, as the regex's [\p{L}\p{N}]*: stopping earlier would leave a word character where
      // the next part needs a space or a non-word character.
      while (end < text.length() && isWordCharAt(text, end)) {
        end += Character.charCount(text.codePointAt(end));
      }
    }
    if (w == phrase.words().length - 1) {
      return end < text.length() && isWordCharAt(text, end) ? -1 : end;
    }
    int spacesEnd = end;
    while (spacesEnd < text.length() && isSpace(text.charAt(spacesEnd))) {
      spacesEnd++;
    }
    if (spacesEnd == end) {
      return -1;
    }
    boolean bareStar = phrase.open()[w + 1] && phrase.words()[w + 1].isEmpty();
    // Only a bare * can match nothing and so let the next word start inside the run of spaces.
    int lowest = bareStar ? end + 1 : spacesEnd;
    for (int next = spacesEnd; next >= lowest; next--) {
      int matched = matchWords(phrase, w + 1, text, next);
      if (matched >= 0) {
        return matched;
      }
    }
    return -1;
  }

  /**
   * Whether the code point at {@code i} is a word char. Reads a char and only builds a code point
   * at a surrogate: {@code codePointAt} on text with non-Latin-1 chars (’, –) was a sixth of
   * extraction time, as the scans ask at every offset.
   */
  static boolean isWordCharAt(String text, int i) {
    char c = text.charAt(i);
    return Character.isSurrogate(c) ? isWordChar(text.codePointAt(i)) : isWordChar(c);
  }

  /** Whether the code point before {@code i} is a word char; as {@link #isWordCharAt}. */
  static boolean isWordCharBefore(String text, int i) {
    char c = text.charAt(i - 1);
    return Character.isSurrogate(c) ? isWordChar(text.codePointBefore(i)) : isWordChar(c);
  }

  /** A letter or a number: {@code [\p{L}\p{N}]}. */
  static boolean isWordChar(int codePoint) {
    if (codePoint < ASCII_WORD.length) {
      return ASCII_WORD[codePoint];
    }
    if (Character.isLetter(codePoint)) {
      return true;
    }
    int type = Character.getType(codePoint);
    return type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  /** The regex {@code \s} without Unicode classes is the six ASCII spaces; 0xA0 is the no-break space. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == 0xA0;
  }
}

package io.newssignals.extract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds lexicon phrases in folded text, as whole words, each labelled with the group it came from.
 *
 * <p>Phrase syntax (lexicon data): words separated by spaces match any run of whitespace; a word
 * ending in {@code *} matches any word starting with what precedes the star ({@code contrat*}
 * matches contratar, contrata, contrató). Longer phrases win over shorter ones at the same place.
 */
final class PhraseMatcher {

  /** One occurrence: the label of its phrase group and its offsets, end exclusive. */
  record Match(String label, int start, int end) {}

  /** A phrase as words; a word ending in {@code *} is a prefix. */
  private record Phrase(String label, String[] words, boolean[] prefix) {}

  /**
   * Candidate phrases by their first character, longest phrase first. Matching by hand rather than
   * with one big regex alternation: java.util.regex tries alternatives one by one with capturing
   * groups, which made the cue lookups the extractor's main cost.
   */
  private final Map<Character, List<Phrase>> byFirstChar;
  /** The same lists for U+0000..U+00FF, indexed by char: no boxing in the scanning loop. */
  private final List<?>[] latin = new List<?>[0x100];

  private PhraseMatcher(Map<Character, List<Phrase>> byFirstChar) {
    this.byFirstChar = byFirstChar;
    byFirstChar.forEach((c, phrases) -> {
      if (c < latin.length) {
        latin[c] = phrases;
      }
    });
  }

  @SuppressWarnings("unchecked")
  private List<Phrase> candidates(char c) {
    return c < latin.length ? (List<Phrase>) latin[c] : byFirstChar.get(c);
  }

  /** Builds a matcher over phrase groups; the map's keys become the match labels. */
  static PhraseMatcher of(Map<String, List<String>> phrasesByLabel) {
    record Entry(String label, String phrase) {}
    List<Entry> entries = new ArrayList<>();
    phrasesByLabel.forEach(
        (label, phrases) -> phrases.forEach(p -> entries.add(new Entry(label, TextFolding.fold(p.trim())))));
    entries.sort(Comparator.comparingInt((Entry e) -> e.phrase().length()).reversed());
    Map<Character, List<Phrase>> byFirstChar = new HashMap<>();
    for (Entry entry : entries) {
      String[] words = entry.phrase().split("\\s+");
      boolean[] prefix = new boolean[words.length];
      for (int i = 0; i < words.length; i++) {
        prefix[i] = words[i].endsWith("*");
        words[i] = prefix[i] ? words[i].substring(0, words[i].length() - 1) : words[i];
      }
      byFirstChar.computeIfAbsent(entry.phrase().charAt(0), c -> new ArrayList<>())
          .add(new Phrase(entry.label(), words, prefix));
    }
    return new PhraseMatcher(byFirstChar);
  }

  /** Builds a matcher over one group of phrases, all labelled {@code label}. */
  static PhraseMatcher of(String label, List<String> phrases) {
    return of(Map.of(label, phrases));
  }

  /**
   * All non-overlapping occurrences in {@code folded} (text passed through {@link TextFolding}),
   * scanning left to right; at one place the longest phrase wins.
   */
  List<Match> findAll(String folded) {
    List<Match> matches = new ArrayList<>();
    int i = 0;
    while (i < folded.length()) {
      int end = -1;
      String label = null;
      List<Phrase> candidates = i == 0 || !isWordChar(folded.charAt(i - 1)) ? candidates(folded.charAt(i)) : null;
      if (candidates != null) {
        for (Phrase phrase : candidates) {
          end = matchAt(phrase, folded, i);
          if (end >= 0) {
            label = phrase.label();
            break;
          }
        }
      }
      if (end >= 0) {
        matches.add(new Match(label, i, end));
        i = Math.max(end, i + 1);
      } else {
        i++;
      }
    }
    return matches;
  }

  /** Whether any phrase occurs in {@code folded}. */
  boolean foundIn(String folded) {
    return !findAll(folded).isEmpty();
  }

  /** The end of {@code phrase} matched at {@code start}, or -1. */
  private static int matchAt(Phrase phrase, String text, int start) {
    int at = start;
    for (int w = 0; w < phrase.words().length; w++) {
      if (w > 0) {
        int spaces = at;
        while (spaces < text.length() && isSpace(text.charAt(spaces))) {
          spaces++;
        }
        if (spaces == at) {
          return -1;
        }
        at = spaces;
      }
      String word = phrase.words()[w];
      if (!text.startsWith(word, at)) {
        return -1;
      }
      at += word.length();
      if (phrase.prefix()[w]) {
        while (at < text.length() && isWordChar(text.charAt(at))) {
          at++;
        }
      }
    }
    return at < text.length() && isWordChar(text.charAt(at)) ? -1 : at;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u00A0';
  }
}

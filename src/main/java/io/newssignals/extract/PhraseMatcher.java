package io.newssignals.extract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final String SPACE = "[\\s\\u00A0]+";
  private static final String WORD_CHAR = "[\\p{L}\\p{N}]";

  private final Pattern pattern;
  private final List<String> labelOfGroup;

  private PhraseMatcher(Pattern pattern, List<String> labelOfGroup) {
    this.pattern = pattern;
    this.labelOfGroup = labelOfGroup;
  }

  /** Builds a matcher over phrase groups; the map's keys become the match labels. */
  static PhraseMatcher of(Map<String, List<String>> phrasesByLabel) {
    record Entry(String label, String phrase) {}
    List<Entry> entries = new ArrayList<>();
    phrasesByLabel.forEach(
        (label, phrases) -> phrases.forEach(p -> entries.add(new Entry(label, TextFolding.fold(p.trim())))));
    entries.sort(Comparator.comparingInt((Entry e) -> e.phrase().length()).reversed());
    if (entries.isEmpty()) {
      return new PhraseMatcher(Pattern.compile("(?!)"), List.of());
    }
    List<String> labels = new ArrayList<>();
    StringBuilder regex = new StringBuilder("(?<!" + WORD_CHAR + ")(?:");
    for (Entry entry : entries) {
      if (!labels.isEmpty()) {
        regex.append('|');
      }
      regex.append('(').append(toRegex(entry.phrase())).append(')');
      labels.add(entry.label());
    }
    regex.append(")(?!" + WORD_CHAR + ")");
    return new PhraseMatcher(Pattern.compile(regex.toString()), labels);
  }

  /** Builds a matcher over one group of phrases, all labelled {@code label}. */
  static PhraseMatcher of(String label, List<String> phrases) {
    return of(Map.of(label, phrases));
  }

  private static String toRegex(String phrase) {
    List<String> words = new ArrayList<>();
    for (String word : phrase.split("\\s+")) {
      words.add(
          word.endsWith("*")
              ? Pattern.quote(word.substring(0, word.length() - 1)) + WORD_CHAR + "*"
              : Pattern.quote(word));
    }
    return String.join(SPACE, words);
  }

  /** All non-overlapping occurrences in {@code folded} (text passed through {@link TextFolding}). */
  List<Match> findAll(String folded) {
    List<Match> matches = new ArrayList<>();
    Matcher m = pattern.matcher(folded);
    while (m.find()) {
      matches.add(new Match(labelOf(m), m.start(), m.end()));
    }
    return matches;
  }

  /** Whether any phrase occurs in {@code folded}. */
  boolean foundIn(String folded) {
    return pattern.matcher(folded).find();
  }

  private String labelOf(Matcher m) {
    for (int group = 1; group <= labelOfGroup.size(); group++) {
      if (m.group(group) != null) {
        return labelOfGroup.get(group - 1);
      }
    }
    throw new IllegalStateException("a match without a matching group");
  }
}

package io.newssignals.extract;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One sentence with what was found in it; every offset is relative to the sentence text.
 *
 * @param sentence the sentence and its place in the item
 * @param folded the sentence passed through {@link TextFolding}, same length
 * @param names candidate proper names that are not places
 * @param places places from the gazetteer
 * @param money sums of money
 * @param found cue matches already looked up in this sentence, by matcher (rules ask for the same
 *     cues once per name, so each matcher runs once per sentence)
 */
record Passage(
    Sentence sentence,
    String folded,
    List<NameMention> names,
    List<PlaceMention> places,
    List<MoneyMention> money,
    Map<PhraseMatcher, List<PhraseMatcher.Match>> found) {

  /** The matches of {@code matcher} in this sentence, computed once. */
  List<PhraseMatcher.Match> find(PhraseMatcher matcher) {
    return found.computeIfAbsent(matcher, m -> m.findAll(folded));
  }

  /** Whether {@code matcher} matches in this sentence. */
  boolean has(PhraseMatcher matcher) {
    return !find(matcher).isEmpty();
  }

  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  /** Number of words in {@code folded} between two offsets. */
  int wordsBetween(int from, int to) {
    if (from >= to) {
      return 0;
    }
    return (int) Arrays.stream(NON_WORD.split(folded.substring(from, to)))
        .filter(w -> !w.isEmpty())
        .count();
  }

  /** Whether the text between two offsets holds only whitespace. */
  boolean onlySpaceBetween(int from, int to) {
    return from <= to && folded.substring(from, to).isBlank();
  }
}

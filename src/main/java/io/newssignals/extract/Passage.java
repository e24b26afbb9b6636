package io.newssignals.extract;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One sentence with what was found in it; every offset is relative to the sentence text.
 *
 * @param sentence the sentence and its place in the item
 * @param folded the sentence passed through {@link TextFolding}, same length
 * @param names candidate proper names that are not places
 * @param places places from the gazetteer
 * @param money sums of money
 * @param found cue matches in this sentence, found in one pass for every matcher of the language
 *     (rules ask for the same cues once per name, so none runs more than once per sentence)
 */
record Passage(
    Sentence sentence,
    String folded,
    List<NameMention> names,
    List<PlaceMention> places,
    List<MoneyMention> money,
    PhraseIndex.Matches found) {

  /** The matches of {@code matcher} in this sentence. */
  List<PhraseMatcher.Match> find(PhraseMatcher matcher) {
    return found.of(matcher);
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

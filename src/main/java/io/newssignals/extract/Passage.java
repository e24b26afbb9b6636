package io.newssignals.extract;

import java.util.Arrays;
import java.util.List;

/**
 * One sentence with what was found in it; every offset is relative to the sentence text.
 *
 * @param sentence the sentence and its place in the item
 * @param folded the sentence passed through {@link TextFolding}, same length
 * @param names candidate proper names that are not places
 * @param places places from the gazetteer
 * @param money sums of money
 */
record Passage(
    Sentence sentence,
    String folded,
    List<NameMention> names,
    List<PlaceMention> places,
    List<MoneyMention> money) {

  /** Number of words in {@code folded} between two offsets. */
  int wordsBetween(int from, int to) {
    if (from >= to) {
      return 0;
    }
    return (int) Arrays.stream(folded.substring(from, to).split("[^\\p{L}\\p{N}]+"))
        .filter(w -> !w.isEmpty())
        .count();
  }

  /** Whether the text between two offsets holds only whitespace. */
  boolean onlySpaceBetween(int from, int to) {
    return from <= to && folded.substring(from, to).isBlank();
  }
}

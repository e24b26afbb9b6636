package io.newssignals.extract;

import java.util.List;

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

  /** Number of words (runs of letters and numbers) in {@code folded} between two offsets. */
  int wordsBetween(int from, int to) {
    int words = 0;
    boolean inWord = false;
    for (int i = from; i < to; i += Character.charCount(folded.codePointAt(i))) {
      boolean wordChar = PhraseMatcher.isWordCharAt(folded, i);
      if (wordChar && !inWord) {
        words++;
      }
      inWord = wordChar;
    }
    return words;
  }

  /** Whether {@code folded} holds one of {@code chars} between two offsets. */
  boolean hasAnyBetween(int from, int to, String chars) {
    for (int i = from; i < to; i++) {
      if (chars.indexOf(folded.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether the text between two offsets holds only whitespace. */
  boolean onlySpaceBetween(int from, int to) {
    return from <= to && folded.substring(from, to).isBlank();
  }
}

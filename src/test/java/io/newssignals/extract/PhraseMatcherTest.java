package io.newssignals.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.extract.PhraseMatcher.Match;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The phrase syntax and match rules PhraseMatcher promises, on folded text. */
class PhraseMatcherTest {

  private final PhraseMatcher roles = PhraseMatcher.of(Map.of(
      "executive", List.of("chief * officer", "ceo"),
      "engineering", List.of("engineer*", "software engineers")));

  @Test
  void wholeWordsOnlyWithOpenEndings() {
    assertEquals(
        List.of(new Match("engineering", 4, 13), new Match("engineering", 30, 48)),
        roles.findAll("new engineers, no reengineer, software engineers"));
  }

  @Test
  void theLongestPhraseWinsAtOnePlace() {
    assertEquals(List.of(new Match("engineering", 0, 18)), roles.findAll("software engineers"));
    PhraseMatcher rounds = PhraseMatcher.of("round", List.of("round", "funding round"));
    assertEquals(List.of(new Match("round", 0, 13)), rounds.findAll("funding round"));
  }

  @Test
  void spacesBetweenWordsMatchAnyRunOfWhitespaceIncludingNoBreak() {
    // A bare * may match an empty word, but a space must still come before and after it: two
    // spaces match, one does not.
    assertEquals(
        List.of(new Match("executive", 0, 25), new Match("executive", 27, 41)),
        roles.findAll("chief\u00A0technology  officer, chief  officer, chief officer"));
  }

  @Test
  void wordsMustBeWholeAndAnEmptyMatcherFindsNothing() {
    assertEquals(List.of(new Match("executive", 4, 7)), roles.findAll("our ceo said"));
    assertEquals(List.of(), roles.findAll("ceos and chiefs"));
    assertEquals(List.of(), PhraseMatcher.of(Map.of()).findAll("anything"));
  }

  @Test
  void firstWordsOutsideTheLatinTableAndAmongSiblingBranchesMatch() {
    // The trie's root looks chars from U+0300 up by a search, the rest by a table; "cork",
    // "como" and "cordoba" share the nodes "c" and "co" and branch there.
    PhraseMatcher places = PhraseMatcher.of("place", List.of("東京", "αθηνα", "cork", "como", "cordoba"));
    assertEquals(
        List.of(new Match("place", 0, 2), new Match("place", 3, 8), new Match("place", 9, 13),
            new Match("place", 14, 21)),
        places.findAll("東京 αθηνα cork cordoba corks coma"));
  }
}

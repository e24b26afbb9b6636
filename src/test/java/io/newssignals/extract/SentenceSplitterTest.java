package io.newssignals.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

  private final SentenceSplitter splitter = new SentenceSplitter("en", List.of());

  @Test
  void aRunOnSentenceIsCutAtTheLastCommaInTheSecondHalfOfEachPiece() {
    // 40 clauses of 30 chars ("clause nn is thirty chars ok, "): 1,200 chars, one sentence.
    StringBuilder text = new StringBuilder();
    for (int i = 10; i < 50; i++) {
      text.append("clause ").append(i).append(" is thirty chars ok, ");
    }
    String runOn = text.toString().trim();

    List<Sentence> pieces = splitter.split("body", runOn);

    // 33 clauses end at 990, the last comma before 1,000; the rest starts after its space.
    assertEquals(List.of(new Sentence("body", 0, 989, runOn.substring(0, 989)),
        new Sentence("body", 990, 1199, runOn.substring(990))), pieces);
  }

  @Test
  void aRunWithoutCommasIsCutAtASpaceAndOneWithoutSpacesAtTheLimit() {
    String words = "word ".repeat(300).trim();
    String noSpace = "x".repeat(2_500);

    assertEquals(List.of(0, 999, 1000, 1499),
        splitter.split("body", words).stream().flatMap(s -> List.of(s.start(), s.end()).stream()).toList());
    assertEquals(List.of(0, 1000, 1000, 2000, 2000, 2500),
        splitter.split("body", noSpace).stream().flatMap(s -> List.of(s.start(), s.end()).stream()).toList());
  }

  @Test
  void ordinarySentencesAreNotCut() {
    assertEquals(List.of("Acme raised $5 million.", "It will hire 20 engineers."),
        splitter.split("body", "Acme raised $5 million. It will hire 20 engineers.").stream()
            .map(Sentence::text).toList());
  }
}

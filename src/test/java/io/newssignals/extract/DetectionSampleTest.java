package io.newssignals.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DetectionSampleTest {

  @Test
  void shortTextIsReadWhole() {
    assertEquals("Acme raises $5 million", LexiconSignalExtractor.detectionSample("Acme raises $5 million"));
  }

  @Test
  void longTextIsCutAtTheLastSpaceWithinTheLimit() {
    // 12-char words with their spaces: the limit of 300 falls inside word 26 (chars 300..310).
    String text = "abcdefghijk ".repeat(200);

    String sample = LexiconSignalExtractor.detectionSample(text);

    assertEquals(299, sample.length());
    assertEquals("abcdefghijk ".repeat(24) + "abcdefghijk", sample);
  }

  @Test
  void aTextWithoutSpacesIsCutAtTheLimit() {
    assertEquals(300, LexiconSignalExtractor.detectionSample("x".repeat(5_000)).length());
  }
}

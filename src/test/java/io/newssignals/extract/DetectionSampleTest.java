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
    // 12-char words with their spaces: the limit of 1,000 falls inside word 84 (chars 996..1007).
    String text = "abcdefghijk ".repeat(200);

    String sample = LexiconSignalExtractor.detectionSample(text);

    assertEquals(995, sample.length());
    assertEquals("abcdefghijk ".repeat(82) + "abcdefghijk", sample);
  }

  @Test
  void aTextWithoutSpacesIsCutAtTheLimit() {
    assertEquals(1_000, LexiconSignalExtractor.detectionSample("x".repeat(5_000)).length());
  }
}

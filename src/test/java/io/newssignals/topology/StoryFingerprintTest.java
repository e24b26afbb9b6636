package io.newssignals.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class StoryFingerprintTest {

  private static StoryFingerprint of(String body) {
    return StoryFingerprint.of("", body);
  }

  private static double similarity(String a, String b) {
    return StoryFingerprint.similarity(of(a).compact(), of(b).compact());
  }

  private static int sharedBands(String a, String b) {
    Set<String> shared = new HashSet<>(of(a).bandKeys());
    shared.retainAll(of(b).bandKeys());
    return shared.size();
  }

  @Test
  void caseSpacingPunctuationAndCompositionDoNotChangeIt() {
    String plain = "Mistral raises 600 million euros to hire engineers in Paris";
    String noisy = "MISTRAL raises 600  million euros -- to hire engineers in Paris!!";
    // "ﬁ" is one compatibility ligature that NFKC writes "fi".
    String ligature = "Mistral raises 600 million euros to hire engineers in Paris \uFB01";

    assertEquals(of(plain).bandKeys(), of(noisy).bandKeys());
    assertEquals(1.0, similarity(plain, noisy));
    assertEquals(of(plain + " fi").bandKeys(), of(ligature).bandKeys());
  }

  @Test
  void wordsAreLowerCasedOneCodePointAtATime() {
    // String.toLowerCase writes Σ as ς only at a word's end, judged across the apostrophe, and
    // İ as i plus a combining dot (not a letter, so a word break).
    String greek = "Η ΟΔΟΣ'ΤΟΥ ΛΙΜΑΝΙΟΥ ΚΛΕΙΣΕ ΓΙΑ ΕΡΓΑ ΣΤΗΝ ΠΟΛΗ";
    assertArrayEquals(of(greek).compact(), of(greek.replace("'", " ")).compact());
    assertArrayEquals(of(greek).compact(), of("η οδος του λιμανιου κλεισε για εργα στην πολη").compact());
    assertArrayEquals(
        of("İSTANBUL OFFICE OPENS WITH FIFTY ENGINEERS THIS SPRING").compact(),
        of("istanbul office opens with fifty engineers this spring").compact());
  }

  @Test
  void onlyTheFirstMaxCharsOfTheBodyCount() {
    String story = "Mistral raises 600 million euros to hire engineers in Paris. ";
    String longStory = story.repeat(StoryFingerprint.MAX_CHARS / story.length() + 1);

    assertEquals(of(longStory).bandKeys(), of(longStory + "Later it opened an office in London.").bandKeys());
  }

  @Test
  void theTitleCountsAsTextBeforeTheBody() {
    assertArrayEquals(
        StoryFingerprint.of("Mistral raises", "600 million euros to hire engineers").compact(),
        of("Mistral raises 600 million euros to hire engineers").compact());
  }

  @Test
  void factsAreTheNumbersAndTheNamesNeverWrittenInLowerCaseLeavingOutDates() {
    assertEquals(
        new TreeSet<>(Set.of("#600", "@mistral", "@ai", "@general", "@catalyst", "@paris",
            "@london", "@palo", "@alto", "@existing", "@andreessen", "@horowitz", "@lightspeed",
            "@nvidia")),
        StoryFingerprint.facts("", DedupTest.MISTRAL));
    // "MISTRAL" is Mistral; "Wednesday" is a date; "The" became "the" after the colon.
    assertEquals(
        StoryFingerprint.facts("", DedupTest.MISTRAL),
        StoryFingerprint.facts("", DedupTest.MISTRAL_REWORDED));
    assertEquals(
        new TreeSet<>(Set.of("#6", "#000", "@mistral")),
        StoryFingerprint.facts("Ignored Title", "Mistral: 6.000 millones, en marzo de la empresa."));
  }

  @Test
  void theTitleGivesTheFactsOnlyWhenThereIsNoBody() {
    assertEquals(
        new TreeSet<>(Set.of("#600", "@mistral", "@raises", "@euros")),
        StoryFingerprint.facts("Mistral Raises 600 Euros", " -- "));
    assertEquals(
        StoryFingerprint.of("mistral raises", DedupTest.MISTRAL).bandKeys(),
        StoryFingerprint.of("MISTRAL RAISES", DedupTest.MISTRAL).bandKeys());
  }

  @Test
  void templatedStoriesOfOtherCompaniesOrAmountsShareNoBand() {
    String acme = DedupTest.raises("Acme", 20);
    // One word pair of 52 differs: far above the 0.8 of a copy, were the names not compared.
    assertEquals(62 / 64.0, similarity(acme, DedupTest.raises("Bolt", 20)));
    assertEquals(0, sharedBands(acme, DedupTest.raises("Bolt", 20)));
    assertEquals(0, sharedBands(acme, DedupTest.raises("Acme", 25)));
    assertEquals(StoryFingerprint.BANDS, sharedBands(acme, DedupTest.raises("Acme", 20)));
  }

  @Test
  void copiesScoreHighAndOtherStoriesLow() {
    // Their word pairs have a Jaccard similarity of 64/68 = 0.94; 60 of 64 rows agree, and one
    // more row's low byte by chance: 61 of 64, above the 0.8 from which the topology drops a copy.
    assertEquals(61 / 64.0, similarity(DedupTest.MISTRAL, DedupTest.MISTRAL_REWORDED));
    assertEquals(12, sharedBands(DedupTest.MISTRAL, DedupTest.MISTRAL_REWORDED));
    // One row agrees: the two share one word pair ("and that") of 112.
    assertEquals(1 / 64.0, similarity(DedupTest.MISTRAL, DedupTest.NVIDIA));
    assertEquals(0, sharedBands(DedupTest.MISTRAL, DedupTest.NVIDIA));
  }

  @Test
  void shortTextsThatDifferByOneWordAreNotCopies() {
    // Ten words, nine pairs each; the changed word changes two: Jaccard 7/11 = 0.64.
    assertEquals(42 / 64.0, similarity(
        "Nvidia opens an office in Taipei for its research engineers",
        "Nvidia closes an office in Taipei for its research engineers"));
  }

  @Test
  void bandKeysNameTheirBand() {
    List<String> keys = of(DedupTest.NVIDIA).bandKeys();

    assertEquals(StoryFingerprint.BANDS, keys.size());
    for (int band = 0; band < StoryFingerprint.BANDS; band++) {
      assertEquals(true, keys.get(band).matches("band:" + band + ":[0-9a-f]{16}"), keys.get(band));
    }
    assertEquals(StoryFingerprint.ROWS, of(DedupTest.NVIDIA).compact().length);
  }

  @Test
  void textsOfFewerThanEightWordsHaveNone() {
    assertNull(StoryFingerprint.of("Funding round", "closed today, says Mistral AI."));
    assertEquals(
        StoryFingerprint.BANDS,
        StoryFingerprint.of("Funding round", "closed today, says Mistral AI SAS.").bandKeys().size());
  }

  @Test
  void compactFingerprintsOfTheWrongLengthAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StoryFingerprint.similarity(new byte[64], new byte[3]));
    assertEquals("compact fingerprints have 64 bytes: got 64 and 3", e.getMessage());
  }
}

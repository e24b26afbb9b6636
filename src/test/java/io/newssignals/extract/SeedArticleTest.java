package io.newssignals.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newssignals.avro.Evidence;
import io.newssignals.avro.Location;
import io.newssignals.avro.Money;
import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The shared seed article (Spanish, about Mistral) yields exactly one FUNDING, one HIRING and one
 * EXPANSION signal with these fields. Skipped where the shared directory is absent; our own
 * restatement in samples/mistral-es-facts.txt is then checked by {@link #ownRestatement()}.
 */
class SeedArticleTest {

  private static final LexiconSignalExtractor EXTRACTOR = new LexiconSignalExtractor(TestItems.CLOCK);
  private static final Location PALO_ALTO = new Location("Palo Alto", "Palo Alto", "CITY", "US");
  private static final Location CALIFORNIA = new Location("California", "California", "REGION", "US");
  private static final Location ESTADOS_UNIDOS = new Location("Estados Unidos", "United States", "COUNTRY", "US");
  private static final Location SILICON_VALLEY = new Location("Silicon Valley", "Silicon Valley", "REGION", "US");

  @Test
  void sharedSeedYieldsExactlyThreeSignals() {
    Optional<Path> seed = TestItems.sharedSeed();
    assumeTrue(seed.isPresent(), "shared/real-input/mistral-es.txt not found");
    String body = TestItems.read(seed.get());
    NewsItem item = TestItems.item("seed-mistral", "", body, null);

    List<Signal> signals = EXTRACTOR.extract(item);

    assertEquals(List.of(SignalType.FUNDING, SignalType.HIRING, SignalType.EXPANSION),
        signals.stream().map(Signal::getType).toList());
    for (Signal s : signals) {
      assertEquals("Mistral", s.getCompany());
      assertEquals("mistral", s.getCompanyId());
      assertEquals("es", s.getLanguage());
      assertEquals("seed-mistral", s.getItemId());
      assertEquals(TestItems.NOW, s.getProcessedAt());
      assertEquals(LexiconSignalExtractor.signalId("seed-mistral", s.getType().name(), "mistral"), s.getSignalId());
      assertEquals(0.85, s.getConfidence(), 1e-9);
      for (Evidence e : s.getEvidence()) {
        assertEquals("body", e.getField());
        assertEquals(body.substring(e.getStart(), e.getEnd()), e.getText());
      }
    }

    Signal funding = signals.get(0);
    assertEquals(null, funding.getAmount());
    assertEquals(List.of(6.0e9, "EUR", "6.000 millones de euros"), money(funding.getValuation()));
    assertEquals(6.2466e9, funding.getValuation().getUsdValue(), 0.005);
    assertEquals(null, funding.getRound());
    assertEquals(List.of("Andreessen Horowitz", "Microsoft", "Nvidia"), funding.getInvestors());
    assertEquals(3, funding.getEvidence().size());

    Signal hiring = signals.get(1);
    assertEquals(List.of("engineering", "research", "sales", "operations", "executive"), hiring.getRoles());
    assertEquals(List.of("Marjorie Janiewicz"), hiring.getPeople());
    assertEquals(null, hiring.getHeadcount());
    assertEquals(List.of(PALO_ALTO, CALIFORNIA), hiring.getLocations());
    assertEquals(3, hiring.getEvidence().size());

    Signal expansion = signals.get(2);
    assertEquals(List.of(ESTADOS_UNIDOS, PALO_ALTO, CALIFORNIA, SILICON_VALLEY), expansion.getLocations());
    assertEquals(5, expansion.getEvidence().size());
  }

  @Test
  void signalIdIsTheHexSha256OfItemTypeAndCompany() {
    // printf 'seed-mistral|FUNDING|mistral' | sha256sum
    assertEquals("eb14e04193757c4aa827bacedd2aee91cc3f5dda0f2ab35d44feae716a6e6cd5",
        LexiconSignalExtractor.signalId("seed-mistral", "FUNDING", "mistral"));
  }

  @Test
  void ownRestatement() {
    NewsItem item = TestItems.sample(TestItems.samplesDir().resolve("mistral-es-facts.txt"));

    List<Signal> signals = EXTRACTOR.extract(item);

    assertEquals(List.of(SignalType.FUNDING, SignalType.HIRING, SignalType.EXPANSION),
        signals.stream().map(Signal::getType).toList());
    assertEquals(List.of("mistral", "mistral", "mistral"), signals.stream().map(Signal::getCompanyId).toList());
    assertEquals(List.of(6.0e9, "EUR", "6.000 millones de euros"), money(signals.get(0).getValuation()));
    assertEquals(null, signals.get(0).getAmount());
    assertEquals(List.of("Marjorie Janiewicz"), signals.get(1).getPeople());
    assertEquals(List.of("engineering", "research", "sales", "executive"), signals.get(1).getRoles());
    assertEquals(List.of(CALIFORNIA, ESTADOS_UNIDOS, PALO_ALTO), signals.get(2).getLocations());
  }

  private static List<Object> money(Money m) {
    return List.of(m.getValue(), m.getCurrency(), m.getText());
  }
}

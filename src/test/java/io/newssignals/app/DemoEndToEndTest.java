package io.newssignals.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.Location;
import io.newssignals.avro.Money;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.ingest.IngestSummary;
import io.newssignals.testing.LocalStackExtension;
import io.newssignals.testing.ProjectFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo path on the real local broker and schema registry: the seed article goes in through the
 * producer, the topology runs under exactly-once, and exactly its three signals come out.
 */
@ExtendWith(LocalStackExtension.class)
class DemoEndToEndTest {

  private static final Location PALO_ALTO = new Location("Palo Alto", "Palo Alto", "CITY", "US");
  private static final Location CALIFORNIA = new Location("California", "California", "REGION", "US");

  @Test
  void theSeedArticleBecomesItsThreeSignals() {
    // The shared real article where CI lays it beside the clone; our own telling of its facts
    // otherwise (the file says which it used).
    Path input = ProjectFiles.sharedSeed()
        .orElse(ProjectFiles.samplesDir().resolve("mistral-es-facts.txt"));
    System.out.println("DemoEndToEndTest input: " + input);
    List<Signal> seen = new ArrayList<>();
    List<DeadLetter> dead = new ArrayList<>();

    Demo.Result result =
        new Demo(LocalStackExtension.bootstrapServers(), LocalStackExtension.schemaRegistryUrl(),
            Duration.ofSeconds(120))
            .run(List.of(input), seen::add, dead::add);

    assertEquals(new IngestSummary(1, 1, 0, 0, 0, 0), result.ingest());
    assertEquals(List.of(), dead);
    assertEquals(seen, result.signals());
    List<Signal> signals = seen.stream().sorted(Comparator.comparing(Signal::getType)).toList();
    assertEquals(List.of(SignalType.FUNDING, SignalType.HIRING, SignalType.EXPANSION),
        signals.stream().map(Signal::getType).toList());
    for (Signal s : signals) {
      assertEquals("Mistral", s.getCompany());
      assertEquals("mistral", s.getCompanyId());
      assertEquals("es", s.getLanguage());
    }
    Signal funding = signals.get(0);
    assertEquals(new Money(6.0e9, "EUR", "6.000 millones de euros"), funding.getValuation());
    assertEquals(null, funding.getAmount());
    Signal hiring = signals.get(1);
    assertEquals(List.of("engineering", "research", "sales", "operations", "executive"),
        hiring.getRoles());
    assertEquals(List.of("Marjorie Janiewicz"), hiring.getPeople());
    Signal expansion = signals.get(2);
    assertEquals(true, expansion.getLocations().containsAll(List.of(PALO_ALTO, CALIFORNIA)),
        expansion.getLocations().toString());
  }
}

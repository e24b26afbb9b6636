package io.newssignals.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newssignals.alerts.AlertRules;
import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.Location;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.ingest.IngestSummary;
import io.newssignals.testing.ProjectFiles;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The end-to-end scenario, for any cluster and registry (the local default, or containers): the
 * seed article goes in through the producer, the topology runs under exactly-once with its
 * monitoring, exactly its three signals come out, and {@code /metrics} counts them.
 */
final class SeedArticleScenario {

  private static final Location PALO_ALTO = new Location("Palo Alto", "Palo Alto", "CITY", "US");
  private static final Location CALIFORNIA = new Location("California", "California", "REGION", "US");

  private SeedArticleScenario() {}

  /** Runs the scenario on a cluster and registry that have never seen news-signals' topics. */
  static void run(String bootstrapServers, String schemaRegistryUrl) throws Exception {
    // The shared real article where CI lays it beside the clone; our own telling of its facts
    // otherwise (the file says which it used).
    Optional<Path> seed = ProjectFiles.sharedSeed();
    Path input = seed.orElse(ProjectFiles.samplesDir().resolve("mistral-es-facts.txt"));
    // Our restatement of the facts names no operations roles; the real article does.
    List<String> roles = seed.isPresent()
        ? List.of("engineering", "research", "sales", "operations", "executive")
        : List.of("engineering", "research", "sales", "executive");
    System.out.println("SeedArticleScenario input: " + input);
    List<Signal> seen = new ArrayList<>();
    List<DeadLetter> dead = new ArrayList<>();

    Demo.Result result;
    String metrics;
    try (Monitoring monitoring =
        Monitoring.start(new InetSocketAddress("127.0.0.1", 0), Monitoring.DEFAULT_LAG_INTERVAL)) {
      result = new Demo(bootstrapServers, schemaRegistryUrl, Duration.ofSeconds(120),
          AlertRules.DEFAULTS, monitoring)
          .run(List.of(input), seen::add, dead::add);
      metrics = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(
              "http://127.0.0.1:" + monitoring.address().getPort() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    }

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
    assertEquals(6.0e9, funding.getValuation().getValue());
    assertEquals("EUR", funding.getValuation().getCurrency());
    assertEquals("6.000 millones de euros", funding.getValuation().getText());
    assertEquals(null, funding.getAmount());
    Signal hiring = signals.get(1);
    assertEquals(roles, hiring.getRoles());
    assertEquals(List.of("Marjorie Janiewicz"), hiring.getPeople());
    Signal expansion = signals.get(2);
    assertEquals(true, expansion.getLocations().containsAll(List.of(PALO_ALTO, CALIFORNIA)),
        expansion.getLocations().toString());

    for (String series : List.of(
        "news_signals_items_consumed_total 1.0",
        "news_signals_signals_produced_total{language=\"es\",type=\"FUNDING\"} 1.0",
        "news_signals_signals_produced_total{language=\"es\",type=\"HIRING\"} 1.0",
        "news_signals_signals_produced_total{language=\"es\",type=\"EXPANSION\"} 1.0",
        "news_signals_dead_letters_total{stage=\"VALIDATION\"} 0.0",
        "news_signals_extraction_seconds_count 1",
        "news_signals_end_to_end_latency_seconds_count 3")) {
      assertTrue(metrics.lines().anyMatch(series::equals), series + " not in\n" + metrics);
    }
  }
}

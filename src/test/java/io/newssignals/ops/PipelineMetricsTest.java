package io.newssignals.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.serde.InMemorySchemaRegistry;
import io.newssignals.topology.DeadLetters;
import io.newssignals.topology.SignalTopology;
import io.newssignals.topology.StreamsSettings;
import io.newssignals.topology.Topics;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known input through the real topology, then a real scrape of {@code /metrics}: every series of
 * the pipeline with the value that input must give.
 */
class PipelineMetricsTest {

  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path stateDir;

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final Topics topics = new Topics(registry);

  private static NewsItem item(String id, String title, Instant publishedAt) {
    return NewsItem.newBuilder()
        .setId(id)
        .setTitle(title)
        .setBody("body")
        .setPublishedAt(publishedAt)
        .setIngestedAt(NOW.minusSeconds(10))
        .build();
  }

  private static Signal signal(NewsItem item, SignalType type, String language) {
    return Signal.newBuilder()
        .setSignalId(item.getId() + type)
        .setItemId(item.getId())
        .setType(type)
        .setCompany("Mistral")
        .setCompanyId("mistral")
        .setLanguage(language)
        .setConfidence(0.9)
        .setPublishedAt(item.getPublishedAt())
        .setProcessedAt(NOW)
        .build();
  }

  /** The extractor: by title, two English signals, one Spanish signal, none, or an exception. */
  private static List<Signal> extract(NewsItem item) {
    return switch (item.getTitle()) {
      case "two" -> List.of(
          signal(item, SignalType.FUNDING, "en"), signal(item, SignalType.HIRING, "en"));
      case "one" -> List.of(signal(item, SignalType.FUNDING, "es"));
      case "boom" -> throw new IllegalStateException("no rule for this item");
      default -> List.of();
    };
  }

  @Test
  void metricsExposesEachSeriesWithTheValuesOfAKnownInput() throws Exception {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PipelineMetrics metrics = new PipelineMetrics(prometheus);
    Properties props = StreamsSettings.properties("localhost:9092", registry, 1, Map.of(
        StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
        DeadLetters.CLOCK_CONFIG, CLOCK,
        DeadLetters.METRICS_CONFIG, metrics));
    try (TopologyTestDriver driver = new TopologyTestDriver(
            SignalTopology.build(topics, PipelineMetricsTest::extract, CLOCK,
                SignalTopology.Options.DEFAULTS.withMetrics(metrics)), props);
        OpsEndpoint endpoint = OpsEndpoint.start(
            new InetSocketAddress("127.0.0.1", 0), prometheus, () -> null)) {
      TestInputTopic<String, NewsItem> raw = driver.createInputTopic(
          Topics.RAW, new StringSerializer(), topics.raw().valueSerde().serializer());
      TestInputTopic<String, byte[]> rawBytes =
          driver.createInputTopic(Topics.RAW, new StringSerializer(), new ByteArraySerializer());

      // Published 90 s and 2 h before NOW; the third has no publication time: 10 s since ingest.
      raw.pipeInput("a", item("a", "two", NOW.minusSeconds(90)));
      raw.pipeInput("b", item("b", "one", NOW.minusSeconds(7200)));
      raw.pipeInput("c", item("c", "one", null));
      raw.pipeInput("d", item("d", "nothing", null));
      raw.pipeInput("e", item("e", "boom", null));
      raw.pipeInput("wrong-key", item("f", "two", null));
      rawBytes.pipeInput("g", new byte[] {1, 2, 3});
      metrics.duplicateDropped();

      String scrape = get(endpoint, "/metrics");
      Map<String, String> samples = scrape.lines()
          .filter(line -> !line.startsWith("#") && !line.isBlank())
          .collect(Collectors.toMap(
              line -> line.substring(0, line.lastIndexOf(' ')),
              line -> line.substring(line.lastIndexOf(' ') + 1)));

      // a to e pass validation's counter; f fails it (key mismatch); g never deserialises.
      assertEquals("6.0", samples.get("news_signals_items_consumed_total"));
      assertEquals("2.0",
          samples.get("news_signals_signals_produced_total{language=\"es\",type=\"FUNDING\"}"));
      assertEquals("1.0",
          samples.get("news_signals_signals_produced_total{language=\"en\",type=\"FUNDING\"}"));
      assertEquals("1.0",
          samples.get("news_signals_signals_produced_total{language=\"en\",type=\"HIRING\"}"));
      assertEquals("1.0", samples.get("news_signals_dead_letters_total{stage=\"DESERIALIZATION\"}"));
      assertEquals("1.0", samples.get("news_signals_dead_letters_total{stage=\"VALIDATION\"}"));
      assertEquals("1.0", samples.get("news_signals_dead_letters_total{stage=\"PROCESSING\"}"));
      assertEquals("0.0", samples.get("news_signals_dead_letters_total{stage=\"PRODUCTION\"}"));
      assertEquals("1.0", samples.get("news_signals_duplicates_dropped_total"));
      // Extraction ran for a, b, c, d and e (e threw, and is timed too).
      assertEquals("5", samples.get("news_signals_extraction_seconds_count"));
      assertEquals("5", samples.get("news_signals_extraction_seconds_bucket{le=\"+Inf\"}"));
      // Latencies: a's two signals 90 s each, b's 7200 s, c's 10 s (from ingestion).
      assertEquals("4", samples.get("news_signals_end_to_end_latency_seconds_count"));
      assertEquals("7390.0", samples.get("news_signals_end_to_end_latency_seconds_sum"));
      assertEquals("7200.0", samples.get("news_signals_end_to_end_latency_seconds_max"));
      assertEquals("0", samples.get("news_signals_end_to_end_latency_seconds_bucket{le=\"5.0\"}"));
      assertEquals("1", samples.get("news_signals_end_to_end_latency_seconds_bucket{le=\"30.0\"}"));
      assertEquals("3", samples.get("news_signals_end_to_end_latency_seconds_bucket{le=\"300.0\"}"));
      assertEquals("4", samples.get("news_signals_end_to_end_latency_seconds_bucket{le=\"21600.0\"}"));
      assertTrue(scrape.contains("# TYPE news_signals_end_to_end_latency_seconds histogram"), scrape);
    }
  }

  @Test
  void lagGaugesFollowTheLatestReport() throws Exception {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PipelineMetrics metrics = new PipelineMetrics(prometheus);
    metrics.recordLag(new LagReport(NOW, List.of(new LagReport.Group("g", List.of(
        new LagReport.Partition("t", 0, 4, 6, 2, 61_500),
        new LagReport.Partition("t", 1, 3, 3, 0, 0),
        new LagReport.Partition("t", 2, -1, 5, 5, -1))))));

    String scrape = prometheus.scrape();
    assertTrue(scrape.contains(
        "news_signals_consumer_lag_records{group=\"g\",partition=\"0\",topic=\"t\"} 2.0\n"), scrape);
    assertTrue(scrape.contains(
        "news_signals_consumer_lag_records{group=\"g\",partition=\"2\",topic=\"t\"} 5.0\n"), scrape);
    assertTrue(scrape.contains(
        "news_signals_consumer_lag_seconds{group=\"g\",partition=\"0\",topic=\"t\"} 61.5\n"), scrape);
    assertTrue(scrape.contains(
        "news_signals_consumer_lag_seconds{group=\"g\",partition=\"1\",topic=\"t\"} 0.0\n"), scrape);
    // Unknown age: no value rather than a made-up one.
    assertTrue(!scrape.contains("news_signals_consumer_lag_seconds{group=\"g\",partition=\"2\""),
        scrape);

    metrics.recordLag(new LagReport(NOW, List.of(new LagReport.Group("g", List.of(
        new LagReport.Partition("t", 0, 6, 6, 0, 0))))));
    scrape = prometheus.scrape();
    assertTrue(scrape.contains(
        "news_signals_consumer_lag_records{group=\"g\",partition=\"0\",topic=\"t\"} 0.0\n"), scrape);
    assertTrue(!scrape.contains("partition=\"1\""), scrape);
  }

  static String get(OpsEndpoint endpoint, String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(uri(endpoint, path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  static URI uri(OpsEndpoint endpoint, String path) {
    return URI.create("http://127.0.0.1:" + endpoint.address().getPort() + path);
  }
}

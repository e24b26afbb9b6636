package io.newssignals.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.ops.PipelineMetrics;
import io.newssignals.serde.InMemorySchemaRegistry;
import io.newssignals.testing.LocalStackExtension;
import io.newssignals.testing.ProjectFiles;
import io.newssignals.topology.DeadLetters;
import io.newssignals.topology.SignalTopology;
import io.newssignals.topology.StreamsSettings;
import io.newssignals.topology.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/ cannot run here (no Docker engine), so its files are checked instead: the compose file,
 * the Prometheus configuration and rules and the Grafana dashboard parse, hang together, and use
 * only metric names that the application's endpoint really exports, as seen in a real scrape.
 */
@ExtendWith(LocalStackExtension.class)
class DockerStackTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Metric names in PromQL: ours and Kafka's (functions, labels and keywords never start so). */
  private static final Pattern METRIC = Pattern.compile("\\b(?:news_signals|kafka)_[a-z0-9_]+\\b");

  private final Path docker = ProjectFiles.dockerDir();

  @Test
  void composeRunsTheWholeStackFromFilesThatExist() throws IOException {
    JsonNode services = YAML.readTree(docker.resolve("docker-compose.yml").toFile()).get("services");

    assertEquals(Set.of("kafka", "schema-registry", "topology", "ingester", "prometheus", "grafana"),
        names(services));
    assertTrue(services.get("kafka").get("image").asText().startsWith("apache/kafka:"));
    assertEquals("broker,controller",
        services.get("kafka").get("environment").get("KAFKA_PROCESS_ROLES").asText());
    assertTrue(services.get("schema-registry").get("image").asText()
        .startsWith("confluentinc/cp-schema-registry:"));
    JsonNode build = services.get("topology").get("build");
    assertTrue(Files.isRegularFile(
        docker.resolve(build.get("context").asText()).resolve(build.get("dockerfile").asText())));
    assertEquals(List.of("run", "--create-topics", "--http-host", "0.0.0.0", "--http-port", "9464"),
        strings(services.get("topology").get("command")));
    assertEquals(services.get("topology").get("image"), services.get("ingester").get("image"));
    assertEquals("ingest", services.get("ingester").get("command").get(0).asText());
    for (String service : List.of("topology", "ingester")) {
      JsonNode env = services.get(service).get("environment");
      assertEquals("kafka:19092", env.get("NEWS_SIGNALS_BOOTSTRAP_SERVERS").asText());
      assertEquals("http://schema-registry:8081", env.get("NEWS_SIGNALS_SCHEMA_REGISTRY_URL").asText());
    }
    // Every bind mount's source is in the repository; every published port is on loopback only.
    for (JsonNode service : services) {
      for (JsonNode volume : service.path("volumes")) {
        Path source = docker.resolve(volume.asText().split(":")[0]).normalize();
        assertTrue(Files.exists(source), source.toString());
      }
      for (JsonNode port : service.path("ports")) {
        assertTrue(port.asText().startsWith("127.0.0.1:"), port.asText());
      }
    }
    String dockerfile = Files.readString(docker.resolve("Dockerfile"));
    assertEquals(2, dockerfile.lines().filter(l -> l.startsWith("FROM ")).count());
    assertTrue(dockerfile.contains("COPY --from=build /src/target/news-signals.jar"));
  }

  @Test
  void prometheusScrapesTheTopologyAndLoadsTheRules() throws IOException {
    JsonNode config = YAML.readTree(docker.resolve("prometheus/prometheus.yml").toFile());
    JsonNode job = config.get("scrape_configs").get(0);
    assertEquals("/metrics", job.get("metrics_path").asText());
    assertEquals(List.of("topology:9464"), strings(job.get("static_configs").get(0).get("targets")));
    assertEquals(List.of("/etc/prometheus/alerts.yml"), strings(config.get("rule_files")));

    JsonNode rules = YAML.readTree(docker.resolve("prometheus/alerts.yml").toFile())
        .get("groups").get(0).get("rules");
    assertEquals(
        List.of("NewsSignalsLagRecords", "NewsSignalsLagTime", "NewsSignalsStalled",
            "NewsSignalsDeadLetterBurst"),
        strings(rules, "alert"));
    for (JsonNode rule : rules) {
      assertFalse(rule.get("annotations").get("summary").asText().isBlank());
    }
  }

  @Test
  void everyMetricOfTheRulesAndTheDashboardIsExported(@TempDir Path stateDir) throws Exception {
    JsonNode rules = YAML.readTree(docker.resolve("prometheus/alerts.yml").toFile())
        .get("groups").get(0).get("rules");
    Set<String> ruleMetrics = metrics(strings(rules, "expr"));
    JsonNode dashboard = JSON.readTree(docker.resolve("grafana/dashboards/news-signals.json").toFile());
    List<String> panelExprs = new ArrayList<>();
    JsonNode datasource = YAML.readTree(
        docker.resolve("grafana/provisioning/datasources/prometheus.yml").toFile())
        .get("datasources").get(0);
    for (JsonNode panel : dashboard.get("panels")) {
      assertEquals(datasource.get("uid"), panel.get("datasource").get("uid"));
      assertFalse(panel.get("targets").isEmpty(), panel.get("title").asText());
      panelExprs.addAll(strings(panel.get("targets"), "expr"));
    }
    Set<String> dashboardMetrics = metrics(panelExprs);

    assertEquals(Set.of(
            "news_signals_consumer_lag_records", "news_signals_consumer_lag_seconds",
            "news_signals_dead_letters_total", "news_signals_items_consumed_total"),
        ruleMetrics);
    assertEquals(Set.of(
            "news_signals_items_consumed_total", "news_signals_signals_produced_total",
            "news_signals_dead_letters_total", "news_signals_consumer_lag_records",
            "news_signals_consumer_lag_seconds", "news_signals_end_to_end_latency_seconds_bucket",
            "news_signals_extraction_seconds_bucket", "news_signals_extraction_seconds_sum",
            "news_signals_extraction_seconds_count", "news_signals_duplicates_dropped_total",
            "kafka_stream_thread_process_total"),
        dashboardMetrics);

    Set<String> exported = exportedNames(scrapeOfARunningApplication(stateDir));
    for (String name : union(ruleMetrics, dashboardMetrics)) {
      assertTrue(exported.contains(name), name + " is not exported; exported: " + exported);
    }
  }

  /**
   * The endpoint as the application runs it: a real Kafka Streams instance on the broker, watched
   * for its metrics and lag, and the pipeline's own metrics after one item went through the
   * signal topology.
   */
  private static String scrapeOfARunningApplication(Path stateDir) throws Exception {
    String bootstrap = LocalStackExtension.bootstrapServers();
    String in = "docker-stack-test.in";
    String app = "docker-stack-test";
    Map<String, Object> settings = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(settings)) {
      admin.createTopics(List.of(new NewTopic(in, 1, (short) 1),
          new NewTopic("docker-stack-test.out", 1, (short) 1))).all().get();
    }
    MonitoringTest.produce(bootstrap, in, 1);
    try (Monitoring monitoring =
        Monitoring.start(new InetSocketAddress("127.0.0.1", 0), Duration.ofMillis(500))) {
      signalThroughTheTopology(monitoring.metrics(), stateDir.resolve("driver"));
      try (StreamsApp streams = StreamsApp.start(
          MonitoringTest.upperCase(in, "docker-stack-test.out"),
          MonitoringTest.properties(app, bootstrap, stateDir.resolve("streams")),
          Duration.ofSeconds(120),
          s -> monitoring.watch(s, settings, app, List.of(in)))) {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + monitoring.address().getPort() + "/metrics");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String scrape;
        do {
          Thread.sleep(250);
          scrape = http.send(HttpRequest.newBuilder(uri).build(),
              HttpResponse.BodyHandlers.ofString()).body();
        } while (!(scrape.contains("news_signals_consumer_lag_seconds{")
            && scrape.contains("kafka_stream_thread_process_total{"))
            && System.nanoTime() < deadline);
        return scrape;
      }
    }
  }

  private static void signalThroughTheTopology(PipelineMetrics metrics, Path stateDir) {
    Instant now = Instant.parse("2026-03-04T05:06:07Z");
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    Topics topics = new Topics(registry);
    NewsItem item = NewsItem.newBuilder().setId("i").setTitle("t").setBody("b")
        .setIngestedAt(now).build();
    Signal signal = Signal.newBuilder().setSignalId("s").setItemId("i").setType(SignalType.FUNDING)
        .setCompany("Mistral").setCompanyId("mistral").setLanguage("es").setConfidence(0.9)
        .setProcessedAt(now).build();
    try (TopologyTestDriver driver = new TopologyTestDriver(
        SignalTopology.build(topics, any -> List.of(signal), clock,
            SignalTopology.Options.DEFAULTS.withMetrics(metrics)),
        StreamsSettings.properties("localhost:9092", registry, 1, Map.of(
            StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
            DeadLetters.METRICS_CONFIG, metrics)))) {
      driver.createInputTopic(Topics.RAW, new StringSerializer(),
          topics.raw().valueSerde().serializer()).pipeInput("i", item);
    }
  }

  /** @return the sample names of a Prometheus text scrape (histogram series included) */
  private static Set<String> exportedNames(String scrape) {
    return scrape.lines()
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .map(line -> line.split("[{ ]", 2)[0])
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> metrics(List<String> expressions) {
    Set<String> names = new TreeSet<>();
    for (String expr : expressions) {
      Matcher m = METRIC.matcher(expr);
      while (m.find()) {
        names.add(m.group());
      }
    }
    return names;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static List<String> strings(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.get(field).asText()));
    return values;
  }
}

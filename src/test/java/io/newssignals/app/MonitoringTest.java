package io.newssignals.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newssignals.testing.LocalStackExtension;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint of a real Kafka Streams application on the real broker: {@code /ready} false before
 * Streams runs, true while it runs, false after; Kafka Streams' own metrics and the consumer lag on
 * {@code /metrics}.
 */
@ExtendWith(LocalStackExtension.class)
class MonitoringTest {

  static final String IN = "monitoring-test.in";
  static final String OUT = "monitoring-test.out";
  static final String APP = "monitoring-test";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void readyFollowsKafkaStreamsAndMetricsShowItsLag(@TempDir Path stateDir) throws Exception {
    String bootstrap = LocalStackExtension.bootstrapServers();
    Map<String, Object> settings = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(settings)) {
      admin.createTopics(List.of(new NewTopic(IN, 1, (short) 1), new NewTopic(OUT, 1, (short) 1)))
          .all().get();
    }
    produce(bootstrap, IN, 3);

    try (Monitoring monitoring =
        Monitoring.start(new InetSocketAddress("127.0.0.1", 0), Duration.ofMillis(500))) {
      assertEquals(new Response(200, "{\"status\":\"UP\"}"), get(monitoring, "/health"));
      assertEquals(new Response(503, "{\"ready\":false,\"state\":null}"), get(monitoring, "/ready"));

      StreamsApp app = StreamsApp.start(upperCase(IN, OUT), properties(APP, bootstrap, stateDir),
          // A topic that does not exist, as a repartition topic before Kafka Streams creates it,
          // must not keep the lag of the others from being read.
          Duration.ofSeconds(120), streams -> monitoring.watch(streams, settings, APP,
              List.of(IN, "monitoring-test-not-created")));
      try {
        assertEquals(new Response(200, "{\"ready\":true,\"state\":\"RUNNING\"}"),
            get(monitoring, "/ready"));
        String lagRecords = "news_signals_consumer_lag_records{group=\"" + APP
            + "\",partition=\"0\",topic=\"" + IN + "\"} 0.0\n";
        String lagSeconds = "news_signals_consumer_lag_seconds{group=\"" + APP
            + "\",partition=\"0\",topic=\"" + IN + "\"} 0.0\n";
        String metrics = awaitMetrics(monitoring, lagRecords, Duration.ofSeconds(60));
        assertTrue(metrics.contains(lagSeconds), metrics);
        // Kafka Streams' own metrics, bound by Micrometer: the thread has processed the 3 records.
        assertTrue(metrics.contains("# TYPE kafka_stream_thread_process_total counter"), metrics);
        // Tagged by thread: the dashboard's Kafka Streams panel sums it by thread_id.
        assertTrue(Pattern.compile("kafka_stream_thread_process_total\\{[^}]*thread_id=\"")
            .matcher(metrics).find(), metrics);
      } finally {
        app.close();
      }
      assertEquals(new Response(503, "{\"ready\":false,\"state\":\"NOT_RUNNING\"}"),
          get(monitoring, "/ready"));
      assertEquals(404, get(monitoring, "/nothing").status());
      HttpResponse<String> post = http.send(
          HttpRequest.newBuilder(uri(monitoring, "/metrics"))
              .POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(405, post.statusCode());
    }
  }

  record Response(int status, String body) {}

  private Response get(Monitoring monitoring, String path) throws Exception {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(uri(monitoring, path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body());
  }

  private static URI uri(Monitoring monitoring, String path) {
    return URI.create("http://127.0.0.1:" + monitoring.address().getPort() + path);
  }

  /** Scrapes until the text contains {@code expected}: the lag is read on its own schedule. */
  private String awaitMetrics(Monitoring monitoring, String expected, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String metrics = get(monitoring, "/metrics").body();
    while (!metrics.contains(expected) && System.nanoTime() < deadline) {
      Thread.sleep(250);
      metrics = get(monitoring, "/metrics").body();
    }
    assertTrue(metrics.contains(expected), "no " + expected + " in\n" + metrics);
    return metrics;
  }

  /** @return a one-step topology: {@code in} upper-cased to {@code out}, string keys and values */
  static Topology upperCase(String in, String out) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(in, Consumed.with(Serdes.String(), Serdes.String()))
        .mapValues(v -> v.toUpperCase(Locale.ROOT))
        .to(out, Produced.with(Serdes.String(), Serdes.String()));
    return builder.build();
  }

  static Properties properties(String applicationId, String bootstrap, Path stateDir) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // Commit soon, so the committed offset (and so the lag) catches up within the test.
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    return p;
  }

  static void produce(String bootstrap, String topic, int records) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
      }
    }
  }
}

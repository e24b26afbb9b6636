package io.newssignals.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.extract.LexiconSignalExtractor;
import io.newssignals.ingest.NewsProducer;
import io.newssignals.ingest.NewsProducer.Deliveries;
import io.newssignals.ops.ConsumerGroupLag;
import io.newssignals.serde.HttpSchemaRegistryClient;
import io.newssignals.testing.BrokerTopics;
import io.newssignals.testing.LocalStackExtension;
import io.newssignals.testing.ProjectFiles;
import io.newssignals.topology.SignalTopology;
import io.newssignals.topology.StreamsSettings;
import io.newssignals.topology.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * De-duplication across a restart that loses the local state, on the real broker: the second run
 * starts on an empty state directory, Kafka Streams restores the dedup store from its changelog,
 * and the dedup processor's heap index, rebuilt from that store, still knows the first run's URLs
 * and stories.
 */
@ExtendWith(LocalStackExtension.class)
class DedupRestartTest {

  private static final String PREFIX = "it-dedup-restart.";

  @TempDir Path firstState;
  @TempDir Path secondState;

  private final String applicationId = "it-dedup-restart-" + UUID.randomUUID();
  private final HttpSchemaRegistryClient registry =
      new HttpSchemaRegistryClient(LocalStackExtension.schemaRegistryUrl());
  private final Topics topics = new Topics(registry, PREFIX);

  /** A sample article (first line the title, the rest the body) as an item of that URL. */
  private static NewsItem sample(String file, String id, String url) throws IOException {
    List<String> lines = Files.readAllLines(ProjectFiles.samplesDir().resolve(file), StandardCharsets.UTF_8);
    return NewsItem.newBuilder()
        .setId(id)
        .setUrl(url)
        .setTitle(lines.get(0))
        .setBody(String.join("\n", lines.subList(1, lines.size())))
        .setIngestedAt(Instant.now())
        .build();
  }

  @Test
  void copiesOfStoriesSeenBeforeARestartOnAnEmptyStateDirectoryAreDropped() throws Exception {
    BrokerTopics.create(topics.names(), 1);
    String bootstrap = LocalStackExtension.bootstrapServers();
    NewsItem northwind = sample("en-funding-northwind.txt", "northwind", "https://one.example/northwind");
    NewsItem quillon = sample("en-expansion-quillon.txt", "quillon", "https://one.example/quillon");
    List<Signal> signals = new ArrayList<>();
    List<DeadLetter> deadLetters = new ArrayList<>();

    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        OutputReader reader = new OutputReader(bootstrap, topics, signals::add, deadLetters::add)) {
      try (StreamsApp first = start(firstState)) {
        publish(northwind, quillon);
        awaitCaughtUp(admin, reader);
      }
      assertEquals(List.of("northwind", "quillon"), itemIds(signals));
      signals.clear();

      // The same Northwind story reworded under another URL, Quillon's URL with other text, and
      // a new story: only the new one may give signals.
      NewsItem northwindCopy = sample("en-funding-northwind.txt", "northwind-copy",
          "https://two.example/2026/northwind-raises");
      northwindCopy.setBody(northwindCopy.getBody().replace(",", ";").replace(".", "!"));
      NewsItem quillonUrl = sample("fr-funding-orane.txt", "quillon-url", quillon.getUrl());
      NewsItem lumina = sample("es-expansion-lumina.txt", "lumina", "https://one.example/lumina");
      try (StreamsApp second = start(secondState)) {
        publish(northwindCopy, quillonUrl, lumina);
        awaitCaughtUp(admin, reader);
      }
      assertEquals(List.of("lumina"), itemIds(signals));
      assertEquals(List.of(), deadLetters);
    }
  }

  private void publish(NewsItem... items) {
    try (NewsProducer producer = NewsProducer.connect(LocalStackExtension.bootstrapServers(), topics, Map.of())) {
      for (NewsItem item : items) {
        producer.publish("test", item);
      }
      assertEquals(new Deliveries(items.length, 0, 0), producer.flush());
    }
  }

  private StreamsApp start(Path stateDir) {
    Clock clock = Clock.systemUTC();
    Properties config = StreamsSettings.properties(LocalStackExtension.bootstrapServers(), registry, 1,
        Map.of(StreamsConfig.APPLICATION_ID_CONFIG, applicationId,
            StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
            StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetter().name(),
            // Kafka Streams does not leave the group on close: the second run's member waits for
            // the first's session to expire, at the broker's least rather than 45 s.
            StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000));
    return StreamsApp.start(SignalTopology.build(topics, new LexiconSignalExtractor(clock), clock),
        config, Duration.ofSeconds(120));
  }

  /** Reads output until the application's lag is zero twice in a row and the reader is at the end. */
  private void awaitCaughtUp(Admin admin, OutputReader reader) throws InterruptedException {
    List<String> inputs = new ArrayList<>(List.of(topics.raw().name()));
    inputs.addAll(SignalTopology.repartitionTopics(applicationId, SignalTopology.Options.DEFAULTS));
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    int quietLooks = 0;
    while (System.nanoTime() < deadline) {
      reader.poll(Duration.ofMillis(200));
      boolean caughtUp = ConsumerGroupLag.total(ConsumerGroupLag.of(admin, applicationId, inputs)) == 0;
      quietLooks = caughtUp ? quietLooks + 1 : 0;
      if (quietLooks >= 2 && reader.atEnd()) {
        return;
      }
    }
    throw new AssertionError("the topology did not catch up within 120 s");
  }

  private static List<String> itemIds(List<Signal> signals) {
    return List.copyOf(new TreeSet<>(signals.stream().map(Signal::getItemId).toList()));
  }
}

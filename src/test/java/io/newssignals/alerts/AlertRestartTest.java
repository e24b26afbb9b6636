package io.newssignals.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.app.StreamsApp;
import io.newssignals.avro.Alert;
import io.newssignals.avro.Location;
import io.newssignals.avro.Money;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.ops.ConsumerGroupLag;
import io.newssignals.serde.AvroSerde;
import io.newssignals.serde.HttpSchemaRegistryClient;
import io.newssignals.testing.LocalStackExtension;
import io.newssignals.topology.StreamsSettings;
import io.newssignals.topology.Topics.Topic;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules on the real broker across a restart that loses the local state: the second run
 * starts on an empty state directory, restores the stores from their changelogs, and neither
 * repeats an alert of the first run nor loses one of the second.
 */
@ExtendWith(LocalStackExtension.class)
class AlertRestartTest {

  private static final String SIGNALS = "alerts-restart-test.signals";
  private static final String ALERTS = "alerts-restart-test.alerts";
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final long DAYS_14 = Duration.ofDays(14).toMillis();
  private static final long DAYS_30 = Duration.ofDays(30).toMillis();

  /**
   * Event times start here: in the last days, because the window stores' changelogs keep records
   * for their retention by timestamp and the broker refuses timestamps over an hour ahead; and at
   * least 12 hours inside both a 14-day and a 30-day window, so every signal of the test (up to 8
   * hours later) falls in one window of each.
   */
  private static final long T0 = firstTime();

  @TempDir Path firstState;
  @TempDir Path secondState;

  private final HttpSchemaRegistryClient registry =
      new HttpSchemaRegistryClient(LocalStackExtension.schemaRegistryUrl());
  private final Topic<String, Signal> signals =
      new Topic<>(SIGNALS, Serdes.String(), AvroSerde.forValues(registry, Signal.class));
  private final Topic<String, Alert> alerts =
      new Topic<>(ALERTS, Serdes.String(), AvroSerde.forValues(registry, Alert.class));
  private final String applicationId = "alerts-restart-test-" + UUID.randomUUID();

  private static long firstTime() {
    long t = Instant.now().toEpochMilli() / HOUR * HOUR - 12 * HOUR;
    while (t % DAYS_14 < HOUR || t % DAYS_14 > DAYS_14 - 12 * HOUR
        || t % DAYS_30 < HOUR || t % DAYS_30 > DAYS_30 - 12 * HOUR) {
      t -= HOUR;
    }
    return t;
  }

  /** A signal published {@code hour} hours after {@link #T0}. */
  private static Signal signal(String id, SignalType type, String companyId, int hour) {
    return Signal.newBuilder()
        .setSignalId(id).setItemId("item-" + id).setType(type)
        .setCompany(companyId).setCompanyId(companyId).setLanguage("en").setConfidence(0.9)
        .setPublishedAt(Instant.ofEpochMilli(T0 + hour * HOUR))
        .setProcessedAt(Instant.ofEpochMilli(T0))
        .build();
  }

  private static Signal funding(String id, String companyId, int day, double usd) {
    Signal s = signal(id, SignalType.FUNDING, companyId, day);
    s.setAmount(Money.newBuilder().setValue(usd).setCurrency("USD").build());
    return s;
  }

  private static Signal hiring(String id, String companyId, int day, int headcount) {
    Signal s = signal(id, SignalType.HIRING, companyId, day);
    s.setHeadcount(headcount);
    return s;
  }

  private static Signal expansion(String id, String companyId, int day, String... countries) {
    Signal s = signal(id, SignalType.EXPANSION, companyId, day);
    s.setLocations(java.util.Arrays.stream(countries)
        .map(c -> new Location(c, c, "COUNTRY", c)).toList());
    return s;
  }

  private StreamsApp start(Path stateDir) {
    StreamsBuilder builder = new StreamsBuilder();
    AlertTopology.addTo(builder, List.of(signals), alerts, AlertRules.DEFAULTS, Clock.systemUTC());
    Properties config = StreamsSettings.properties(
        LocalStackExtension.bootstrapServers(), registry, 1,
        Map.of(StreamsConfig.APPLICATION_ID_CONFIG, applicationId,
            StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
            StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200));
    return StreamsApp.start(builder.build(), config, Duration.ofSeconds(120));
  }

  private void send(List<Signal> batch) {
    try (KafkaProducer<String, Signal> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackExtension.bootstrapServers()),
        new StringSerializer(), signals.valueSerde().serializer())) {
      batch.forEach(s -> producer.send(new ProducerRecord<>(SIGNALS, s.getCompanyId(), s)));
    }
  }

  /** Reads alerts until the application has consumed every signal and the topic is read out. */
  private void awaitAll(Admin admin, AlertReader reader) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      reader.poll(Duration.ofMillis(200));
      if (ConsumerGroupLag.total(ConsumerGroupLag.of(admin, applicationId, List.of(SIGNALS))) == 0
          && reader.atEnd()) {
        reader.poll(Duration.ofMillis(200));
        return;
      }
    }
    throw new AssertionError("signals of " + SIGNALS + " not all processed within 120 s");
  }

  private static String id(String rule, String companyId, String key) {
    return AlertIds.of(rule, companyId, key);
  }

  @Test
  void aRestartOnEmptyStateNeitherRepeatsNorLosesAlerts() throws Exception {
    String window30 = Long.toString(T0 / DAYS_30 * DAYS_30);
    String window14 = Long.toString(T0 / DAYS_14 * DAYS_14);
    List<Alert> read = Collections.synchronizedList(new ArrayList<>());
    try (Admin admin = Admin.create(Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackExtension.bootstrapServers()));
        AlertReader reader = createAndRead(admin, read)) {
      try (StreamsApp first = start(firstState)) {
        send(List.of(
            funding("a1", "acme", 5, 2e8),
            hiring("a2", "acme", 6, 150),
            expansion("b1", "bolt", 6, "GB")));
        awaitAll(admin, reader);
      }
      List<String> firstRun = read.stream().map(Alert::getAlertId).sorted().toList();
      assertEquals(List.of(
              id("mega-round", "acme", window30), id("momentum", "acme", window14),
              id("hiring-surge", "acme", window30), id("new-market", "bolt", "GB"))
          .stream().sorted().toList(), firstRun);

      try (StreamsApp second = start(secondState)) {
        send(List.of(
            funding("a3", "acme", 7, 3e8), // mega-round and momentum: already fired
            hiring("a4", "acme", 7, 900), // hiring-surge: already fired
            expansion("a5", "acme", 8, "GB"), // new for acme
            expansion("b2", "bolt", 8, "GB", "FR"), // only FR is new for bolt
            hiring("c1", "cora", 8, 500)));
        awaitAll(admin, reader);
      }
      assertEquals(List.of(
              id("mega-round", "acme", window30), id("momentum", "acme", window14),
              id("hiring-surge", "acme", window30), id("new-market", "bolt", "GB"),
              id("new-market", "acme", "GB"), id("new-market", "bolt", "FR"),
              id("hiring-surge", "cora", window30))
          .stream().sorted().toList(),
          read.stream().map(Alert::getAlertId).sorted().toList());
    }
  }

  private AlertReader createAndRead(Admin admin, List<Alert> read) throws Exception {
    admin.createTopics(List.of(new NewTopic(SIGNALS, 2, (short) 1), new NewTopic(ALERTS, 2, (short) 1)))
        .all().get();
    return new AlertReader(Map.of(), LocalStackExtension.bootstrapServers(), ALERTS,
        alerts.valueSerde().deserializer(), true, read::add);
  }
}

package io.newssignals.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.newssignals.app.StreamsApp;
import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.Evidence;
import io.newssignals.avro.FailureStage;
import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.extract.LexiconSignalExtractor;
import io.newssignals.extract.SignalExtractor;
import io.newssignals.extract.TimeBoundedExtractor.ExtractionTimeoutException;
import io.newssignals.extract.TimeBoundedExtractor;
import io.newssignals.serde.HttpSchemaRegistryClient;
import io.newssignals.testing.LocalStackExtension;
import io.newssignals.testing.NewsCorpus;
import io.newssignals.testing.OwnBroker;
import io.newssignals.testing.Pipeline;
import io.newssignals.topology.SignalTopology;
import io.newssignals.topology.StreamsSettings;
import io.newssignals.topology.TopicAdmin;
import io.newssignals.topology.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison pills on the real broker and registry, under exactly-once: 1,000 valid items interleaved
 * with 1,000 records of each failure kind (four kinds of bytes that cannot be deserialized, an
 * exception in extraction, an output that cannot be serialized, an output that is too large) and
 * some items whose extraction overruns its budget. Every valid item's signals come out; every bad
 * record is in {@code news.deadletter} once, with its stage, reason, exception class, source
 * coordinates and original bytes; and the application never leaves RUNNING.
 *
 * <p>The extraction failures are injected by an extractor wrapped around the real one, keyed on
 * the item's title; the too-large output is made against a signal size limit of 100,000 bytes set
 * for this test ({@link SignalTopology.Options#maxSignalBytes()}).
 */
@ExtendWith(LocalStackExtension.class)
class PoisonPillTest {

  private static final int VALID = 1_000;
  private static final int PER_KIND = 1_000;
  private static final int STUCK = 10;
  // Generous: a valid item must never overrun it, even on a loaded 2-core machine.
  private static final Duration BUDGET = Duration.ofMillis(3_000);
  private static final int MAX_SIGNAL_BYTES = 100_000;
  private static final int UNKNOWN_SCHEMA_ID = 987_654;
  /** Evidence that makes a signal twice the producer's request limit. */
  private static final String HUGE_TEXT = "x".repeat(2 * MAX_SIGNAL_BYTES);

  @RegisterExtension static final OwnBroker broker = new OwnBroker();

  @TempDir static Path dir;

  /** A bad record and what its dead letter must say. */
  private record Bad(String key, byte[] value, FailureStage stage, String reasonStart, String errorClass) {}

  /** The records to publish, in order, and the bad ones among them. */
  private static final class Batch {
    final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    /** Same length as {@link #records}: the bad record at that place, or null for a valid item. */
    final List<Bad> bad = new ArrayList<>();

    void valid(String key, byte[] value) {
      records.add(record(key, value));
      bad.add(null);
    }

    void bad(String key, byte[] value, FailureStage stage, String reasonStart,
        Class<? extends Exception> errorClass) {
      records.add(record(key, value));
      bad.add(new Bad(key, value, stage, reasonStart, errorClass.getName()));
    }

    void badItem(Topics topics, String id, String marker, FailureStage stage, String reasonStart,
        Class<? extends Exception> errorClass) {
      NewsItem item = NewsItem.newBuilder().setId(id).setTitle(marker + " " + id).setBody("Body of " + id + ".")
          .setIngestedAt(Instant.ofEpochMilli(1_764_000_000_000L)).build();
      bad(id, encode(topics, item), stage, reasonStart, errorClass);
    }
  }

  /**
   * The real extractor, except for items whose title starts with one of the markers; the broken
   * outputs are copies of {@code funding}, a signal the real extractor made beforehand.
   */
  private static SignalExtractor faulty(SignalExtractor real, Signal funding) {
    return item -> {
      String title = item.getTitle();
      if (title.startsWith("FAIL")) {
        throw new IllegalStateException("injected failure in item " + item.getId());
      }
      if (title.startsWith("STUCK")) {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.onSpinWait();
        }
        return List.of();
      }
      if (title.startsWith("UNSERIALISABLE")) {
        Signal broken = Signal.newBuilder(funding).setItemId(item.getId()).build();
        broken.setCompany(null);
        return List.of(broken);
      }
      if (title.startsWith("HUGE")) {
        return List.of(huge(funding, item.getId()));
      }
      return real.extract(item);
    };
  }

  private static Signal huge(Signal funding, String itemId) {
    return Signal.newBuilder(funding).setItemId(itemId)
        .setEvidence(List.of(new Evidence("body", 0, 1, HUGE_TEXT))).build();
  }

  @Test
  void everyBadRecordIsDeadLetteredAndEveryValidItemProcessed() throws Exception {
    String registryUrl = LocalStackExtension.schemaRegistryUrl();
    HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(registryUrl);
    Topics topics = new Topics(registry);
    List<NewsItem> valid = NewsCorpus.items(VALID, "valid-");
    Map<String, List<String>> expected = Pipeline.signalIdsByItem("poison-valid-1000", valid);
    LexiconSignalExtractor real = new LexiconSignalExtractor(Clock.systemUTC());
    // Also loads the language models before the budget applies.
    Signal funding = real.extract(valid.get(0)).get(0);

    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopicAdmin.createMissing(admin, 3, (short) 1);
      Map<Bad, RecordMetadata> bad = produceAll(topics, valid, funding);

      Properties config = StreamsSettings.properties(broker.bootstrapServers(), registry, 1, Map.of(
          StreamsConfig.APPLICATION_ID_CONFIG, "poison-pills",
          StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString()));
      try (TimeBoundedExtractor extractor = new TimeBoundedExtractor(faulty(real, funding), BUDGET);
          StreamsApp app = StreamsApp.start(
              SignalTopology.build(topics, extractor, Clock.systemUTC(),
                  SignalTopology.Options.DEFAULTS.withMaxSignalBytes(MAX_SIGNAL_BYTES)
                  // The corpus's items share templates, which dedup would rightly drop as one story.
                  .withDedupWindow(Duration.ZERO)), config, Duration.ofSeconds(120));
          Pipeline.Output output = new Pipeline.Output(broker.bootstrapServers(), topics)) {
        output.readAllProcessed(admin, "poison-pills", List.of(Topics.RAW), Duration.ofSeconds(300));

        assertEquals(List.of(State.CREATED, State.REBALANCING, State.RUNNING), app.states());
        Pipeline.assertExactlyOnce(expected, Pipeline.rawItemCounts(broker.bootstrapServers()), output.signalIds());
        assertDeadLetters(bad, output.deadLetters());
      }
    }
  }

  private static void assertDeadLetters(Map<Bad, RecordMetadata> bad, List<DeadLetter> deadLetters) {
    assertEquals(bad.size(), deadLetters.size());
    Map<String, DeadLetter> byKey = new HashMap<>();
    for (DeadLetter d : deadLetters) {
      byKey.put(new String(bytes(d.getKey()), StandardCharsets.UTF_8), d);
    }
    Map<String, Integer> perKind = new TreeMap<>();
    for (Map.Entry<Bad, RecordMetadata> sent : bad.entrySet()) {
      Bad b = sent.getKey();
      RecordMetadata source = sent.getValue();
      DeadLetter d = byKey.get(b.key());
      assertNotNull(d, "no dead letter for " + b.key());
      assertEquals(b.stage(), d.getStage(), b.key());
      assertEquals(true, d.getReason().startsWith(b.reasonStart()), b.key() + ": " + d.getReason());
      assertEquals(b.errorClass(), d.getErrorClass(), b.key());
      assertEquals(Topics.RAW, d.getSourceTopic(), b.key());
      assertEquals(source.partition(), d.getSourcePartition(), b.key());
      assertEquals(source.offset(), d.getSourceOffset(), b.key());
      assertEquals(Instant.ofEpochMilli(source.timestamp()), d.getSourceTimestamp(), b.key());
      assertArrayEquals(b.value(), bytes(d.getValue()), b.key());
      perKind.merge(b.key().substring(0, b.key().lastIndexOf('-')), 1, Integer::sum);
    }
    assertEquals(Map.of("bad-magic", PER_KIND, "fail", PER_KIND, "huge", PER_KIND, "random", PER_KIND,
        "stuck", STUCK, "truncated", PER_KIND, "unknown-schema", PER_KIND, "unserialisable", PER_KIND), perKind);
  }

  /**
   * Publishes the valid items with the bad records interleaved, as raw bytes, each acknowledged.
   *
   * @return each bad record and where it was written
   */
  private static Map<Bad, RecordMetadata> produceAll(Topics topics, List<NewsItem> valid, Signal funding) {
    byte[] sample = topics.raw().valueSerde().serializer().serialize(Topics.RAW, valid.get(0));
    int schemaId = ByteBuffer.wrap(sample, 1, 4).getInt();
    Random random = new Random(42);
    Batch batch = new Batch();
    for (int i = 0; i < VALID; i++) {
      NewsItem item = valid.get(i);
      byte[] encoded = encode(topics, item);
      batch.valid(item.getId(), encoded);

      byte[] magic = encoded.clone();
      magic[0] = 1;
      batch.bad("bad-magic-" + i, magic, FailureStage.DESERIALIZATION,
          "Not Confluent wire format: magic byte is 1, expected 0", SerializationException.class);

      byte[] unknown = encoded.clone();
      ByteBuffer.wrap(unknown, 1, 4).putInt(UNKNOWN_SCHEMA_ID);
      batch.bad("unknown-schema-" + i, unknown, FailureStage.DESERIALIZATION,
          "Unknown schema id " + UNKNOWN_SCHEMA_ID, SerializationException.class);

      batch.bad("truncated-" + i, Arrays.copyOf(encoded, encoded.length / 2),
          FailureStage.DESERIALIZATION, "Truncated or corrupt Avro data for schema id " + schemaId,
          SerializationException.class);

      byte[] noise = new byte[1 + random.nextInt(64)];
      random.nextBytes(noise);
      if (noise.length >= 5) {
        // A leading 0 would make it the unknown-schema case above.
        noise[0] = (byte) (1 + random.nextInt(255));
      }
      batch.bad("random-" + i, noise, FailureStage.DESERIALIZATION,
          noise.length < 5 ? "Not Confluent wire format: " + noise.length + " bytes, the header alone is 5"
              : "Not Confluent wire format: magic byte is " + noise[0] + ", expected 0",
          SerializationException.class);

      batch.badItem(topics, "fail-" + i, "FAIL", FailureStage.PROCESSING,
          "injected failure in item fail-" + i, IllegalStateException.class);
      batch.badItem(topics, "unserialisable-" + i, "UNSERIALISABLE", FailureStage.PRODUCTION,
          "Cannot encode Signal for topic signals.funding", SerializationException.class);
      batch.badItem(topics, "huge-" + i, "HUGE", FailureStage.PRODUCTION,
          "Value for topic signals.funding is " + topics.signals(SignalType.FUNDING).valueSerde().serializer()
              .serialize(Topics.FUNDING, huge(funding, "huge-" + i)).length + " bytes, over the limit of "
              + MAX_SIGNAL_BYTES + " bytes", SerializationException.class);
      if (i < STUCK) {
        batch.badItem(topics, "stuck-" + i, "STUCK", FailureStage.PROCESSING,
            "extraction of item stuck-" + i + " exceeded its time budget of " + BUDGET.toMillis() + " ms",
            ExtractionTimeoutException.class);
      }
    }

    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    List<RecordMetadata> sent;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      // A bad record never written would have no dead letter to find: see Pipeline.sendAll.
      sent = Pipeline.sendAll(producer, batch.records);
    }
    Map<Bad, RecordMetadata> bad = new LinkedHashMap<>();
    for (int i = 0; i < sent.size(); i++) {
      if (batch.bad.get(i) != null) {
        bad.put(batch.bad.get(i), sent.get(i));
      }
    }
    return bad;
  }

  private static ProducerRecord<byte[], byte[]> record(String key, byte[] value) {
    return new ProducerRecord<>(Topics.RAW, key.getBytes(StandardCharsets.UTF_8), value);
  }

  private static byte[] encode(Topics topics, NewsItem item) {
    return topics.raw().valueSerde().serializer().serialize(Topics.RAW, item);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}

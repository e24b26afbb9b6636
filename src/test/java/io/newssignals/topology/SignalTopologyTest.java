package io.newssignals.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.ExtractedItem;
import io.newssignals.avro.FailureStage;
import io.newssignals.avro.Money;
import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.extract.SignalExtractor;
import io.newssignals.serde.InMemorySchemaRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalTopologyTest {

  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
  private static final Instant INGESTED = Instant.parse("2026-03-04T05:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** Where dedup and routing read extracted items: a repartition topic of the default app id. */
  private static final String DEDUP_INPUT_TOPIC = "news-signals-dedup-input-repartition";

  @TempDir Path stateDir;

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final Topics topics = new Topics(registry);
  private TopologyTestDriver driver;
  private TestInputTopic<String, NewsItem> raw;
  private TestInputTopic<String, byte[]> rawBytes;
  private TestOutputTopic<String, Signal> funding;
  private TestOutputTopic<String, Signal> hiring;
  private TestOutputTopic<String, Signal> expansion;
  private TestOutputTopic<String, DeadLetter> deadLetters;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  private void start(SignalExtractor extractor, SignalTopology.Options options) {
    start(extractor, options, StreamsConfig.EXACTLY_ONCE_V2);
  }

  private void start(
      SignalExtractor extractor, SignalTopology.Options options, String processingGuarantee) {
    Properties props =
        StreamsSettings.properties(
            "localhost:9092",
            registry,
            1,
            Map.of(
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee,
                DeadLetters.CLOCK_CONFIG, CLOCK));
    driver = new TopologyTestDriver(SignalTopology.build(topics, extractor, CLOCK, options), props);
    raw =
        driver.createInputTopic(
            Topics.RAW, new StringSerializer(), topics.raw().valueSerde().serializer());
    rawBytes = driver.createInputTopic(Topics.RAW, new StringSerializer(), new ByteArraySerializer());
    funding = output(SignalType.FUNDING);
    hiring = output(SignalType.HIRING);
    expansion = output(SignalType.EXPANSION);
    deadLetters =
        driver.createOutputTopic(
            Topics.DEAD_LETTER,
            new StringDeserializer(),
            topics.deadLetter().valueSerde().deserializer());
  }

  private void start(SignalExtractor extractor) {
    start(extractor, SignalTopology.Options.DEFAULTS);
  }

  private TestOutputTopic<String, Signal> output(SignalType type) {
    Topics.Topic<String, Signal> topic = topics.signals(type);
    return driver.createOutputTopic(
        topic.name(), new StringDeserializer(), topic.valueSerde().deserializer());
  }

  private static NewsItem item(String id, String title, String body) {
    return NewsItem.newBuilder()
        .setId(id)
        .setUrl("https://example.com/" + id)
        .setSource("test")
        .setTitle(title)
        .setBody(body)
        .setIngestedAt(INGESTED)
        .build();
  }

  private static Signal signal(NewsItem item, SignalType type, String company, String companyId) {
    return Signal.newBuilder()
        .setSignalId(item.getId() + "/" + type + "/" + companyId)
        .setItemId(item.getId())
        .setItemUrl(item.getUrl())
        .setType(type)
        .setCompany(company)
        .setCompanyId(companyId)
        .setAmount(
            type == SignalType.FUNDING
                ? Money.newBuilder().setValue(6.0e9).setCurrency("EUR").setText("6.000 millones de euros").build()
                : null)
        .setLanguage("en")
        .setConfidence(0.9)
        .setProcessedAt(NOW)
        .build();
  }

  private static List<Signal> threeSignals(NewsItem item) {
    return List.of(
        signal(item, SignalType.FUNDING, "Mistral AI", "mistral"),
        signal(item, SignalType.HIRING, "Aleph Alpha GmbH", "aleph-alpha"),
        signal(item, SignalType.EXPANSION, "Hugging Face Inc", "hugging-face"));
  }

  private byte[] encoded(NewsItem item) {
    return topics.raw().valueSerde().serializer().serialize(Topics.RAW, item);
  }

  private void assertNoSignals() {
    assertTrue(funding.isEmpty(), "funding");
    assertTrue(hiring.isEmpty(), "hiring");
    assertTrue(expansion.isEmpty(), "expansion");
  }

  @Test
  void routesEachSignalOnceToItsTopicKeyedByCompany() {
    NewsItem news = item("a1", "Mistral raises", "Mistral AI raised 6 billion euros.");
    start(SignalTopologyTest::threeSignals);

    raw.pipeInput("a1", news);

    List<Signal> expected = threeSignals(news);
    assertEquals(
        List.of(KeyValue.pair("mistral", expected.get(0))), funding.readKeyValuesToList());
    assertEquals(
        List.of(KeyValue.pair("aleph-alpha", expected.get(1))), hiring.readKeyValuesToList());
    assertEquals(
        List.of(KeyValue.pair("hugging-face", expected.get(2))), expansion.readKeyValuesToList());
    assertTrue(deadLetters.isEmpty());
  }

  @Test
  void anItemWithoutSignalsWritesNothing() {
    start(item -> List.of());

    raw.pipeInput("b1", item("b1", "Weather", "Sunny all week."));

    assertNoSignals();
    assertTrue(deadLetters.isEmpty());
  }

  @Test
  void anItemWithNeitherTitleNorBodyIsAValidationDeadLetter() {
    start(SignalTopologyTest::threeSignals);
    NewsItem empty = item("c1", " ", "");

    raw.pipeInput("c1", empty, Instant.ofEpochMilli(1_000));

    assertNoSignals();
    List<KeyValue<String, DeadLetter>> letters = deadLetters.readKeyValuesToList();
    assertEquals(1, letters.size());
    assertEquals("c1", letters.get(0).key);
    DeadLetter letter = letters.get(0).value;
    assertEquals(
        DeadLetter.newBuilder()
            .setStage(FailureStage.VALIDATION)
            .setReason("title and body are both empty")
            .setSourceTopic(Topics.RAW)
            .setSourcePartition(0)
            .setSourceOffset(0L)
            .setSourceTimestamp(Instant.ofEpochMilli(1_000))
            .setKey(ByteBuffer.wrap("c1".getBytes(StandardCharsets.UTF_8)))
            .setValue(ByteBuffer.wrap(encoded(empty)))
            .setFailedAt(NOW)
            .build(),
        letter);
  }

  @Test
  void aBodyOverTheLimitIsAValidationDeadLetterAndTheNextItemPasses() {
    start(SignalTopologyTest::threeSignals, SignalTopology.Options.DEFAULTS.withMaxBodyBytes(10));
    NewsItem fits = item("d0", "t", "0123456789");
    // 'é' is two bytes in UTF-8: 10 characters, 11 bytes.
    NewsItem over = item("d1", "t", "é123456789");

    raw.pipeInput("d0", fits);
    raw.pipeInput("d1", over);
    raw.pipeInput("d2", item("d2", "t", "ok"));

    List<DeadLetter> letters = deadLetters.readValuesToList();
    assertEquals(1, letters.size());
    assertEquals(FailureStage.VALIDATION, letters.get(0).getStage());
    assertEquals("body is over 10 bytes", letters.get(0).getReason());
    assertEquals(Topics.RAW, letters.get(0).getSourceTopic());
    assertEquals(1L, letters.get(0).getSourceOffset());
    assertEquals(ByteBuffer.wrap(encoded(over)), letters.get(0).getValue());
    assertEquals(
        List.of("d0", "d2"), funding.readValuesToList().stream().map(Signal::getItemId).toList());
  }

  @Test
  void everyBrokenRuleIsInTheReason() {
    start(SignalTopologyTest::threeSignals);

    raw.pipeInput("other", item("", "", ""));

    assertEquals(
        List.of("id is empty; key does not match item id; title and body are both empty"),
        deadLetters.readValuesToList().stream().map(DeadLetter::getReason).toList());
  }

  @Test
  void aTombstoneIsAValidationDeadLetter() {
    start(SignalTopologyTest::threeSignals);

    raw.pipeInput("e1", null);

    DeadLetter letter = deadLetters.readValue();
    assertEquals("value is null", letter.getReason());
    assertEquals(null, letter.getValue());
    assertTrue(deadLetters.isEmpty());
  }

  @Test
  void anExtractorFailureIsAProcessingDeadLetterAndTheNextItemIsProcessed() {
    start(
        item -> {
          if (item.getId().equals("bad")) {
            throw new IllegalStateException("no rule for this item");
          }
          return threeSignals(item);
        });
    NewsItem bad = item("bad", "t", "b");

    raw.pipeInput("bad", bad, Instant.ofEpochMilli(2_000));
    raw.pipeInput("good", item("good", "t", "b"));

    List<KeyValue<String, DeadLetter>> letters = deadLetters.readKeyValuesToList();
    assertEquals(1, letters.size());
    assertEquals("bad", letters.get(0).key);
    assertEquals(
        DeadLetter.newBuilder()
            .setStage(FailureStage.PROCESSING)
            .setReason("no rule for this item")
            .setErrorClass(IllegalStateException.class.getName())
            .setSourceTopic(Topics.RAW)
            .setSourcePartition(0)
            .setSourceOffset(0L)
            .setSourceTimestamp(Instant.ofEpochMilli(2_000))
            .setKey(ByteBuffer.wrap("bad".getBytes(StandardCharsets.UTF_8)))
            .setValue(ByteBuffer.wrap(encoded(bad)))
            .setFailedAt(NOW)
            .build(),
        letters.get(0).value);
    assertEquals(List.of("good"), funding.readValuesToList().stream().map(Signal::getItemId).toList());
  }

  /** A signal whose required company is null: only the writer sees it, the builder would refuse it. */
  private static List<Signal> unnamedHiringFor(String id, NewsItem item) {
    if (!item.getId().equals(id)) {
      return threeSignals(item);
    }
    Signal unnamed = signal(item, SignalType.HIRING, "x", "x");
    unnamed.setCompany(null);
    return List.of(unnamed);
  }

  @Test
  void aSignalThatCannotBeSerializedIsAProductionDeadLetterAndTheNextItemIsProcessed() {
    start(item -> unnamedHiringFor("unnamed", item),
        SignalTopology.Options.DEFAULTS.withDedupWindow(Duration.ZERO));
    NewsItem unnamed = item("unnamed", "t", "b");

    raw.pipeInput("unnamed", unnamed, Instant.ofEpochMilli(4_000));
    raw.pipeInput("next", item("next", "t", "b"));

    DeadLetter letter = deadLetters.readValue();
    assertTrue(deadLetters.isEmpty());
    assertEquals(FailureStage.PRODUCTION, letter.getStage());
    assertEquals(
        "Cannot encode Signal for topic signals.hiring:"
            + " null value for (non-nullable) string at Signal.company",
        letter.getReason());
    assertEquals("org.apache.kafka.common.errors.SerializationException", letter.getErrorClass());
    assertEquals(Topics.RAW, letter.getSourceTopic());
    assertEquals(0L, letter.getSourceOffset());
    assertEquals(Instant.ofEpochMilli(4_000), letter.getSourceTimestamp());
    assertEquals(ByteBuffer.wrap(encoded(unnamed)), letter.getValue());
    assertEquals(List.of("next"), hiring.readValuesToList().stream().map(Signal::getItemId).toList());
  }

  @Test
  void withDedupAnItemWhoseSignalsCannotBeSerializedIsAProductionDeadLetterOfItsNewsRawRecord() {
    start(item -> unnamedHiringFor("unnamed", item));
    NewsItem unnamed = item("unnamed", "t", "b");

    raw.pipeInput("unnamed", unnamed, Instant.ofEpochMilli(4_000));
    raw.pipeInput("next", item("next", "t", "b"));

    DeadLetter letter = deadLetters.readValue();
    assertTrue(deadLetters.isEmpty());
    assertEquals(FailureStage.PRODUCTION, letter.getStage());
    assertEquals(
        "Cannot encode ExtractedItem for topic " + DEDUP_INPUT_TOPIC + ":"
            + " null value for (non-nullable) string at ExtractedItem.signals[0].company",
        letter.getReason());
    assertEquals(Topics.RAW, letter.getSourceTopic());
    assertEquals(0L, letter.getSourceOffset());
    assertEquals(Instant.ofEpochMilli(4_000), letter.getSourceTimestamp());
    assertEquals(ByteBuffer.wrap(encoded(unnamed)), letter.getValue());
    assertEquals(List.of("next"), hiring.readValuesToList().stream().map(Signal::getItemId).toList());
  }

  @Test
  void withDedupAnItemOverTheSignalLimitIsAProductionDeadLetterBeforeTheHop() {
    NewsItem big = item("big", "t", "b");
    Signal huge = signal(big, SignalType.HIRING, "x".repeat(3_000), "x");
    start(item -> item.getId().equals("big") ? List.of(huge) : threeSignals(item),
        SignalTopology.Options.DEFAULTS.withMaxSignalBytes(2_000));
    // What the dedup input would have carried: "t b" is too short for a fingerprint.
    int size = topics.extractedItems().serializer().serialize(DEDUP_INPUT_TOPIC,
        ExtractedItem.newBuilder().setItemId("big").setUrl(big.getUrl())
            .setIngestedAt(INGESTED).setSignals(List.of(huge)).build()).length;

    raw.pipeInput("big", big, Instant.ofEpochMilli(5_000));
    raw.pipeInput("next", item("next", "t", "b"));

    DeadLetter letter = deadLetters.readValue();
    assertTrue(deadLetters.isEmpty());
    assertEquals(FailureStage.PRODUCTION, letter.getStage());
    assertEquals("Value for topic " + DEDUP_INPUT_TOPIC + " is " + size
        + " bytes, over the limit of 2000 bytes", letter.getReason());
    assertEquals(Topics.RAW, letter.getSourceTopic());
    assertEquals(ByteBuffer.wrap(encoded(big)), letter.getValue());
    assertEquals(List.of("next"), hiring.readValuesToList().stream().map(Signal::getItemId).toList());
  }

  @Test
  void aDedupInputRecordWithABrokenFingerprintIsAProcessingDeadLetterOfThatRecord() {
    start(SignalTopologyTest::threeSignals);
    TestInputTopic<String, ExtractedItem> dedupInput = driver.createInputTopic(
        DEDUP_INPUT_TOPIC, new StringSerializer(), topics.extractedItems().serializer());
    ExtractedItem broken = ExtractedItem.newBuilder()
        .setItemId("x1").setIngestedAt(INGESTED)
        .setFingerprint(ByteBuffer.wrap(new byte[3])).setBandKeys(List.of("band:0:1"))
        .setSignals(threeSignals(item("x1", "t", "b"))).build();

    dedupInput.pipeInput("x1", broken, Instant.ofEpochMilli(6_000));
    raw.pipeInput("next", item("next", "t", "b"));

    DeadLetter letter = deadLetters.readValue();
    assertTrue(deadLetters.isEmpty());
    assertEquals(FailureStage.PROCESSING, letter.getStage());
    assertEquals("Item x1 has a fingerprint of 3 bytes, not 64", letter.getReason());
    assertEquals(IllegalArgumentException.class.getName(), letter.getErrorClass());
    assertEquals(DEDUP_INPUT_TOPIC, letter.getSourceTopic());
    assertEquals(ByteBuffer.wrap(
        topics.extractedItems().serializer().serialize(DEDUP_INPUT_TOPIC, broken)),
        letter.getValue());
    assertEquals(List.of("next"), funding.readValuesToList().stream().map(Signal::getItemId).toList());
  }

  /**
   * Runs at-least-once: TopologyTestDriver 4.3.1 deserializes while enqueueing, outside {@code
   * process()}, and under exactly_once_v2 it then calls {@code MockProducer.clear()} before
   * committing, which discards the open transaction's sends, so the handler's dead letters never
   * show. A real broker commits them with the next transaction; {@link DeadLetterHandlersTest}
   * covers the handler's response under any guarantee.
   */
  @Test
  void bytesThatAreNotAvroAreDeserializationDeadLettersAndTheNextItemIsProcessed() {
    start(
        SignalTopologyTest::threeSignals,
        SignalTopology.Options.DEFAULTS,
        StreamsConfig.AT_LEAST_ONCE);
    byte[] good = encoded(item("ok", "t", "b"));
    // 5 bytes: a full header, whose magic byte is 'h' (104).
    byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
    byte[] wrongMagic = good.clone();
    wrongMagic[0] = 1;
    byte[] truncated = Arrays.copyOf(good, good.length - 3);

    rawBytes.pipeInput(new TestRecord<>("h", hello, Instant.ofEpochMilli(3_000)));
    rawBytes.pipeInput("m", wrongMagic);
    rawBytes.pipeInput("t", truncated);
    rawBytes.pipeInput("ok", good);

    List<KeyValue<String, DeadLetter>> letters = deadLetters.readKeyValuesToList();
    assertEquals(List.of("h", "m", "t"), letters.stream().map(kv -> kv.key).toList());
    DeadLetter first = letters.get(0).value;
    assertEquals(
        DeadLetter.newBuilder()
            .setStage(FailureStage.DESERIALIZATION)
            .setReason("Not Confluent wire format: magic byte is 104, expected 0")
            .setErrorClass("org.apache.kafka.common.errors.SerializationException")
            .setSourceTopic(Topics.RAW)
            .setSourcePartition(0)
            .setSourceOffset(0L)
            .setSourceTimestamp(Instant.ofEpochMilli(3_000))
            .setKey(ByteBuffer.wrap("h".getBytes(StandardCharsets.UTF_8)))
            .setValue(ByteBuffer.wrap(hello))
            .setFailedAt(NOW)
            .build(),
        first);
    assertEquals(
        "Not Confluent wire format: magic byte is 1, expected 0", letters.get(1).value.getReason());
    assertEquals(ByteBuffer.wrap(wrongMagic), letters.get(1).value.getValue());
    assertEquals(1L, letters.get(1).value.getSourceOffset());
    assertEquals(
        "Truncated or corrupt Avro data for schema id 1 in topic news.raw: java.io.EOFException",
        letters.get(2).value.getReason());
    assertEquals(ByteBuffer.wrap(truncated), letters.get(2).value.getValue());
    assertEquals(List.of("ok"), funding.readValuesToList().stream().map(Signal::getItemId).toList());
  }
}

package io.newssignals.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.FailureStage;
import io.newssignals.avro.NewsItem;
import io.newssignals.ingest.NewsProducer.Deliveries;
import io.newssignals.serde.AvroSerde;
import io.newssignals.serde.InMemorySchemaRegistry;
import io.newssignals.topology.Topics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class NewsProducerTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final Topics topics = new Topics(registry);

  private static MockProducer<byte[], byte[]> mockProducer(boolean autoComplete) {
    return new MockProducer<>(
        autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static NewsItem item(String id) {
    return NewsItem.newBuilder()
        .setId(id)
        .setTitle("title " + id)
        .setBody("body")
        .setIngestedAt(NOW)
        .build();
  }

  @Test
  void publishesItemsKeyedByIdAndRejectionsAsDeadLetters() {
    MockProducer<byte[], byte[]> mock = mockProducer(true);
    NewsProducer producer = new NewsProducer(mock, topics, Clock.fixed(NOW, ZoneOffset.UTC));

    producer.publish("in.jsonl:1", item("id-1"));
    producer.reject(new Rejection("in.jsonl:2", "invalid JSON", "{oops".getBytes(UTF_8)));
    assertEquals(new Deliveries(1, 1, 0), producer.flush());

    List<ProducerRecord<byte[], byte[]>> sent = mock.history();
    assertEquals(
        List.of(Topics.RAW, Topics.DEAD_LETTER), sent.stream().map(ProducerRecord::topic).toList());
    assertEquals("id-1", new String(sent.get(0).key(), UTF_8));
    assertEquals(
        item("id-1"),
        AvroSerde.forValues(registry, NewsItem.class).deserialize(Topics.RAW, sent.get(0).value()));
    assertNull(sent.get(1).key());
    assertEquals(
        DeadLetter.newBuilder()
            .setStage(FailureStage.INGEST)
            .setReason("invalid JSON")
            .setOrigin("in.jsonl:2")
            .setValue(ByteBuffer.wrap("{oops".getBytes(UTF_8)))
            .setFailedAt(NOW)
            .build(),
        AvroSerde.forValues(registry, DeadLetter.class)
            .deserialize(Topics.DEAD_LETTER, sent.get(1).value()));
  }

  @Test
  void failedSendsAreCounted() {
    MockProducer<byte[], byte[]> mock = mockProducer(false);
    NewsProducer producer = new NewsProducer(mock, topics, Clock.systemUTC());

    producer.publish("in.jsonl:1", item("lost"));
    producer.publish("in.jsonl:1", item("kept"));
    producer.reject(new Rejection("x.txt", "binary content", new byte[] {0}));
    mock.errorNext(new TimeoutException("expired before it was sent"));
    assertEquals(new Deliveries(1, 1, 1), producer.flush());

    mock.sendException = new KafkaException("producer fenced");
    producer.publish("in.jsonl:1", item("refused"));
    assertEquals(new Deliveries(1, 1, 2), producer.flush());
  }

  @Test
  void anItemNewsRawRefusesIsDeadLetteredWithItsKeyValueAndReason() {
    MockProducer<byte[], byte[]> mock = mockProducer(false);
    NewsProducer producer = new NewsProducer(mock, topics, Clock.fixed(NOW, ZoneOffset.UTC));

    producer.publish("big.txt", item("too-big"));
    producer.publish("small.txt", item("fits"));
    mock.errorNext(new RecordTooLargeException(
        "The request included a message larger than the max message size the server will accept."));
    assertEquals(new Deliveries(1, 1, 0), producer.flush());

    List<ProducerRecord<byte[], byte[]>> sent = mock.history();
    assertEquals(List.of(Topics.RAW, Topics.RAW, Topics.DEAD_LETTER),
        sent.stream().map(ProducerRecord::topic).toList());
    ProducerRecord<byte[], byte[]> letter = sent.get(2);
    assertEquals("too-big", new String(letter.key(), UTF_8));
    byte[] encodedItem = sent.get(0).value();
    assertEquals(
        DeadLetter.newBuilder()
            .setStage(FailureStage.INGEST)
            .setReason("could not write the item to news.raw (" + encodedItem.length + " bytes encoded): The"
                + " request included a message larger than the max message size the server will"
                + " accept.")
            .setErrorClass("org.apache.kafka.common.errors.RecordTooLargeException")
            .setOrigin("big.txt")
            .setSourceTopic(Topics.RAW)
            .setKey(ByteBuffer.wrap("too-big".getBytes(UTF_8)))
            .setValue(ByteBuffer.wrap(encodedItem))
            .setFailedAt(NOW)
            .build(),
        AvroSerde.forValues(registry, DeadLetter.class).deserialize(Topics.DEAD_LETTER, letter.value()));
  }

  @Test
  void aRefusedItemIsDeadLetteredByTheNextSendNotOnlyByFlush() {
    MockProducer<byte[], byte[]> mock = mockProducer(false);
    NewsProducer producer = new NewsProducer(mock, topics, Clock.systemUTC());

    producer.publish("big.txt", item("too-big"));
    mock.errorNext(new RecordTooLargeException("too large"));
    producer.publish("small.txt", item("fits"));

    assertEquals(List.of(Topics.RAW, Topics.DEAD_LETTER, Topics.RAW),
        mock.history().stream().map(ProducerRecord::topic).toList());
    assertEquals(new Deliveries(1, 1, 0), producer.flush());
  }

  @Test
  void aRefusedItemWhoseDeadLetterFailsCountsAsFailed() {
    MockProducer<byte[], byte[]> mock = mockProducer(false);
    NewsProducer producer = new NewsProducer(mock, topics, Clock.systemUTC());

    producer.publish("big.txt", item("too-big"));
    mock.errorNext(new RecordTooLargeException("too large"));
    mock.sendException = new KafkaException("producer closed");
    assertEquals(new Deliveries(0, 0, 1), producer.flush());
    assertEquals(List.of(Topics.RAW), mock.history().stream().map(ProducerRecord::topic).toList());
  }

  @Test
  void theConfigIsAcceptedByARealKafkaProducer() {
    // Building the client validates every setting; it does not connect until the first send.
    try (NewsProducer producer = NewsProducer.connect("localhost:9", topics, Map.of())) {
      assertEquals(new Deliveries(0, 0, 0), producer.flush());
    }
  }

  @Test
  void configSetsDurabilityAndBatchingAndPassesPropertiesThrough() {
    assertEquals(
        Map.of(
            "bootstrap.servers", "broker:9092",
            "enable.idempotence", true,
            "acks", "all",
            "compression.type", "lz4",
            "linger.ms", 5,
            "batch.size", 262144,
            "max.request.size", 4194304,
            "client.id", "ingest-test",
            "key.serializer", ByteArraySerializer.class,
            "value.serializer", ByteArraySerializer.class),
        NewsProducer.config(
            "broker:9092",
            Map.of(
                "linger.ms", 5,
                "client.id", "ingest-test",
                "value.serializer", "org.apache.kafka.common.serialization.StringSerializer")));
  }
}

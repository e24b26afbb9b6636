package io.newssignals.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.FailureStage;
import io.newssignals.serde.InMemorySchemaRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The handlers called directly, as Streams calls them, without a driver. */
class DeadLetterHandlersTest {

  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
  private static final byte[] KEY = "item-1".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALUE = {0, 0, 0, 0, 7, 42};
  private static final byte[] NOT_UTF8 = {(byte) 0xC3, (byte) 0x28};

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final Map<String, Object> configs =
      Map.of(
          DeadLetters.SCHEMA_REGISTRY_CONFIG, registry,
          DeadLetters.CLOCK_CONFIG, Clock.fixed(NOW, ZoneOffset.UTC));

  /** The context Streams hands a handler: the source record's coordinates and raw bytes. */
  private record Context(byte[] sourceRawKey, byte[] sourceRawValue) implements ErrorHandlerContext {
    @Override
    public String topic() {
      return Topics.RAW;
    }

    @Override
    public int partition() {
      return 2;
    }

    @Override
    public long offset() {
      return 17;
    }

    @Override
    public Headers headers() {
      return new RecordHeaders();
    }

    @Override
    public String processorNodeId() {
      return SignalTopology.EXTRACT;
    }

    @Override
    public TaskId taskId() {
      return new TaskId(0, 2);
    }

    @Override
    public long timestamp() {
      return 5_000;
    }
  }

  private DeadLetter decode(ProducerRecord<byte[], byte[]> record) {
    return new Topics(registry)
        .deadLetter()
        .valueSerde()
        .deserializer()
        .deserialize(record.topic(), record.value());
  }

  private static DeadLetter expected(FailureStage stage, Exception e, byte[] key, byte[] value) {
    return DeadLetter.newBuilder()
        .setStage(stage)
        .setReason(e.getMessage())
        .setErrorClass(e.getClass().getName())
        .setSourceTopic(Topics.RAW)
        .setSourcePartition(2)
        .setSourceOffset(17L)
        .setSourceTimestamp(Instant.ofEpochMilli(5_000))
        .setKey(ByteBuffer.wrap(key))
        .setValue(ByteBuffer.wrap(value))
        .setFailedAt(NOW)
        .build();
  }

  private static ConsumerRecord<byte[], byte[]> consumed(byte[] key, byte[] value) {
    return new ConsumerRecord<>(
        Topics.RAW, 2, 17, 5_000, TimestampType.CREATE_TIME, key.length, value.length, key, value,
        new RecordHeaders(), Optional.empty());
  }

  @Test
  void deserializationFailureResumesWithADeadLetterOfTheConsumedBytes() {
    DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
    handler.configure(configs);
    SerializationException error = new SerializationException("magic byte is 104, expected 0");

    DeserializationExceptionHandler.Response response =
        handler.handleError(new Context(null, null), consumed(KEY, VALUE), error);

    assertEquals(DeserializationExceptionHandler.Result.RESUME, response.result());
    ProducerRecord<byte[], byte[]> record = response.deadLetterQueueRecords().get(0);
    assertEquals(1, response.deadLetterQueueRecords().size());
    assertEquals(Topics.DEAD_LETTER, record.topic());
    assertArrayEquals(KEY, record.key());
    assertEquals(5_000L, record.timestamp());
    assertEquals(expected(FailureStage.DESERIALIZATION, error, KEY, VALUE), decode(record));
  }

  @Test
  void aKeyThatIsNotUtf8LeavesTheDeadLetterUnkeyedButKeepsItsBytes() {
    DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
    handler.configure(configs);

    ProducerRecord<byte[], byte[]> record =
        handler
            .handleError(
                new Context(null, null), consumed(NOT_UTF8, VALUE), new SerializationException("x"))
            .deadLetterQueueRecords()
            .get(0);

    assertNull(record.key());
    assertEquals(ByteBuffer.wrap(NOT_UTF8), decode(record).getKey());
  }

  @Test
  void processingFailureResumesWithADeadLetterOfTheSourceRecord() {
    DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
    handler.configure(configs);
    IllegalStateException error = new IllegalStateException("no rule for this item");

    ProcessingExceptionHandler.Response response =
        handler.handleError(
            new Context(KEY, VALUE), new Record<>("item-1", "parsed item", 5_000), error);

    assertEquals(ProcessingExceptionHandler.Result.RESUME, response.result());
    assertEquals(1, response.deadLetterQueueRecords().size());
    ProducerRecord<byte[], byte[]> record = response.deadLetterQueueRecords().get(0);
    assertArrayEquals(KEY, record.key());
    assertEquals(expected(FailureStage.PROCESSING, error, KEY, VALUE), decode(record));
  }

  @Test
  void productionFailureResumesWithADeadLetterOfTheSourceRecord() {
    RecordTooLargeException error = new RecordTooLargeException("too large");

    ProductionExceptionHandler.Response response = productionError(Topics.FUNDING, error);

    assertEquals(ProductionExceptionHandler.Result.RESUME, response.result());
    assertEquals(1, response.deadLetterQueueRecords().size());
    ProducerRecord<byte[], byte[]> record = response.deadLetterQueueRecords().get(0);
    assertArrayEquals(KEY, record.key());
    assertEquals(expected(FailureStage.PRODUCTION, error, KEY, VALUE), decode(record));
  }

  @Test
  void serializationFailureOnOutputResumesWithADeadLetter() {
    DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
    handler.configure(configs);
    SerializationException error = new SerializationException("Cannot encode Signal");

    ProductionExceptionHandler.Response response =
        handler.handleSerializationError(
            new Context(KEY, VALUE),
            new ProducerRecord<>(Topics.FUNDING, "mistral", new Object()),
            error,
            ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);

    assertEquals(ProductionExceptionHandler.Result.RESUME, response.result());
    assertEquals(
        expected(FailureStage.PRODUCTION, error, KEY, VALUE),
        decode(response.deadLetterQueueRecords().get(0)));
  }

  @Test
  void retriableProductionFailureIsRetriedWithoutADeadLetter() {
    ProductionExceptionHandler.Response response =
        productionError(Topics.FUNDING, new TimeoutException("broker slow"));

    assertEquals(ProductionExceptionHandler.Result.RETRY, response.result());
    assertEquals(List.of(), response.deadLetterQueueRecords());
  }

  @Test
  void aFailureThatIsNotAboutTheRecordFailsInsteadOfDeadLetteringAGoodRecord() {
    ProductionExceptionHandler.Response response =
        productionError(Topics.FUNDING, new TransactionAbortedException("broker restarted"));

    assertEquals(ProductionExceptionHandler.Result.FAIL, response.result());
    assertEquals(List.of(), response.deadLetterQueueRecords());
  }

  @Test
  void aDeadLetterThatCannotBeWrittenIsNotSentToTheDeadLetterTopicAgain() {
    ProductionExceptionHandler.Response response =
        productionError(Topics.DEAD_LETTER, new RecordTooLargeException("too large"));

    assertEquals(ProductionExceptionHandler.Result.RESUME, response.result());
    assertEquals(List.of(), response.deadLetterQueueRecords());
  }

  /**
   * A configured production handler's answer when the output of source record {@code KEY, VALUE},
   * keyed {@code mistral} (a key of its own, so that a dead letter shows which key it kept), failed
   * to be sent to {@code topic}.
   */
  private ProductionExceptionHandler.Response productionError(String topic, Exception error) {
    DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
    handler.configure(configs);
    return handler.handleError(new Context(KEY, VALUE),
        new ProducerRecord<>(topic, "mistral".getBytes(StandardCharsets.UTF_8), VALUE), error);
  }

  @Test
  void theKafkaDeadLetterTopicSettingChoosesTheTopic() {
    DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
    handler.configure(
        Map.of(
            DeadLetters.SCHEMA_REGISTRY_CONFIG, registry,
            StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "other.dlq"));

    ProducerRecord<byte[], byte[]> record =
        handler
            .handleError(new Context(KEY, VALUE), new Record<>("k", "v", 0), new RuntimeException())
            .deadLetterQueueRecords()
            .get(0);

    assertEquals("other.dlq", record.topic());
    assertEquals(RuntimeException.class.getName(), decode(record).getReason());
  }

  @Test
  void aMissingRegistryIsAConfigError() {
    ConfigException error =
        assertThrows(
            ConfigException.class, () -> new DeadLetterProcessingHandler().configure(Map.of()));
    assertEquals(
        "Invalid value null for configuration news.signals.schema.registry: must be a"
            + " io.newssignals.serde.SchemaRegistry instance in the Streams configs",
        error.getMessage());
  }
}

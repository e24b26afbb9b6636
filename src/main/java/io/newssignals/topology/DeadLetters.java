package io.newssignals.topology;

import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.FailureStage;
import io.newssignals.ops.PipelineMetrics;
import io.newssignals.serde.SchemaRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds {@code news.deadletter} records for the exception handlers and for validation.
 *
 * <p>The handlers are created by Kafka Streams from class names, so they find their collaborators
 * in the configs map that Streams passes to {@code configure(Map)}: the application's originals,
 * object values included. Keys read:
 *
 * <ul>
 *   <li>{@link #SCHEMA_REGISTRY_CONFIG}: a {@link SchemaRegistry} instance (required), which the
 *       {@code DeadLetter} value serde registers its schema with;
 *   <li>{@link #CLOCK_CONFIG}: a {@link Clock} instance for {@code failedAt} (optional, default
 *       UTC system clock);
 *   <li>{@link #METRICS_CONFIG}: the {@link PipelineMetrics} instance that counts dead letters per
 *       stage (optional, default: counted nowhere);
 *   <li>{@link StreamsConfig#ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG} (KIP-1034): the topic name
 *       (optional, default {@link Topics#DEAD_LETTER}).
 * </ul>
 *
 * <p>A dead letter is keyed by the failed record's key when that key is valid UTF-8 (the key serde
 * of every topic here is a UTF-8 string serde, so the bytes are kept as they are), and has a null
 * key otherwise; the exact key bytes are always in {@link DeadLetter#getKey()}.
 */
public final class DeadLetters {

  /** Config key whose value is the {@link SchemaRegistry} instance the handlers serialize with. */
  public static final String SCHEMA_REGISTRY_CONFIG = "news.signals.schema.registry";

  /** Config key whose optional value is the {@link Clock} that stamps {@code failedAt}. */
  public static final String CLOCK_CONFIG = "news.signals.clock";

  /** Config key whose optional value is the {@link PipelineMetrics} that counts dead letters. */
  public static final String METRICS_CONFIG = "news.signals.metrics";

  private final String topic;
  private final Serializer<DeadLetter> valueSerializer;
  private final Clock clock;
  private final PipelineMetrics metrics;

  DeadLetters(
      String topic, Serializer<DeadLetter> valueSerializer, Clock clock, PipelineMetrics metrics) {
    this.topic = topic;
    this.valueSerializer = valueSerializer;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Reads the handler settings described in the class comment.
   *
   * @throws ConfigException if {@link #SCHEMA_REGISTRY_CONFIG} is missing or of the wrong type, or
   *     {@link #CLOCK_CONFIG} or {@link #METRICS_CONFIG} is of the wrong type
   */
  static DeadLetters fromConfigs(Map<String, ?> configs) {
    Object registry = configs.get(SCHEMA_REGISTRY_CONFIG);
    if (!(registry instanceof SchemaRegistry schemaRegistry)) {
      throw new ConfigException(
          SCHEMA_REGISTRY_CONFIG,
          registry,
          "must be a " + SchemaRegistry.class.getName() + " instance in the Streams configs");
    }
    Object clock = configs.get(CLOCK_CONFIG);
    if (clock == null) {
      clock = Clock.systemUTC();
    }
    if (!(clock instanceof Clock failureClock)) {
      throw new ConfigException(CLOCK_CONFIG, clock, "must be a java.time.Clock instance");
    }
    Object metrics = configs.get(METRICS_CONFIG);
    if (metrics == null) {
      metrics = PipelineMetrics.discarding();
    }
    if (!(metrics instanceof PipelineMetrics pipelineMetrics)) {
      throw new ConfigException(
          METRICS_CONFIG, metrics, "must be a " + PipelineMetrics.class.getName() + " instance");
    }
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    String topicName = topic == null ? Topics.DEAD_LETTER : topic.toString();
    return new DeadLetters(
        topicName,
        new Topics(schemaRegistry).deadLetter().valueSerde().serializer(),
        failureClock,
        pipelineMetrics);
  }

  /** @return the topic dead letters are written to */
  String topic() {
    return topic;
  }

  /**
   * Describes a failure of one record, and counts it in the metrics: every dead letter of the
   * topology, from validation or a handler, is described exactly once.
   *
   * @param partition source partition, or negative when unknown (e.g. a punctuation)
   * @param offset source offset, or negative when unknown
   * @param key original key bytes, may be null
   * @param value original value bytes, may be null
   */
  DeadLetter describe(
      FailureStage stage,
      String reason,
      String errorClass,
      String sourceTopic,
      int partition,
      long offset,
      long timestampMs,
      byte[] key,
      byte[] value) {
    metrics.deadLetter(stage);
    return DeadLetter.newBuilder()
        .setStage(stage)
        .setReason(reason)
        .setErrorClass(errorClass)
        .setSourceTopic(sourceTopic)
        .setSourcePartition(partition < 0 ? null : partition)
        .setSourceOffset(offset < 0 ? null : offset)
        .setSourceTimestamp(timestampMs < 0 ? null : Instant.ofEpochMilli(timestampMs))
        .setKey(key == null ? null : ByteBuffer.wrap(key))
        .setValue(value == null ? null : ByteBuffer.wrap(value))
        // Avro keeps milliseconds: truncate now so the record equals itself after a round trip.
        .setFailedAt(Instant.ofEpochMilli(clock.millis()))
        .build();
  }

  /** Describes an exception; the reason is its message, or its class name when it has none. */
  DeadLetter describe(
      FailureStage stage,
      Exception exception,
      String sourceTopic,
      int partition,
      long offset,
      long timestampMs,
      byte[] key,
      byte[] value) {
    String reason =
        exception.getMessage() == null ? exception.getClass().getName() : exception.getMessage();
    return describe(
        stage,
        reason,
        exception.getClass().getName(),
        sourceTopic,
        partition,
        offset,
        timestampMs,
        key,
        value);
  }

  /**
   * The dead-letter record for the source record of a failed processing or production step, as
   * the handler's context describes it (KIP-1034: its raw key and value bytes, topic, partition,
   * offset and timestamp).
   */
  ProducerRecord<byte[], byte[]> forSourceOf(
      FailureStage stage, Exception exception, ErrorHandlerContext context) {
    DeadLetter deadLetter = describe(stage, exception, context.topic(), context.partition(),
        context.offset(), context.timestamp(), context.sourceRawKey(), context.sourceRawValue());
    return record(deadLetter, context.timestamp());
  }

  /**
   * Serializes a dead letter into a record for the handler responses of KIP-1034, which Streams
   * sends with the task's producer (so inside the transaction under exactly-once).
   *
   * @param timestampMs record timestamp; the failed record's, so time-based retention treats the
   *     dead letter like its source
   */
  ProducerRecord<byte[], byte[]> record(DeadLetter deadLetter, long timestampMs) {
    byte[] key = deadLetter.getKey() == null ? null : utf8OrNull(deadLetter.getKey());
    return new ProducerRecord<>(
        topic,
        null,
        timestampMs < 0 ? null : timestampMs,
        key,
        valueSerializer.serialize(topic, deadLetter));
  }

  /** @return the bytes of a valid UTF-8 key as they are, or null for bytes that are not UTF-8 */
  private static byte[] utf8OrNull(ByteBuffer key) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(key.duplicate());
    } catch (CharacterCodingException e) {
      return null;
    }
    byte[] bytes = new byte[key.remaining()];
    key.duplicate().get(bytes);
    return bytes;
  }
}

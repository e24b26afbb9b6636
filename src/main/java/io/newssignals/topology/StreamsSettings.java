package io.newssignals.topology;

import io.newssignals.serde.SchemaRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration of the news-signals application.
 *
 * <p>Use: {@code new KafkaStreams(SignalTopology.build(topics, extractor, clock),
 * StreamsSettings.properties(bootstrap, registry, replicationFactor, overrides))}.
 */
public final class StreamsSettings {

  /** Default {@code application.id}: also the consumer group and the transactional id prefix. */
  public static final String DEFAULT_APPLICATION_ID = "news-signals";

  /**
   * Commit interval in ms. Under exactly-once a commit ends the transaction, and read_committed
   * consumers of the signal topics see output only then: an item waits on average half of this,
   * and up to all of it, before its signals are readable. With 1 s, a p99 end-to-end latency under
   * 250 ms (issue #8) cannot be reached; 100 ms, the exactly-once default, leaves most of that
   * budget to processing. The cost, ten transaction markers per second per task, is small next to
   * extraction in the {@code bench} figures (see the README's Performance section).
   */
  public static final long COMMIT_INTERVAL_MS = 100;

  /**
   * Longest wait for input in one poll of the stream thread, in ms ({@code poll.ms}). The thread
   * runs its punctuations and checks whether a commit is due only between polls, so when no record
   * comes (a quiet stream, the end of a burst of news) a due commit, and the dedup task's check for
   * a drained input ({@link CommitOnDrain}), wait up to this long: Kafka Streams' 100 ms added up
   * to that much to an item's way to its signals. In {@code bench}'s latency stage at 1,000
   * items/s, with the drain commit's first version (commit eab87f9), 20 ms gave p99 205 to 410 ms
   * where 100 ms gave 246 to 1,116 (README, Performance); an idle thread wakes 50 times a second
   * instead of 10.
   */
  public static final long POLL_MS = 20;

  /**
   * Largest request the producer sends, in bytes: a dead letter carries the original record plus
   * an envelope, so one for a record near the 1 MiB default limit must still fit. {@link
   * TopicAdmin} gives {@code news.deadletter} the same {@code max.message.bytes}.
   */
  public static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

  private StreamsSettings() {}

  /**
   * The application's properties. Later sources win: the defaults below, then {@code overrides}
   * (e.g. from {@code run --config FILE} or the environment), so any setting can be changed.
   *
   * @param bootstrapServers {@code host:port[,host:port...]}
   * @param registry the schema registry the dead-letter handlers serialize with, passed to them as
   *     the object value of {@link DeadLetters#SCHEMA_REGISTRY_CONFIG}
   * @param replicationFactor of the internal topics Streams may create; 1 for a single broker
   * @param overrides extra or replacing properties, copied as they are (keys as strings)
   * @return a new, mutable {@link Properties}
   */
  public static Properties properties(
      String bootstrapServers,
      SchemaRegistry registry,
      int replicationFactor,
      Map<?, ?> overrides) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // Each signal and dead letter is written once with its input offsets committed atomically.
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // No default key/value serdes: every operator passes the serdes of its Topics entry, and an
    // operator that forgets fails at startup rather than guessing a format.
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
    // The dedup store lives here (RocksDB; restored from its changelog when the folder is lost);
    // a folder of our own keeps it away from other Streams apps on the same machine.
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        Path.of(System.getProperty("java.io.tmpdir"), "news-signals-streams").toString());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
    props.put(StreamsConfig.POLL_MS_CONFIG, POLL_MS);
    // A new application reads the news already in news.raw instead of only what comes later.
    props.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_REQUEST_BYTES);
    // Any operator added later that would create a changelog or repartition topic with a
    // generated name makes startup fail (KIP-1111), so topic names never shift with the code.
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    // One bad record goes to news.deadletter instead of stopping the application (KIP-1033,
    // KIP-1034); the handlers find the registry and the topic name below.
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class.getName());
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterProcessingHandler.class.getName());
    // Also for global stores, the default from Kafka 5.0 on; opting in now keeps behaviour stable.
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    props.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterProductionHandler.class.getName());
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTER);
    props.put(DeadLetters.SCHEMA_REGISTRY_CONFIG, registry);
    overrides.forEach((key, value) -> props.put(key.toString(), value));
    return props;
  }
}

package io.newssignals.topology;

import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.extract.SignalExtractor;
import java.time.Clock;
import java.util.Locale;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The news-signals topology, shared by the application and the tests.
 *
 * <pre>
 * news.raw (item id -&gt; NewsItem)
 *   -&gt; validate -&gt; invalid: news.deadletter (item id -&gt; DeadLetter, stage VALIDATION)
 *   -&gt; extract (0..n Signals per item) -&gt; key by companyId
 *   -&gt; route by type: signals.funding | signals.hiring | signals.expansion (company id -&gt; Signal)
 * </pre>
 *
 * <p>Validation failures are ordinary data and flow through the topology's own dead-letter sink.
 * Everything else that fails for one record (undeserializable bytes, an extractor that throws, an
 * output that cannot be produced) is sent to the same topic by the exception handlers that {@link
 * StreamsSettings} configures: see {@link DeadLetterDeserializationHandler}, {@link
 * DeadLetterProcessingHandler} and {@link DeadLetterProductionHandler}. All dead letters are thus
 * written by the task's producer, inside the exactly-once transaction.
 *
 * <p>A VALIDATION dead letter carries the key and item re-encoded with {@code news.raw}'s serdes,
 * because the DSL does not hand processors a record's raw bytes: same content, but with the
 * schema id of the compiled schema rather than the producer's. Handler dead letters carry the
 * exact original bytes (KIP-1034's {@code ErrorHandlerContext.sourceRawKey/sourceRawValue}).
 *
 * <p>Every node has a fixed name (the constants below), so the topology description, metrics and
 * any future internal topics stay stable across code changes.
 *
 * <p>No operation repartitions or keeps state: the re-key by company only sets the output key.
 */
public final class SignalTopology {

  /** Source node reading {@code news.raw}. */
  public static final String SOURCE = "news-raw-source";

  /** Validation processor. */
  public static final String VALIDATE = "validate";

  /** Split after validation; its branches are this prefix plus {@code rejected} or {@code valid}. */
  public static final String VALIDATION_SPLIT = "validation-";

  static final String REJECTED_BRANCH = "rejected";
  static final String VALID_BRANCH = "valid";

  /** Unwraps the dead letter of a rejected item. */
  public static final String REJECTION = "rejection";

  /** Sink of VALIDATION dead letters into {@code news.deadletter}. */
  public static final String DEAD_LETTER_SINK = "dead-letter-sink";

  /** Unwraps a valid item. */
  public static final String VALID_ITEM = "valid-item";

  /** Signal extraction: one item to zero or more signals. */
  public static final String EXTRACT = "extract";

  /** Re-keys each signal by its company id. */
  public static final String KEY_BY_COMPANY = "key-by-company";

  /** Split by signal type; its branches are this prefix plus the lower-case type. */
  public static final String ROUTE = "route-";

  /** Suffix of each signal sink's name, after the lower-case type. */
  public static final String SINK_SUFFIX = "-sink";

  /**
   * Tunables of the topology.
   *
   * @param maxBodyBytes largest accepted body, in bytes of UTF-8; a longer one is a VALIDATION
   *     dead letter
   * @param maxSignalBytes largest serialized signal, in bytes; a larger one is a PRODUCTION dead
   *     letter, refused by the sink's serializer before it reaches the producer
   */
  public record Options(int maxBodyBytes, int maxSignalBytes) {

    /** Default body limit: 1 MiB, the broker's default message size limit. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    /**
     * Default signal limit: 1,000,000 bytes, under the broker's default {@code max.message.bytes}
     * (1,048,588) less the record batch overhead. Checking it when serializing matters under
     * exactly-once: a record the producer or broker refuses as too large puts the transactional
     * producer in an abortable error state, so its dead letter could not be written in the same
     * transaction and the task would fail over and over on the same record.
     */
    public static final int DEFAULT_MAX_SIGNAL_BYTES = 1_000_000;

    /** The defaults. */
    public static final Options DEFAULTS = new Options(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_SIGNAL_BYTES);

    /** @throws IllegalArgumentException if a limit is not positive */
    public Options {
      if (maxBodyBytes <= 0) {
        throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
      }
      if (maxSignalBytes <= 0) {
        throw new IllegalArgumentException("maxSignalBytes must be positive: " + maxSignalBytes);
      }
    }

    /** Options with the given body limit and {@link #DEFAULT_MAX_SIGNAL_BYTES}. */
    public Options(int maxBodyBytes) {
      this(maxBodyBytes, DEFAULT_MAX_SIGNAL_BYTES);
    }
  }

  private SignalTopology() {}

  /** Builds the topology with {@link Options#DEFAULTS}. */
  public static Topology build(Topics topics, SignalExtractor extractor, Clock clock) {
    return build(topics, extractor, clock, Options.DEFAULTS);
  }

  /**
   * Builds the topology.
   *
   * @param topics the topics with their serdes; every operator uses these, never default serdes
   * @param extractor shared by all stream threads, so thread-safe
   * @param clock stamps {@code failedAt} of VALIDATION dead letters
   * @param options tunables
   */
  public static Topology build(
      Topics topics, SignalExtractor extractor, Clock clock, Options options) {
    StreamsBuilder builder = new StreamsBuilder();
    DeadLetters deadLetters =
        new DeadLetters(
            topics.deadLetter().name(), topics.deadLetter().valueSerde().serializer(), clock);

    KStream<String, NewsItem> raw =
        builder.stream(
            topics.raw().name(),
            Consumed.with(topics.raw().keySerde(), topics.raw().valueSerde()).withName(SOURCE));

    KStream<String, Checked> checked =
        raw.processValues(
            () -> new ValidateProcessor(topics, deadLetters, options.maxBodyBytes()),
            Named.as(VALIDATE));

    KStream<String, Checked> valid =
        checked
            .split(Named.as(VALIDATION_SPLIT))
            .branch(
                (key, outcome) -> outcome.isRejected(),
                Branched.withConsumer(
                    rejected -> sendToDeadLetters(rejected, topics), REJECTED_BRANCH))
            .defaultBranch(Branched.as(VALID_BRANCH))
            .get(VALIDATION_SPLIT + VALID_BRANCH);

    KStream<String, Signal> signals =
        valid
            .mapValues(Checked::item, Named.as(VALID_ITEM))
            .flatMapValues(extractor::extract, Named.as(EXTRACT))
            .selectKey((itemId, signal) -> signal.getCompanyId(), Named.as(KEY_BY_COMPANY));

    BranchedKStream<String, Signal> route = signals.split(Named.as(ROUTE));
    for (SignalType type : SignalType.values()) {
      Topics.Topic<String, Signal> topic = topics.signals(type);
      Serde<Signal> limited = Serdes.serdeFrom(
          sizeLimited(topic.valueSerde().serializer(), options.maxSignalBytes()),
          topic.valueSerde().deserializer());
      route.branch(
          (companyId, signal) -> signal.getType() == type,
          Branched.withConsumer(
              ofType ->
                  ofType.to(
                      topic.name(),
                      Produced.with(topic.keySerde(), limited)
                          .withName(sinkName(type))),
              branchName(type)));
    }
    route.noDefaultBranch();

    return builder.build();
  }

  private static void sendToDeadLetters(KStream<String, Checked> rejected, Topics topics) {
    Topics.Topic<String, DeadLetter> deadLetter = topics.deadLetter();
    rejected
        .mapValues(Checked::rejection, Named.as(REJECTION))
        .to(
            deadLetter.name(),
            Produced.with(deadLetter.keySerde(), deadLetter.valueSerde())
                .withName(DEAD_LETTER_SINK));
  }

  /**
   * @return a serializer that refuses, with a {@link SerializationException} naming the size and
   *     the limit, any value whose bytes are more than {@code maxBytes}; the production exception
   *     handler turns that into a PRODUCTION dead letter
   */
  static <T> Serializer<T> sizeLimited(Serializer<T> serializer, int maxBytes) {
    return (topic, value) -> {
      byte[] bytes = serializer.serialize(topic, value);
      if (bytes != null && bytes.length > maxBytes) {
        throw new SerializationException(
            "Value for topic " + topic + " is " + bytes.length + " bytes, over the limit of " + maxBytes + " bytes");
      }
      return bytes;
    };
  }

  /** @return the route branch of a type, without the {@link #ROUTE} prefix: e.g. {@code funding} */
  static String branchName(SignalType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }

  /** @return the sink node of a type's topic: e.g. {@code funding-sink} */
  public static String sinkName(SignalType type) {
    return branchName(type) + SINK_SUFFIX;
  }
}

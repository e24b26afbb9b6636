package io.newssignals.topology;

import io.newssignals.alerts.AlertRules;
import io.newssignals.alerts.AlertTopology;
import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.ExtractedItem;
import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.extract.SignalExtractor;
import io.newssignals.ops.PipelineMetrics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The news-signals topology, shared by the application and the tests.
 *
 * <pre>
 * news.raw (item id -&gt; NewsItem)
 *   -&gt; validate -&gt; invalid: news.deadletter (item id -&gt; DeadLetter, stage VALIDATION)
 *   -&gt; extract (item id -&gt; ExtractedItem: the item's dedup keys and its 0..n Signals)
 *   -&gt; items with signals: repartition into one partition
 *      (&lt;application.id&gt;-dedup-input-repartition)
 *   -&gt; dedup: drop copies seen within the window (store dedup-index)
 *   -&gt; the kept item's signals -&gt; key by companyId
 *   -&gt; route by type: signals.funding | signals.hiring | signals.expansion (company id -&gt; Signal)
 * </pre>
 *
 * <h2>De-duplication and partitioning</h2>
 *
 * <p>The same story arrives from several feeds, or again under a new URL, and must yield its
 * signals once. {@link DedupProcessor} drops an item whose canonical URL, or whose near-identical
 * title and body ({@link StoryFingerprint}), was seen within {@link Options#dedupWindow()}, in the
 * key-value store {@value #DEDUP_STORE} (changelog {@code <application.id>-dedup-index-changelog}),
 * and with it the item's signals.
 *
 * <p>A store only sees its own partition, and {@code news.raw} is keyed by item id: copies under
 * different URLs land on different partitions, and near-copies share no exact key at all (they
 * meet through any one of 16 band keys). Repartitioning by a band key would put each item on up
 * to 16 partitions whose verdicts must be gathered again (a second repartition and a join), and a
 * global store cannot be written by a processor. So items go through one repartition topic of one
 * partition, {@code <application.id>-dedup-input-repartition}, keyed as before: one task sees
 * every item, in one order, and one store holds every fingerprint of the window, which makes the
 * verdict exact and deterministic under exactly-once.
 *
 * <p>Extraction (milliseconds an item) runs before that hop, in the tasks that read {@code
 * news.raw}, so it spreads over its partitions, stream threads and instances; those tasks also
 * compute the item's fingerprint. The single dedup task then judges the item from its index on
 * the heap, writes at most two store records (the URL's and the kept story's) and routes the
 * signals of the items it keeps. Under
 * exactly-once a repartitioned record is readable downstream only once the transaction that wrote
 * it commits, so the hop adds up to one commit interval ({@link
 * StreamsSettings#COMMIT_INTERVAL_MS}) to an item's way to its signals: this order keeps it to one
 * hop, and the dedup task asks for a commit as soon as it has drained what a commit released
 * ({@link CommitOnDrain}), so that the signals need not wait for the next regular commit too. The
 * costs: a duplicate is extracted before it is dropped, and the repartition record is an
 * {@code ExtractedItem} (the item's id, URL, {@code ingestedAt}, fingerprint and band keys, and its
 * signals: no title or body, so a few KiB rather than up to the body limit). An item without
 * signals has nothing to emit and skips dedup: it neither passes the hop nor enters the store, so
 * a later copy of it that does yield signals is kept.
 *
 * <p>A zero dedup window turns all of this off: no repartition, no store, no fingerprint; the
 * signals are routed by the tasks that read {@code news.raw}.
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
 * exact original bytes (KIP-1034's {@code ErrorHandlerContext.sourceRawKey/sourceRawValue}) of
 * the record their task read: an extraction failure, or an {@code ExtractedItem} that cannot be
 * written to the dedup input, names {@code news.raw}; with dedup on, a failure after the hop (a
 * signal that cannot be produced) names the dedup-input repartition topic, and its value is the
 * {@code ExtractedItem}.
 *
 * <p>Every node has a fixed name (the constants below), so the topology description, metrics and
 * internal topics stay stable across code changes. The dedup input's value type has changed from
 * {@code NewsItem} to {@code ExtractedItem}: an application id that ran an earlier version must be
 * reset (e.g. {@code kafka-streams-application-reset}) before this one starts, and the registry
 * subject {@code <application.id>-dedup-input-repartition-value} deleted if the registry checks
 * its compatibility.
 *
 * <p>The re-key by company only sets the output key: it does not repartition. The alert rules
 * ({@link AlertTopology}) read the signal topics back and keep their own named stores.
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

  /** Signal extraction: one item to an {@code ExtractedItem} of zero or more signals. */
  public static final String EXTRACT = "extract";

  /** Keeps the items with at least one signal, the only ones dedup has to judge. */
  public static final String WITH_SIGNALS = "with-signals";

  /**
   * Name of the repartition into one partition before dedup; its topic is {@code
   * <application.id>-dedup-input-repartition}.
   */
  public static final String DEDUP_INPUT = "dedup-input";

  /** The de-duplication processor. */
  public static final String DEDUP = "dedup";

  /**
   * The key-value store of URLs and fingerprints seen; its changelog is {@code
   * <application.id>-dedup-index-changelog}. Named apart from the window store {@code dedup-store}
   * of earlier versions, so an application that skipped the reset restores nothing of that format.
   */
  public static final String DEDUP_STORE = "dedup-index";

  /** Unwraps an item's signals, counting each as produced. */
  public static final String ITEM_SIGNALS = "item-signals";

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
   * @param maxSignalBytes largest serialized signal, in bytes, and with dedup on also largest
   *     serialized {@code ExtractedItem} (an item's signals together, plus under 1 KiB of dedup
   *     keys) on the dedup input; a larger one is a PRODUCTION dead letter, refused by the sink's
   *     serializer before it reaches the producer
   * @param dedupWindow how far apart (record timestamps) two copies of a story may be for the
   *     later one to be dropped; also how long the dedup store keeps what it saw. Zero turns
   *     dedup off: no repartition, no store (for replays where every item must count, and for
   *     tests of other concerns whose generated items share templates)
   * @param alertRules the rules turning signals into alerts; no rules adds no alert nodes
   * @param metrics counts consumed items, duplicates, VALIDATION dead letters and signals, times
   *     extraction; give the same instance to the handlers as {@link DeadLetters#METRICS_CONFIG}
   */
  public record Options(int maxBodyBytes, int maxSignalBytes, Duration dedupWindow,
      AlertRules alertRules, PipelineMetrics metrics) {

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

    /** Default dedup window: 7 days, longer than a story is re-published by other outlets. */
    public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofDays(7);

    /**
     * The defaults: 1 MiB bodies, 1,000,000-byte signals, a 7-day dedup window, {@link
     * AlertRules#DEFAULTS}, metrics recorded nowhere.
     */
    public static final Options DEFAULTS = new Options(DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_SIGNAL_BYTES, DEFAULT_DEDUP_WINDOW, AlertRules.DEFAULTS,
        PipelineMetrics.discarding());

    /**
     * @throws IllegalArgumentException if a size limit is not positive, or {@code dedupWindow} is
     *     neither zero nor at least 1 ms
     */
    public Options {
      if (maxBodyBytes <= 0) {
        throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
      }
      if (maxSignalBytes <= 0) {
        throw new IllegalArgumentException("maxSignalBytes must be positive: " + maxSignalBytes);
      }
      if (dedupWindow.isNegative() || (!dedupWindow.isZero() && dedupWindow.toMillis() < 1)) {
        throw new IllegalArgumentException(
            "dedupWindow must be zero (no dedup) or at least 1 ms: " + dedupWindow);
      }
    }

    /** @return these options with another body limit, in bytes */
    public Options withMaxBodyBytes(int bytes) {
      return new Options(bytes, maxSignalBytes, dedupWindow, alertRules, metrics);
    }

    /** @return these options with another signal size limit, in bytes */
    public Options withMaxSignalBytes(int bytes) {
      return new Options(maxBodyBytes, bytes, dedupWindow, alertRules, metrics);
    }

    /** @return these options with another dedup window */
    public Options withDedupWindow(Duration window) {
      return new Options(maxBodyBytes, maxSignalBytes, window, alertRules, metrics);
    }

    /** @return these options with other alert rules */
    public Options withAlertRules(AlertRules rules) {
      return new Options(maxBodyBytes, maxSignalBytes, dedupWindow, rules, metrics);
    }

    /** @return these options recording into other metrics */
    public Options withMetrics(PipelineMetrics pipelineMetrics) {
      return new Options(maxBodyBytes, maxSignalBytes, dedupWindow, alertRules, pipelineMetrics);
    }
  }

  private SignalTopology() {}

  /** Builds the topology with {@link Options#DEFAULTS}: default alert rules, no metrics. */
  public static Topology build(Topics topics, SignalExtractor extractor, Clock clock) {
    return build(topics, extractor, clock, Options.DEFAULTS);
  }


  /**
   * Builds the topology.
   *
   * @param topics the topics with their serdes; every operator uses these, never default serdes
   * @param extractor shared by all stream threads, so thread-safe
   * @param clock stamps {@code failedAt} of VALIDATION dead letters and {@code createdAt} of alerts
   * @param options tunables
   */
  public static Topology build(
      Topics topics, SignalExtractor extractor, Clock clock, Options options) {
    PipelineMetrics metrics = options.metrics();
    StreamsBuilder builder = new StreamsBuilder();
    DeadLetters deadLetters =
        new DeadLetters(
            topics.deadLetter().name(),
            topics.deadLetter().valueSerde().serializer(),
            clock,
            metrics);

    KStream<String, NewsItem> raw =
        builder.stream(
            topics.raw().name(),
            Consumed.with(topics.raw().keySerde(), topics.raw().valueSerde()).withName(SOURCE));

    KStream<String, Checked> checked =
        raw.processValues(
            () -> new ValidateProcessor(topics, deadLetters, options.maxBodyBytes(), metrics),
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

    KStream<String, NewsItem> items = valid.mapValues(Checked::item, Named.as(VALID_ITEM));
    boolean dedup = !options.dedupWindow().isZero();
    KStream<String, ExtractedItem> kept =
        items.mapValues(item -> extract(extractor, metrics, item, dedup), Named.as(EXTRACT));
    if (dedup) {
      builder.addStateStore(
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(DEDUP_STORE), Serdes.String(), Serdes.ByteArray()));
      Serde<ExtractedItem> dedupInput = Serdes.serdeFrom(
          sizeLimited(topics.extractedItems().serializer(), options.maxSignalBytes()),
          topics.extractedItems().deserializer());
      kept =
          kept
              .filter((itemId, extracted) -> !extracted.getSignals().isEmpty(),
                  Named.as(WITH_SIGNALS))
              .repartition(
                  Repartitioned.with(topics.raw().keySerde(), dedupInput)
                      .withName(DEDUP_INPUT)
                      // One partition on purpose: see the class comment.
                      .withNumberOfPartitions(1))
              .processValues(
                  () -> new DedupProcessor(DEDUP_STORE, options.dedupWindow(), metrics),
                  Named.as(DEDUP),
                  DEDUP_STORE);
    }

    KStream<String, Signal> signals =
        kept
            .flatMapValues(extracted -> produced(metrics, extracted), Named.as(ITEM_SIGNALS))
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

    AlertTopology.addTo(builder, topics, options.alertRules(), clock);
    return builder.build();
  }

  /**
   * Names the repartition topics that {@link #build} adds, for callers that wait until the
   * application has consumed all its inputs.
   *
   * @param applicationId the application's {@code application.id}
   * @param options the options the topology was built with
   * @return {@code <applicationId>-dedup-input-repartition}; empty when the dedup window is zero
   */
  public static List<String> repartitionTopics(String applicationId, Options options) {
    if (options.dedupWindow().isZero()) {
      return List.of();
    }
    return List.of(applicationId + "-" + DEDUP_INPUT + "-repartition");
  }

  /**
   * Names every topic the application consumes as the topology's input: the ones whose consumer
   * lag tells whether it keeps up, and which it must have committed past before a run counts as
   * done.
   *
   * @param applicationId the application's {@code application.id}
   * @param options the options the topology was built with
   * @return {@code news.raw}, then {@link #repartitionTopics}: a backlog before the single dedup
   *     task shows only on the latter
   */
  public static List<String> inputTopics(String applicationId, Options options) {
    List<String> inputs = new ArrayList<>(List.of(Topics.RAW));
    inputs.addAll(repartitionTopics(applicationId, options));
    return List.copyOf(inputs);
  }

  /**
   * Extracts an item's signals, timing the extractor. With {@code fingerprint}, an item with
   * signals also gets its story fingerprint, here in the parallel news.raw tasks rather than in
   * the single dedup task; an item without signals never meets dedup and needs none.
   */
  private static ExtractedItem extract(
      SignalExtractor extractor, PipelineMetrics metrics, NewsItem item, boolean fingerprint) {
    List<Signal> signals = metrics.timeExtraction(() -> extractor.extract(item));
    ExtractedItem.Builder extracted = ExtractedItem.newBuilder()
        .setItemId(item.getId())
        .setUrl(item.getUrl())
        .setIngestedAt(item.getIngestedAt())
        .setSignals(signals);
    if (fingerprint && !signals.isEmpty()) {
      StoryFingerprint story = StoryFingerprint.of(item.getTitle(), item.getBody());
      if (story != null) {
        extracted.setFingerprint(ByteBuffer.wrap(story.compact())).setBandKeys(story.bandKeys());
      }
    }
    return extracted.build();
  }

  /** @return the signals of an item that is routed (kept by dedup, if on), counting each */
  private static List<Signal> produced(PipelineMetrics metrics, ExtractedItem extracted) {
    List<Signal> signals = extracted.getSignals();
    signals.forEach(signal -> metrics.signalProduced(signal, extracted.getIngestedAt()));
    return signals;
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

package io.newssignals.bench;

import io.newssignals.app.StreamsApp;
import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.extract.LexiconSignalExtractor;
import io.newssignals.extract.SignalExtractor;
import io.newssignals.ingest.NewsProducer;
import io.newssignals.ops.ConsumerGroupLag;
import io.newssignals.ops.TopicAssignment;
import io.newssignals.serde.HttpSchemaRegistryClient;
import io.newssignals.serde.SchemaRegistry;
import io.newssignals.topology.SignalTopology;
import io.newssignals.topology.StreamsSettings;
import io.newssignals.topology.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Measures, in one process and on the same generated items, how fast items cross the broker with
 * plain clients, through an identity Kafka Streams topology under exactly-once, and through the
 * signal topology; then the end-to-end latency of the signal topology at a fixed offered rate; and
 * the peak memory of the whole process.
 *
 * <p>Every stage runs against the same cluster with the same producer settings ({@link
 * NewsProducer#config}) and the same Streams settings ({@link StreamsSettings}), so on a busy
 * machine the absolute figures move together and their ratios hold. Throughput is items divided by
 * the time from the first send to the moment the last item's output is readable {@code
 * read_committed}: producing, processing and committing all count.
 *
 * <p>Every topic, subject and application id of a run starts with its own prefix, so a run can
 * share a cluster with the application and with other runs.
 */
public final class Bench {

  /**
   * What to run.
   *
   * @param items items per throughput stage
   * @param warmUpItems items sent through each throughput stage, untimed, before its timed items:
   *     the JIT compiles the clients', Streams' and the topology's code on them, which on two cores
   *     otherwise takes a core away from the first seconds of a stage; 0 for none
   * @param itemBytes target size of each item, UTF-8 bytes of title plus body
   * @param rate offered rate of the latency stage, items/s
   * @param latencyItems items sent in the latency stage (distinct from the throughput items)
   * @param languages item languages, in rotation (see {@link BenchItems#LANGUAGES})
   * @param languageHints whether items carry their language, sparing detection
   * @param streamsOverrides Kafka Streams settings over {@link StreamsSettings}' defaults, for both
   *     Streams stages
   * @param stageTimeout longest a throughput stage may take before the run fails
   */
  public record Options(
      int items,
      int warmUpItems,
      int itemBytes,
      int rate,
      int latencyItems,
      List<String> languages,
      boolean languageHints,
      Map<String, String> streamsOverrides,
      Duration stageTimeout) {}

  /** Partitions of every bench topic: as the demo's, so Streams runs three tasks. */
  static final int PARTITIONS = 3;

  /** Items extracted in-process before the Kafka stages, so that no stage pays for loading the language models. */
  static final int EXTRACTOR_WARM_UP_ITEMS = 500;

  /** How long the latency stage waits for stragglers after the last send. */
  static final Duration LATENCY_DRAIN = Duration.ofSeconds(30);

  private static final Duration POLL = Duration.ofMillis(20);

  private final String bootstrapServers;
  private final String schemaRegistryUrl;
  private final Consumer<String> progress;

  /**
   * @param bootstrapServers the cluster
   * @param schemaRegistryUrl Confluent-compatible registry base URL
   * @param progress receives one line as each step starts
   */
  public Bench(String bootstrapServers, String schemaRegistryUrl, Consumer<String> progress) {
    this.bootstrapServers = bootstrapServers;
    this.schemaRegistryUrl = schemaRegistryUrl;
    this.progress = progress;
  }

  /**
   * Runs every stage once, in order, and deletes the run's topics afterwards.
   *
   * @throws IllegalStateException if a throughput stage does not finish within the stage timeout
   */
  public BenchReport run(Options options) throws InterruptedException {
    String prefix = "bench-" + Long.toString(System.currentTimeMillis(), 36) + ".";
    SchemaRegistry registry = new HttpSchemaRegistryClient(schemaRegistryUrl);
    Topics topics = new Topics(registry, prefix);
    // Items [0, w) warm each stage up, [w, w + n) are timed, the rest go to the latency stage: all
    // distinct stories, so that dedup keeps every one.
    int w = options.warmUpItems();
    int total = w + options.items() + options.latencyItems();
    progress.accept("Generating " + total + " items of " + options.itemBytes() + " bytes in "
        + options.languages() + "...");
    List<NewsItem> items = BenchItems.generate(total, options.itemBytes(), options.languages(),
        options.languageHints(), BenchItems.DEFAULT_SEED);
    Encoded encoded = Encoded.of(items, topics);

    Clock clock = Clock.systemUTC();
    SignalExtractor extractor = new LexiconSignalExtractor(clock);
    int extractorWarmUp = Math.min(EXTRACTOR_WARM_UP_ITEMS, items.size());
    progress.accept("Warming up the extractor on " + extractorWarmUp + " items...");
    items.subList(0, extractorWarmUp).forEach(extractor::extract);

    String ceilingTopic = prefix + "ceiling";
    String identityIn = prefix + "identity.in";
    String identityOut = prefix + "identity.out";
    // The full pipeline writes alerts too: a missing topic would stall its transactions.
    List<String> created = new ArrayList<>(List.of(ceilingTopic, identityIn, identityOut,
        topics.raw().name(), topics.deadLetter().name(), topics.alerts().name()));
    for (SignalType type : SignalType.values()) {
      created.add(topics.signals(type).name());
    }
    try (MemoryWatch memory = new MemoryWatch();
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(NewsProducer.config(bootstrapServers, Map.of()))) {
      createTopics(admin, created, topics.deadLetter().name());
      try {
        int n = options.items();
        Deadline deadline = new Deadline(options.stageTimeout());

        progress.accept("1/4 broker ceiling: " + w + " warm-up and " + n + " timed items, plain producer and consumer...");
        double ceiling = afterWarmUp(w, n, deadline,
            (from, count, stage) -> plainClients(producer, encoded, ceilingTopic, from, count, stage));

        progress.accept("2/4 identity topology under exactly_once_v2: starting Kafka Streams...");
        double identity;
        Properties identityConfig = streamsConfig(registry, topics, prefix + "identity", options);
        try (StreamsApp app = StreamsApp.start(identityTopology(identityIn, identityOut), identityConfig,
            options.stageTimeout())) {
          progress.accept("2/4 identity topology: " + w + " warm-up and " + n + " timed items...");
          identity = afterWarmUp(w, n, deadline,
              (from, count, stage) -> identityRun(producer, encoded, identityIn, identityOut, from, count, stage));
        }

        progress.accept("3/4 full pipeline: starting Kafka Streams...");
        String group = prefix + "pipeline";
        Properties pipelineConfig = streamsConfig(registry, topics, group, options);
        double full;
        Latencies latencies;
        // The defaults, dedup included, as `run` has them: each generated item names its own
        // company and numbers, so dedup keeps every one, but it still does all its work.
        SignalTopology.Options pipeline = SignalTopology.Options.DEFAULTS;
        List<String> pipelineInputs = new ArrayList<>(List.of(topics.raw().name()));
        pipelineInputs.addAll(SignalTopology.repartitionTopics(group, pipeline));
        try (StreamsApp app = StreamsApp.start(SignalTopology.build(topics, extractor, clock, pipeline),
                pipelineConfig, options.stageTimeout());
            SignalWatch watch = new SignalWatch(bootstrapServers, topics, encoded)) {
          progress.accept("3/4 full pipeline: " + w + " warm-up and " + n + " timed items...");
          full = afterWarmUp(w, n, deadline, (from, count, stage) ->
              fullRun(producer, encoded, topics, watch, admin, group, pipelineInputs, from, count, stage));
          progress.accept("4/4 latency: " + options.latencyItems() + " items at " + options.rate() + " items/s...");
          latencies = latencyRun(producer, encoded, topics, watch, w + n, options);
        }

        return new BenchReport(n, w, options.itemBytes(), ceiling, identity, full, options.rate(),
            options.latencyItems(), latencies.lost(), latencies.percentileMs(50), latencies.percentileMs(99),
            latencies.percentileMs(100), mb(memory.peakHeapBytes()), mb(Runtime.getRuntime().maxMemory()),
            MemoryWatch.peakResidentBytes().isPresent() ? mb(MemoryWatch.peakResidentBytes().getAsLong()) : -1);
      } finally {
        admin.deleteTopics(created);
      }
    }
  }

  /** A throughput stage over items {@code from..from+count}: items/s. */
  @FunctionalInterface
  private interface Stage {
    double run(int from, int count, Deadline deadline) throws InterruptedException;
  }

  /**
   * Runs {@code stage} untimed over items {@code 0..w} (when {@code w > 0}), then over the timed
   * items {@code w..w+n}, each pass with the stage's own time limit.
   *
   * @return the timed pass's items/s
   */
  private static double afterWarmUp(int w, int n, Deadline deadline, Stage stage) throws InterruptedException {
    if (w > 0) {
      stage.run(0, w, deadline.restart());
    }
    return stage.run(w, n, deadline.restart());
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  private Properties streamsConfig(SchemaRegistry registry, Topics topics, String applicationId, Options options) {
    Map<String, Object> overrides = new HashMap<>(options.streamsOverrides());
    overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    overrides.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetter().name());
    return StreamsSettings.properties(bootstrapServers, registry, 1, overrides);
  }

  private static void createTopics(Admin admin, List<String> names, String deadLetter) throws InterruptedException {
    List<NewTopic> specs = names.stream()
        .map(name -> {
          NewTopic topic = new NewTopic(name, PARTITIONS, (short) 1);
          // As TopicAdmin does for news.deadletter: a dead letter wraps a whole original record.
          return name.equals(deadLetter)
              ? topic.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                  Integer.toString(StreamsSettings.MAX_REQUEST_BYTES)))
              : topic;
        })
        .toList();
    try {
      admin.createTopics(specs).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot create the bench topics: " + e.getCause().getMessage(), e.getCause());
    }
  }

  static Topology identityTopology(String in, String out) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(in, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("identity-source"))
        .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("identity-sink"));
    return builder.build();
  }

  /** Stage 1: items/s from the first send of items {@code from..from+n} until a plain consumer has read every one back. */
  private double plainClients(
      KafkaProducer<byte[], byte[]> producer, Encoded encoded, String topic, int from, int n, Deadline deadline)
      throws InterruptedException {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, List.of(topic), IsolationLevel.READ_UNCOMMITTED)) {
      long start = System.nanoTime();
      Thread sender = sender(producer, encoded, topic, from, n, 0, null);
      int seen = 0;
      while (seen < n) {
        deadline.check("the broker ceiling stage", seen, n);
        seen += consumer.poll(POLL).count();
      }
      long end = System.nanoTime();
      sender.join();
      return perSecond(n, start, end);
    }
  }

  /** Stage 2: items/s of items {@code from..from+n} through the identity topology, read back read_committed. */
  private double identityRun(
      KafkaProducer<byte[], byte[]> producer, Encoded encoded, String in, String out, int from, int n,
      Deadline deadline) throws InterruptedException {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, List.of(out), IsolationLevel.READ_COMMITTED)) {
      long start = System.nanoTime();
      Thread sender = sender(producer, encoded, in, from, n, 0, null);
      int seen = 0;
      while (seen < n) {
        deadline.check("the identity stage", seen, n);
        seen += consumer.poll(POLL).count();
      }
      long end = System.nanoTime();
      sender.join();
      return perSecond(n, start, end);
    }
  }

  /**
   * Stage 3: items/s of items {@code from..from+n} through the signal topology. An item is through when its first signal is
   * readable; an item that yields no signal is through when the application has committed past it
   * on all of its {@code inputs} (news.raw and the dedup repartition topic), which is checked once
   * all are sent.
   */
  private double fullRun(KafkaProducer<byte[], byte[]> producer, Encoded encoded, Topics topics, SignalWatch watch,
      Admin admin, String group, List<String> inputs, int from, int n, Deadline deadline) throws InterruptedException {
    long start = System.nanoTime();
    Thread sender = sender(producer, encoded, topics.raw().name(), from, n, 0, null);
    long end = 0;
    while (end == 0) {
      deadline.check("the full pipeline stage", watch.firstSeen(from, n), n);
      watch.poll();
      if (watch.firstSeen(from, n) == n) {
        end = System.nanoTime();
      } else if (!sender.isAlive() && watch.atEnd()
          && ConsumerGroupLag.total(ConsumerGroupLag.of(admin, group, inputs)) == 0) {
        end = System.nanoTime();
      }
    }
    sender.join();
    return perSecond(n, start, end);
  }

  /**
   * Stage 4: items {@code from..} sent at the offered rate; each item's latency runs from the moment it
   * was due to be sent (so a sender that falls behind adds to it rather than hiding it) to the
   * moment its first signal is read.
   */
  private Latencies latencyRun(KafkaProducer<byte[], byte[]> producer, Encoded encoded, Topics topics,
      SignalWatch watch, int from, Options options) throws InterruptedException {
    int count = options.latencyItems();
    long[] due = new long[count];
    Thread sender = sender(producer, encoded, topics.raw().name(), from, count, options.rate(), due);
    long stopAt = Long.MAX_VALUE;
    while (watch.firstSeen(from, count) < count && System.nanoTime() < stopAt) {
      watch.poll();
      if (!sender.isAlive() && stopAt == Long.MAX_VALUE) {
        stopAt = System.nanoTime() + LATENCY_DRAIN.toNanos();
      }
    }
    sender.join();
    long[] latencies = new long[count];
    int lost = 0;
    int measured = 0;
    for (int i = 0; i < count; i++) {
      long seenAt = watch.seenAt(from + i);
      if (seenAt == 0) {
        lost++;
      } else {
        latencies[measured++] = seenAt - due[i];
      }
    }
    return new Latencies(Arrays.copyOf(latencies, measured), lost);
  }

  /**
   * Sends items {@code from..from+count} on a new thread, then flushes.
   *
   * @param rate items/s, or 0 for as fast as the producer takes them
   * @param due when not null, receives each item's scheduled send time (System.nanoTime)
   */
  private static Thread sender(KafkaProducer<byte[], byte[]> producer, Encoded encoded, String topic, int from,
      int count, int rate, long[] due) {
    Thread thread = new Thread(() -> {
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        if (rate > 0) {
          long at = start + (long) (i * 1e9 / rate);
          long wait;
          while ((wait = at - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
          }
          due[i] = at;
        }
        producer.send(new ProducerRecord<>(topic, encoded.keys()[from + i], encoded.values()[from + i]));
      }
      producer.flush();
    }, "bench-sender");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, List<String> topics, IsolationLevel isolation) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    // Start at the current end, resolved now, so that only what the stage sends is counted.
    TopicAssignment.assignAll(consumer, topics, false);
    return consumer;
  }

  private static double perSecond(int n, long startNanos, long endNanos) {
    return n / ((endNanos - startNanos) / 1e9);
  }

  /** Keys and values encoded once, with the raw topic's serdes, so no stage pays for encoding. */
  record Encoded(byte[][] keys, byte[][] values, Map<String, Integer> indexById) {
    static Encoded of(List<NewsItem> items, Topics topics) {
      byte[][] keys = new byte[items.size()][];
      byte[][] values = new byte[items.size()][];
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < items.size(); i++) {
        NewsItem item = items.get(i);
        keys[i] = topics.raw().keySerde().serializer().serialize(topics.raw().name(), item.getId());
        values[i] = topics.raw().valueSerde().serializer().serialize(topics.raw().name(), item);
        index.put(item.getId(), i);
      }
      return new Encoded(keys, values, index);
    }
  }

  /** Reads the signal topics read_committed and notes when each item's first signal was read. */
  private static final class SignalWatch implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<Signal> signals;
    private final Map<String, Integer> indexById;
    private final long[] seenAt;

    SignalWatch(String bootstrapServers, Topics topics, Encoded encoded) {
      List<String> names = Arrays.stream(SignalType.values()).map(t -> topics.signals(t).name()).toList();
      this.consumer = consumer(bootstrapServers, names, IsolationLevel.READ_COMMITTED);
      this.signals = topics.signals(SignalType.FUNDING).valueSerde().deserializer();
      this.indexById = encoded.indexById();
      this.seenAt = new long[encoded.keys().length];
    }

    void poll() {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        long now = System.nanoTime();
        Integer index = indexById.get(signals.deserialize(r.topic(), r.value()).getItemId());
        if (index != null && seenAt[index] == 0) {
          seenAt[index] = now;
        }
      }
    }

    /** @return how many items of {@code from..from+count} have had a signal read */
    int firstSeen(int from, int count) {
      int n = 0;
      for (int i = from; i < from + count; i++) {
        if (seenAt[i] != 0) {
          n++;
        }
      }
      return n;
    }

    /** @return System.nanoTime when the item's first signal was read, or 0 */
    long seenAt(int index) {
      return seenAt[index];
    }

    /** @return whether the position is at the last stable offset of every partition */
    boolean atEnd() {
      Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
      return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    @Override
    public void close() {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Latencies in ns, and how many items were never seen. */
  private record Latencies(long[] nanos, int lost) {
    /** Nearest-rank percentile in ms; 100 is the maximum; NaN when nothing was measured. */
    double percentileMs(int percentile) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
      return sorted[Math.max(0, rank - 1)] / 1e6;
    }
  }

  /** A stage's time limit. */
  private static final class Deadline {
    private final Duration limit;
    private long endNanos;

    Deadline(Duration limit) {
      this.limit = limit;
    }

    Deadline restart() {
      endNanos = System.nanoTime() + limit.toNanos();
      return this;
    }

    void check(String stage, int done, int total) {
      if (System.nanoTime() > endNanos) {
        throw new IllegalStateException(stage + " did not finish within " + limit.toSeconds() + " s: "
            + done + " of " + total + " items through");
      }
    }
  }
}

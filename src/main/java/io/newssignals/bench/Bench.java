package io.newssignals.bench;

import io.newssignals.app.StreamsApp;
import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.extract.LexiconSignalExtractor;
import io.newssignals.extract.SignalExtractor;
import io.newssignals.ingest.NewsProducer;
import io.newssignals.local.TempFolders;
import io.newssignals.ops.ConsumerGroupLag;
import io.newssignals.ops.TopicAssignment;
import io.newssignals.serde.HttpSchemaRegistryClient;
import io.newssignals.serde.SchemaRegistry;
import io.newssignals.topology.SignalTopology;
import io.newssignals.topology.StreamsSettings;
import io.newssignals.topology.TopicAdmin;
import io.newssignals.topology.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
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
   * @param items items timed per throughput stage, and the size of each warm-up round
   * @param warmUp warm-up of each throughput stage: rounds of fresh items go through the stage,
   *     untimed, until {@link #SETTLE_WINDOW} of them leave the JIT compiler busy less than {@link
   *     #SETTLED_JIT_SHARE} of its time; no round starts after this long (the last one runs to its
   *     end); zero for none. The clients', Streams' and the topology's code is compiled by then,
   *     as in an application that has run for a while; on two cores the compiler otherwise takes
   *     most of a core for the first minute or so
   * @param itemBytes target size of each item, UTF-8 bytes of title plus body
   * @param rate offered rate of the latency stage, items/s
   * @param latencyItems items measured in the latency stage (distinct from the throughput items),
   *     after up to as many untimed ones (see {@link #LATENCY_WARM_UP})
   * @param languages item languages, in rotation (see {@link BenchItems#LANGUAGES})
   * @param languageHints whether items carry their language, sparing detection
   * @param streamsOverrides Kafka Streams settings over {@link StreamsSettings}' defaults, for both
   *     Streams stages
   * @param stageTimeout longest a throughput stage may take before the run fails
   */
  public record Options(
      int items,
      Duration warmUp,
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

  /**
   * Compiler time per wall-clock time below which a warm-up round counts as settled: 10% of one
   * core, against 60 to 80% during the first minute of a run on two cores (README, Performance).
   */
  static final double SETTLED_JIT_SHARE = 0.10;

  /** Shortest stretch of warm-up rounds that {@link #SETTLED_JIT_SHARE} is judged on. */
  static final Duration SETTLE_WINDOW = Duration.ofSeconds(5);

  /**
   * Index of the first warm-up item ({@link BenchItems#generate(int, int, int, List, boolean,
   * long, Instant)}): above any timed or latency item, so that every warm-up item is a story of its
   * own and dedup keeps it.
   */
  static final int FIRST_WARM_UP_INDEX = 10_000_000;

  /**
   * Published time of the first warm-up item, the next ones a second apart: a year before the
   * timed items ({@link BenchItems#FIRST_PUBLISHED}), so that event time moves forward from the
   * warm-up to the timed items, as it does in a live stream, and the alert rules' windows of the
   * warm-up have closed when the timed items come. The last warm-up round, the bridge, is
   * published just before the timed items instead (see {@link WarmUp}).
   */
  static final Instant WARM_UP_PUBLISHED = BenchItems.FIRST_PUBLISHED.minus(Duration.ofDays(365));

  /** How long the latency stage waits for stragglers after the last send. */
  static final Duration LATENCY_DRAIN = Duration.ofSeconds(30);

  private static final Duration POLL = Duration.ofMillis(20);

  /**
   * How long the latency stage sends at its rate, untimed, before the items it measures (at most
   * as many items as it measures). The full stage before it times each item to its first signal
   * and ends with work left in the machine that no lag shows (the consumer group had no lag 0.1 s
   * later): a latency stage started at once measured that work as well as its own items, p50 289
   * ms and p99 494 ms in one run, against 208 and 296 ms, flat through the stage, in a run that
   * waited 10 s first.
   */
  static final Duration LATENCY_WARM_UP = Duration.ofSeconds(5);

  /**
   * @param rate the latency stage's offered rate, items/s
   * @param latencyItems items it measures
   * @return how many untimed items it sends first: {@link #LATENCY_WARM_UP} at the rate, but no
   *     more than it measures
   */
  public static int latencyWarmUpItems(int rate, int latencyItems) {
    return (int) Math.min(LATENCY_WARM_UP.toSeconds() * rate, latencyItems);
  }

  /**
   * How long the full pipeline stage waits without a new signal before it checks whether the
   * items left yield none: two commit intervals, so that a check never races a pending commit.
   */
  private static final Duration QUIET = Duration.ofMillis(2 * StreamsSettings.COMMIT_INTERVAL_MS);

  private final String bootstrapServers;
  private final String schemaRegistryUrl;
  private final Consumer<String> progress;
  private final OptionalLong brokerPid;

  /**
   * @param bootstrapServers the cluster
   * @param schemaRegistryUrl Confluent-compatible registry base URL
   * @param progress receives one line as each step starts
   * @param brokerPid the process id of the broker's JVM on this machine, whose peak resident set
   *     the report gives; empty for a broker elsewhere or in this JVM
   */
  public Bench(String bootstrapServers, String schemaRegistryUrl, Consumer<String> progress, OptionalLong brokerPid) {
    this.bootstrapServers = bootstrapServers;
    this.schemaRegistryUrl = schemaRegistryUrl;
    this.progress = progress;
    this.brokerPid = brokerPid;
  }

  /**
   * Runs every stage once, in order, and deletes the run's topics afterwards.
   *
   * @throws IllegalStateException if a throughput stage does not finish within the stage timeout
   */
  public BenchReport run(Options options) throws InterruptedException {
    String prefix = "bench-" + Long.toString(System.currentTimeMillis(), 36) + ".";
    // The stages' state stores (the dedup index, 85 MB after a default run) go in a folder of the
    // run's own, deleted after it, unless --set state.dir names another.
    Path stateDir = createStateDir();
    try {
      return run(options, prefix, stateDir);
    } finally {
      TempFolders.delete(stateDir, "the bench run's state folder");
    }
  }

  private static Path createStateDir() {
    try {
      return Files.createTempDirectory("news-signals-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a state folder for the bench's Kafka Streams stages", e);
    }
  }

  private BenchReport run(Options options, String prefix, Path stateDir) throws InterruptedException {
    SchemaRegistry registry = new HttpSchemaRegistryClient(schemaRegistryUrl);
    Topics topics = new Topics(registry, prefix);
    // Items [0, n) are timed in each throughput stage, [n, total) go to the latency stage, its
    // untimed ones first: all distinct stories, so that dedup keeps every one. Warm-up rounds of
    // the throughput stages are generated as needed.
    int n = options.items();
    int latencyWarmUp = latencyWarmUpItems(options.rate(), options.latencyItems());
    int total = n + latencyWarmUp + options.latencyItems();
    progress.accept("Generating " + total + " items of " + options.itemBytes() + " bytes in "
        + options.languages() + "...");
    List<NewsItem> items = BenchItems.generate(total, options.itemBytes(), options.languages(),
        options.languageHints(), BenchItems.DEFAULT_SEED);
    Batch timed = Batch.of(items.subList(0, n), topics);
    Batch latencyItems = Batch.of(items.subList(n, total), topics);

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
      createTopics(admin, created, prefix);
      try {
        Deadline deadline = new Deadline(options.stageTimeout());
        WarmUp warmUp = new WarmUp(options.warmUp(), options.items(), (first, published) -> Batch.of(
            BenchItems.generate(first, options.items(), options.itemBytes(), options.languages(),
                options.languageHints(), BenchItems.DEFAULT_SEED, published), topics));

        progress.accept("1/4 broker ceiling: plain producer and consumer" + warmUp.describe(n) + "...");
        BenchReport.Stage ceiling = warmUp.thenTime(timed, deadline,
            (batch, stage) -> plainClients(producer, batch, ceilingTopic, stage));

        progress.accept("2/4 identity topology under exactly_once_v2: starting Kafka Streams...");
        BenchReport.Stage identity;
        Properties identityConfig = streamsConfig(registry, topics, prefix + "identity", stateDir, options);
        try (StreamsApp app = StreamsApp.start(identityTopology(identityIn, identityOut), identityConfig,
            options.stageTimeout())) {
          progress.accept("2/4 identity topology" + warmUp.describe(n) + "...");
          identity = warmUp.thenTime(timed, deadline,
              (batch, stage) -> identityRun(producer, batch, identityIn, identityOut, stage));
        }

        progress.accept("3/4 full pipeline: starting Kafka Streams...");
        String group = prefix + "pipeline";
        Properties pipelineConfig = streamsConfig(registry, topics, group, stateDir, options);
        BenchReport.Stage full;
        List<BenchReport.ThreadTime> fullThreads;
        BenchReport.RatioWindow fullThreadsWindow;
        Latencies latencies;
        // The defaults, dedup included, as `run` has them: each generated item names its own
        // company and numbers, so dedup keeps every one, but it still does all its work.
        SignalTopology.Options pipeline = SignalTopology.Options.DEFAULTS;
        List<String> pipelineInputs = new ArrayList<>(List.of(topics.raw().name()));
        pipelineInputs.addAll(SignalTopology.repartitionTopics(group, pipeline));
        try (StreamsApp app = StreamsApp.start(SignalTopology.build(topics, extractor, clock, pipeline),
                pipelineConfig, options.stageTimeout());
            SignalWatch watch = new SignalWatch(bootstrapServers, topics)) {
          progress.accept("3/4 full pipeline" + warmUp.describe(n) + "...");
          full = warmUp.thenTime(timed, deadline, (batch, stage) ->
              fullRun(producer, batch, topics, watch, admin, group, pipelineInputs, stage));
          fullThreads = threadTimes(app.streams());
          StreamsConfig applied = new StreamsConfig(pipelineConfig);
          fullThreadsWindow = new BenchReport.RatioWindow(applied.getInt(StreamsConfig.METRICS_NUM_SAMPLES_CONFIG),
              applied.getLong(StreamsConfig.METRICS_SAMPLE_WINDOW_MS_CONFIG) / 1000.0);
          progress.accept("4/4 latency: " + latencyWarmUp + " untimed, then " + options.latencyItems() + " items at "
              + options.rate() + " items/s...");
          latencies = latencyRun(producer, latencyItems, latencyWarmUp, topics, watch, options);
        }

        return new BenchReport(n, options.itemBytes(), ceiling, identity, full, fullThreads, fullThreadsWindow,
            latencyWarmUp, options.rate(), options.latencyItems(), latencies.lost(), latencies.percentileMs(50), latencies.percentileMs(99),
            latencies.percentileMs(100), mb(memory.peakHeapBytes()), mb(Runtime.getRuntime().maxMemory()),
            mbOrUnknown(MemoryWatch.peakResidentBytes()),
            brokerPid.isPresent() ? mbOrUnknown(MemoryWatch.peakResidentBytes(brokerPid.getAsLong())) : -1);
      } finally {
        // With the internal topics Kafka Streams made for the run's application ids.
        Set<String> ofTheRun = new HashSet<>(created);
        try {
          admin.listTopics().names().get().stream().filter(name -> name.startsWith(prefix)).forEach(ofTheRun::add);
        } catch (ExecutionException e) {
          progress.accept("Cannot list the run's internal topics to delete them: " + e.getCause().getMessage());
        }
        admin.deleteTopics(ofTheRun);
      }
    }
  }

  /** A throughput stage over one batch of items: items/s. */
  @FunctionalInterface
  interface Stage {
    double run(Batch batch, Deadline deadline) throws InterruptedException;
  }

  /** Makes a warm-up round: fresh items from index {@code first}, published a second apart from {@code published}. */
  @FunctionalInterface
  interface Rounds {
    Batch of(int first, Instant published);
  }

  /**
   * Warms a stage up, then times it. Each warm-up round sends {@code items} fresh items (the same
   * rounds for every stage, generated again each time rather than held in memory). The warm-up
   * ends once the rounds of at least {@link #SETTLE_WINDOW} left the compiler busy less than
   * {@link #SETTLED_JIT_SHARE} of their time; no round starts once the warm-up's limit has
   * passed, except the bridge.
   *
   * <p>After the rounds, one more, the bridge, published in the seconds just before the timed
   * items ({@link BenchItems#FIRST_PUBLISHED} less one second an item), and counted in the
   * warm-up's items and seconds; none without warm-up rounds. It
   * carries stream time across the year from the warm-up, so the one-off work of that jump is done
   * before timing starts: Kafka Streams then closes and deletes the alert rules' window store
   * segments of the warm-up and opens new ones, each a RocksDB instance, on the stream thread.
   * In a wall-clock profile of the full pipeline that took about 0.4 s of a 2.25 s timed stage:
   * work a live stream does once a segment interval (8 or 16 days for the default rules).
   */
  static final class WarmUp {
    private final Duration limit;
    private final int items;
    private final Rounds rounds;

    /**
     * @param limit no round but the bridge starts after this; zero for no warm-up at all
     * @param items items in each round
     * @param rounds makes each round's items
     */
    WarmUp(Duration limit, int items, Rounds rounds) {
      this.limit = limit;
      this.items = items;
      this.rounds = rounds;
    }

    String describe(int timedItems) {
      return limit.isZero()
          ? ": " + timedItems + " timed items"
          : ": rounds of " + items + " warm-up items until the JIT compiler settles (none starts after "
              + limit.toSeconds() + " s), one bridge round, then " + timedItems + " timed items";
    }

    BenchReport.Stage thenTime(Batch timed, Deadline deadline, Stage stage) throws InterruptedException {
      long start = System.nanoTime();
      int warmUpItems = 0;
      boolean settled = false;
      JitClock jit = JitClock.start();
      Instant bridgePublished = BenchItems.FIRST_PUBLISHED.minusSeconds(items);
      // The last index, the bridge's included, must stay an int, and the warm-up's event time
      // before the bridge's.
      while (System.nanoTime() - start < limit.toNanos()
          && (long) FIRST_WARM_UP_INDEX + warmUpItems + 2L * items <= Integer.MAX_VALUE
          && WARM_UP_PUBLISHED.plusSeconds(warmUpItems + items).isBefore(bridgePublished)) {
        warmUpItems += round(warmUpItems, WARM_UP_PUBLISHED.plusSeconds(warmUpItems), stage, deadline);
        // One quiet round of a second or two can fall between two bursts of compiling.
        if (jit.elapsed().compareTo(SETTLE_WINDOW) >= 0) {
          if (jit.share() < SETTLED_JIT_SHARE) {
            settled = true;
            break;
          }
          jit = JitClock.start();
        }
      }
      if (warmUpItems > 0) {
        warmUpItems += round(warmUpItems, bridgePublished, stage, deadline);
      }
      double warmUpSeconds = warmUpItems == 0 ? 0 : (System.nanoTime() - start) / 1e9;
      jit = JitClock.start();
      double itemsPerSecond = stage.run(timed, deadline.restart());
      return new BenchReport.Stage(itemsPerSecond, warmUpItems, warmUpSeconds, settled, jit.share());
    }

    /** Sends one untimed round of fresh items, the first published at {@code published}: its size. */
    private int round(int warmUpItems, Instant published, Stage stage, Deadline deadline) throws InterruptedException {
      Batch batch = rounds.of(FIRST_WARM_UP_INDEX + warmUpItems, published);
      try {
        stage.run(batch, deadline.restart());
      } catch (IllegalStateException e) {
        throw new IllegalStateException("Warm-up, after " + warmUpItems + " items: " + e.getMessage(), e);
      }
      return batch.size();
    }
  }

  /**
   * Each stream thread's time shares from Kafka Streams' thread metrics, in the order of the
   * threads' numbers ({@code -StreamThread-2} before {@code -StreamThread-10}).
   */
  private static List<BenchReport.ThreadTime> threadTimes(KafkaStreams streams) {
    Map<String, Map<String, Double>> ratiosByThread = new TreeMap<>(
        Comparator.comparingLong(Bench::threadNumber).thenComparing(Comparator.naturalOrder()));
    streams.metrics().forEach((name, metric) -> {
      String thread = name.tags().get("thread-id");
      if (name.group().equals("stream-thread-metrics") && thread != null
          && metric.metricValue() instanceof Number value) {
        ratiosByThread.computeIfAbsent(thread, id -> new HashMap<>()).put(name.name(), value.doubleValue());
      }
    });
    return ratiosByThread.entrySet().stream()
        .map(entry -> new BenchReport.ThreadTime(entry.getKey(), ratioOf(entry.getValue(), "process-ratio"),
            ratioOf(entry.getValue(), "punctuate-ratio"), ratioOf(entry.getValue(), "poll-ratio"),
            ratioOf(entry.getValue(), "commit-ratio")))
        .toList();
  }

  private static double ratioOf(Map<String, Double> ratios, String name) {
    return ratios.getOrDefault(name, Double.NaN);
  }

  /** @return the number a thread id ends with, or -1 when it ends with none */
  static long threadNumber(String threadId) {
    int start = threadId.length();
    while (start > 0 && Character.isDigit(threadId.charAt(start - 1))) {
      start--;
    }
    return start == threadId.length() || threadId.length() - start > 18 ? -1 : Long.parseLong(threadId.substring(start));
  }

  /** The JIT compiler's time since {@link #start}, per wall-clock time. */
  private record JitClock(long startCompileMillis, long startNanos) {
    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();

    static JitClock start() {
      return new JitClock(compileMillis(), System.nanoTime());
    }

    Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /**
     * @return compiler milliseconds (summed over its threads, so above 1 when they overlap) per
     *     elapsed millisecond; 0 when the JVM does not measure compile time
     */
    double share() {
      double elapsedMillis = (System.nanoTime() - startNanos) / 1e6;
      return elapsedMillis <= 0 ? 0 : (compileMillis() - startCompileMillis) / elapsedMillis;
    }

    private static long compileMillis() {
      return COMPILER != null && COMPILER.isCompilationTimeMonitoringSupported()
          ? COMPILER.getTotalCompilationTime() : 0;
    }
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  /** @return MB, or -1 when unknown */
  private static double mbOrUnknown(OptionalLong bytes) {
    return bytes.isPresent() ? mb(bytes.getAsLong()) : -1;
  }

  /**
   * Checks Kafka Streams settings before a run, as a stage applies them over {@link
   * StreamsSettings}' defaults: each key must be a Streams, producer, consumer or admin setting,
   * bare or with one of Streams' client prefixes ({@code topic.} settings pass unchecked), and
   * Streams and its clients must accept the values together.
   *
   * @param overrides settings as given to {@code bench --set}
   * @throws IllegalArgumentException naming the unknown key or the refused value; also for a key
   *     that each stage sets itself (the cluster, the application id, the dead-letter topic), and
   *     for fewer than one stream thread, which Streams accepts but which leaves a stage waiting for
   *     its timeout
   */
  public static void checkStreamsOverrides(Map<String, String> overrides) {
    for (String key : overrides.keySet()) {
      if (BENCH_OWNED_SETTINGS.contains(key)) {
        throw new IllegalArgumentException("'" + key + "' is set by bench for each stage"
            + (key.equals(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG) ? "; use --bootstrap-servers" : ""));
      }
      if (!isKnownSetting(key)) {
        throw new IllegalArgumentException(
            "unknown setting '" + key + "': not a Kafka Streams, producer, consumer or admin setting");
      }
    }
    Map<String, Object> withId = new HashMap<>(overrides);
    withId.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-check");
    // Nothing connects: the configs are only built, as Kafka Streams builds them when it starts.
    Properties props = StreamsSettings.properties(
        "127.0.0.1:9092", new HttpSchemaRegistryClient("http://127.0.0.1:1"), 1, withId);
    StreamsConfig config;
    try {
      config = new StreamsConfig(props);
      // Streams gives its clients byte-array (de)serializers when it creates them.
      Map<String, Object> producer = new HashMap<>(config.getProducerConfigs("bench-check"));
      producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
      producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
      int transactionTimeout = new ProducerConfig(producer).getInt(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
      long commitInterval = config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
      // Streams compares only a producer-prefixed timeout with the commit interval; a bare one
      // reaches the producers too.
      if (StreamsConfig.EXACTLY_ONCE_V2.equals(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
          && transactionTimeout < commitInterval) {
        throw new IllegalArgumentException(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG + " " + transactionTimeout
            + " is below " + StreamsConfig.COMMIT_INTERVAL_MS_CONFIG + " " + commitInterval
            + ": every transaction would time out before its commit");
      }
      Map<String, Object> consumer = new HashMap<>(config.getMainConsumerConfigs("bench-check", "bench-check", 0));
      consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
      consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
      new ConsumerConfig(consumer);
      new AdminClientConfig(config.getAdminConfigs("bench-check"));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    int threads = config.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
    if (threads < 1) {
      throw new IllegalArgumentException(
          StreamsConfig.NUM_STREAM_THREADS_CONFIG + " must be at least 1 for a stage to run, not " + threads);
    }
  }

  /** Settings each stage sets itself: the cluster, and an application id and dead-letter topic of its own. */
  private static final Set<String> BENCH_OWNED_SETTINGS = Set.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
      StreamsConfig.APPLICATION_ID_CONFIG, StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);

  /** Whether Kafka Streams or one of its clients knows {@code key}, with Streams' prefixes. */
  private static boolean isKnownSetting(String key) {
    if (StreamsConfig.configDef().names().contains(key) || ProducerConfig.configNames().contains(key)
        || ConsumerConfig.configNames().contains(key) || AdminClientConfig.configNames().contains(key)) {
      return true;
    }
    for (String prefix : List.of(StreamsConfig.MAIN_CONSUMER_PREFIX, StreamsConfig.RESTORE_CONSUMER_PREFIX,
        StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.CONSUMER_PREFIX)) {
      if (key.startsWith(prefix)) {
        return ConsumerConfig.configNames().contains(key.substring(prefix.length()));
      }
    }
    if (key.startsWith(StreamsConfig.PRODUCER_PREFIX)) {
      return ProducerConfig.configNames().contains(key.substring(StreamsConfig.PRODUCER_PREFIX.length()));
    }
    if (key.startsWith(StreamsConfig.ADMIN_CLIENT_PREFIX)) {
      return AdminClientConfig.configNames().contains(key.substring(StreamsConfig.ADMIN_CLIENT_PREFIX.length()));
    }
    return key.startsWith(StreamsConfig.TOPIC_PREFIX) && key.length() > StreamsConfig.TOPIC_PREFIX.length();
  }

  private Properties streamsConfig(SchemaRegistry registry, Topics topics, String applicationId, Path stateDir,
      Options options) {
    Map<String, Object> overrides = new HashMap<>(options.streamsOverrides());
    overrides.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    overrides.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetter().name());
    return StreamsSettings.properties(bootstrapServers, registry, 1, overrides);
  }

  /**
   * Creates the run's topics, each {@code prefix} + a base name; those whose base name is one of
   * {@link Topics#ALL} get {@link TopicAdmin#configs}, as {@code run --create-topics} gives them.
   */
  private static void createTopics(Admin admin, List<String> names, String prefix) throws InterruptedException {
    List<NewTopic> specs = names.stream()
        .map(name -> new NewTopic(name, PARTITIONS, (short) 1)
            .configs(TopicAdmin.configs(name.substring(prefix.length()))))
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

  /** Stage 1: items/s from the first send of a batch until a plain consumer has read every item back. */
  private double plainClients(KafkaProducer<byte[], byte[]> producer, Batch batch, String topic, Deadline deadline)
      throws InterruptedException {
    int n = batch.size();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, List.of(topic), IsolationLevel.READ_UNCOMMITTED)) {
      long start = System.nanoTime();
      Sender sender = sender(producer, batch, topic, 0, null);
      int seen = 0;
      while (seen < n) {
        sender.check("the broker ceiling stage");
        deadline.check("the broker ceiling stage", seen, n);
        seen += consumer.poll(POLL).count();
      }
      long end = System.nanoTime();
      sender.join();
      return perSecond(n, start, end);
    }
  }

  /** Stage 2: items/s of a batch through the identity topology, read back read_committed. */
  private double identityRun(
      KafkaProducer<byte[], byte[]> producer, Batch batch, String in, String out, Deadline deadline)
      throws InterruptedException {
    int n = batch.size();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, List.of(out), IsolationLevel.READ_COMMITTED)) {
      long start = System.nanoTime();
      Sender sender = sender(producer, batch, in, 0, null);
      int seen = 0;
      while (seen < n) {
        sender.check("the identity stage");
        deadline.check("the identity stage", seen, n);
        seen += consumer.poll(POLL).count();
      }
      long end = System.nanoTime();
      sender.join();
      return perSecond(n, start, end);
    }
  }

  /**
   * Stage 3: items/s of a batch through the signal topology. An item is through when its first signal is
   * readable; an item that yields no signal is through when the application has committed past it
   * on all of its {@code inputs} (news.raw and the dedup repartition topic), which is checked once
   * all are sent and no signal has come for {@link #QUIET}, so such a batch's time can be up to
   * that much too long.
   */
  private double fullRun(KafkaProducer<byte[], byte[]> producer, Batch batch, Topics topics, SignalWatch watch,
      Admin admin, String group, List<String> inputs, Deadline deadline) throws InterruptedException {
    int n = batch.size();
    watch.watch(batch);
    long start = System.nanoTime();
    Sender sender = sender(producer, batch, topics.raw().name(), 0, null);
    long end = 0;
    int seen = 0;
    long quietSince = System.nanoTime();
    while (end == 0) {
      sender.check("the full pipeline stage");
      deadline.check("the full pipeline stage", watch.seen(), n);
      watch.poll();
      long now = System.nanoTime();
      if (watch.seen() == n) {
        end = now;
      } else if (watch.seen() > seen) {
        seen = watch.seen();
        quietSince = now;
      } else if (now - quietSince >= QUIET.toNanos() && !sender.isAlive()) {
        // Only once no signal has come for a while: each check costs the broker an end-offset and
        // a group-offset request, which polled every 20 ms took CPU from the pipeline measured.
        if (watch.atEnd() && ConsumerGroupLag.total(ConsumerGroupLag.of(admin, group, inputs)) == 0) {
          end = System.nanoTime();
        }
        quietSince = System.nanoTime();
      }
    }
    sender.join();
    return perSecond(n, start, end);
  }

  /**
   * Stage 4: a batch sent at the offered rate, its first {@code untimed} items not measured (see
   * {@link #LATENCY_WARM_UP}); each other item's latency runs from the moment it was due to be
   * sent (so a sender that falls behind adds to it rather than hiding it) to the moment its first
   * signal is read.
   */
  private Latencies latencyRun(KafkaProducer<byte[], byte[]> producer, Batch batch, int untimed, Topics topics,
      SignalWatch watch, Options options) throws InterruptedException {
    int count = batch.size();
    long[] due = new long[count];
    watch.watch(batch);
    Sender sender = sender(producer, batch, topics.raw().name(), options.rate(), due);
    long stopAt = Long.MAX_VALUE;
    while (watch.seen() < count && System.nanoTime() < stopAt) {
      sender.check("the latency stage");
      watch.poll();
      if (!sender.isAlive() && stopAt == Long.MAX_VALUE) {
        stopAt = System.nanoTime() + LATENCY_DRAIN.toNanos();
      }
    }
    sender.join();
    long[] seenAt = new long[count];
    for (int i = 0; i < count; i++) {
      seenAt[i] = watch.seenAt(i);
    }
    return Latencies.of(due, seenAt, untimed);
  }

  /**
   * Sends a batch on a new thread, then flushes.
   *
   * @param rate items/s, or 0 for as fast as the producer takes them
   * @param due when not null, receives each item's scheduled send time (System.nanoTime)
   */
  private static Sender sender(KafkaProducer<byte[], byte[]> producer, Batch batch, String topic, int rate,
      long[] due) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      long start = System.nanoTime();
      for (int i = 0; i < batch.size(); i++) {
        if (rate > 0) {
          long at = start + (long) (i * 1e9 / rate);
          long wait;
          while ((wait = at - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
          }
          due[i] = at;
        }
        producer.send(new ProducerRecord<>(topic, batch.keys()[i], batch.values()[i]), (sent, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
      }
      producer.flush();
    }, "bench-sender");
    thread.setDaemon(true);
    thread.start();
    return new Sender(thread, failure);
  }

  /** A batch being sent: its thread, and the first send that failed. */
  private record Sender(Thread thread, AtomicReference<Exception> failure) {
    boolean isAlive() {
      return thread.isAlive();
    }

    void join() throws InterruptedException {
      thread.join();
    }

    /**
     * @throws IllegalStateException if an item could not be sent (too large for the broker, no
     *     topic...): its stage would otherwise wait for it until the stage timeout
     */
    void check(String stage) {
      Exception e = failure.get();
      if (e != null) {
        throw new IllegalStateException(stage + " could not send an item: " + e.getMessage(), e);
      }
    }
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

  /** Items encoded once, with the raw topic's serdes, so that no stage pays for encoding. */
  record Batch(byte[][] keys, byte[][] values, Map<String, Integer> indexById) {
    static Batch of(List<NewsItem> items, Topics topics) {
      byte[][] keys = new byte[items.size()][];
      byte[][] values = new byte[items.size()][];
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < items.size(); i++) {
        NewsItem item = items.get(i);
        keys[i] = topics.raw().keySerde().serializer().serialize(topics.raw().name(), item.getId());
        values[i] = topics.raw().valueSerde().serializer().serialize(topics.raw().name(), item);
        index.put(item.getId(), i);
      }
      return new Batch(keys, values, index);
    }

    int size() {
      return keys.length;
    }
  }

  /**
   * Reads the signal topics read_committed and notes when the first signal of each item of the
   * watched batch was read; signals of other items are skipped.
   */
  private static final class SignalWatch implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<Signal> signals;
    private Map<String, Integer> indexById = Map.of();
    private long[] seenAt = new long[0];
    private int seen;

    SignalWatch(String bootstrapServers, Topics topics) {
      List<String> names = Arrays.stream(SignalType.values()).map(t -> topics.signals(t).name()).toList();
      this.consumer = consumer(bootstrapServers, names, IsolationLevel.READ_COMMITTED);
      this.signals = topics.signals(SignalType.FUNDING).valueSerde().deserializer();
    }

    /** Watches {@code batch} from now on, forgetting the batch watched before. */
    void watch(Batch batch) {
      indexById = batch.indexById();
      seenAt = new long[batch.size()];
      seen = 0;
    }

    void poll() {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        long now = System.nanoTime();
        Integer index = indexById.get(signals.deserialize(r.topic(), r.value()).getItemId());
        if (index != null && seenAt[index] == 0) {
          seenAt[index] = now;
          seen++;
        }
      }
    }

    /** @return how many items of the watched batch have had a signal read */
    int seen() {
      return seen;
    }

    /** @return System.nanoTime when the signal of the batch's item {@code index} was first read, or 0 */
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
  record Latencies(long[] nanos, int lost) {

    /**
     * @param due when each item of the stage was due to be sent, System.nanoTime
     * @param seenAt when its first signal was read, System.nanoTime; 0 for never
     * @param untimed how many items at the start are not measured
     * @return the latencies of the measured items that were seen, and how many were not
     */
    static Latencies of(long[] due, long[] seenAt, int untimed) {
      long[] latencies = new long[due.length - untimed];
      int lost = 0;
      int measured = 0;
      for (int i = untimed; i < due.length; i++) {
        if (seenAt[i] == 0) {
          lost++;
        } else {
          latencies[measured++] = seenAt[i] - due[i];
        }
      }
      return new Latencies(Arrays.copyOf(latencies, measured), lost);
    }

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
  static final class Deadline {
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

package io.newssignals.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.app.OutputReader;
import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.extract.LexiconSignalExtractor;
import io.newssignals.ops.ConsumerGroupLag;
import io.newssignals.ops.TopicAssignment;
import io.newssignals.topology.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Feeding {@code news.raw} and checking what came out, for the end-to-end reliability tests. */
public final class Pipeline {

  private static final Map<String, Map<String, List<String>>> EXPECTED = new ConcurrentHashMap<>();
  private static final int SEND_ROUNDS = 5;

  private Pipeline() {}

  /**
   * Publishes the items to {@code news.raw}, keyed by id, each acknowledged ({@link #sendAll}).
   *
   * @throws AssertionError if some items could still not be sent after the last round
   */
  public static void produce(String bootstrap, Topics topics, List<NewsItem> items) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // The tests produce right after creating news.raw. A first request refused NOT_LEADER_OR_FOLLOWER
    // while a later one in flight is accepted leaves the first out of order until
    // delivery.timeout.ms, 2 minutes (KAFKA-15591, fixed in Kafka 4.5); one request in flight
    // cannot be overtaken. Measured: with 5, 2 of 8 new topics stalled; with 1, none of 40.
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    try (KafkaProducer<String, NewsItem> producer = new KafkaProducer<>(
        props, topics.raw().keySerde().serializer(), topics.raw().valueSerde().serializer())) {
      sendAll(producer, items.stream()
          .map(item -> new ProducerRecord<>(Topics.RAW, item.getId(), item)).toList());
    }
  }

  /**
   * Sends the records and waits until each is acknowledged.
   *
   * <p>An idempotent producer still fails a batch now and then (a request timeout on a loaded
   * machine, an out-of-order sequence after a broker restart), and a test whose input silently
   * lacks records reports signals "lost" that the pipeline never saw. So every send is checked, and
   * the records whose send failed are sent again, after the others, up to {@value #SEND_ROUNDS}
   * rounds. A failed send may still have been written, so a topic can then hold a record twice: the
   * tests take their expectation from what news.raw holds ({@link #rawItemCounts}), not from the
   * list sent.
   *
   * @return each record's metadata (partition, offset, timestamp), in the order of {@code records}
   * @throws AssertionError if some records could still not be sent after the last round
   */
  public static <K, V> List<RecordMetadata> sendAll(KafkaProducer<K, V> producer,
      List<ProducerRecord<K, V>> records) {
    RecordMetadata[] acknowledged = new RecordMetadata[records.size()];
    List<Integer> pending = IntStream.range(0, records.size()).boxed().toList();
    for (int round = 1; round <= SEND_ROUNDS && !pending.isEmpty(); round++) {
      List<Future<RecordMetadata>> sent = pending.stream().map(i -> producer.send(records.get(i))).toList();
      producer.flush();
      List<Integer> failed = new ArrayList<>();
      Map<String, Integer> causes = new TreeMap<>();
      for (int k = 0; k < pending.size(); k++) {
        try {
          acknowledged[pending.get(k)] = sent.get(k).get();
        } catch (ExecutionException e) {
          failed.add(pending.get(k));
          causes.merge(e.getCause().toString(), 1, Integer::sum);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while producing", e);
        }
      }
      if (!failed.isEmpty()) {
        System.out.printf("Pipeline: %d of %d sends failed: %s%n", failed.size(), pending.size(), causes);
      }
      pending = failed;
    }
    if (!pending.isEmpty()) {
      throw new AssertionError(pending.size() + " records could not be sent");
    }
    return List.of(acknowledged);
  }

  /**
   * Reads {@code news.raw} from the beginning to its end, {@code read_committed}.
   *
   * @return record key to how many records carry it
   */
  public static Map<String, Integer> rawItemCounts(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, Integer> counts = new TreeMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = TopicAssignment.assignAll(consumer, List.of(Topics.RAW), true);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("timed out reading " + Topics.RAW + " to its end " + end);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          counts.merge(record.key(), 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  /**
   * The signal ids the extractor itself gives for each item, computed once per JVM for each
   * {@code cacheKey}.
   *
   * @return item id to its signal ids, in the extractor's order
   */
  public static Map<String, List<String>> signalIdsByItem(String cacheKey, List<NewsItem> items) {
    return EXPECTED.computeIfAbsent(cacheKey, k -> {
      LexiconSignalExtractor extractor = new LexiconSignalExtractor(Clock.systemUTC());
      Map<String, List<String>> ids = new TreeMap<>();
      for (NewsItem item : items) {
        ids.put(item.getId(), extractor.extract(item).stream().map(Signal::getSignalId).toList());
      }
      return ids;
    });
  }

  /**
   * Asserts what exactly-once promises for what {@code news.raw} holds: each record's signals are
   * in {@code actual} once, and nothing else is. A failure names a few of the items whose signals
   * were lost, and of the signals doubled or unexpected.
   *
   * @param byItem item id to its signal ids, from {@link #signalIdsByItem}
   * @param rawCounts record key to how many records carry it, from {@link #rawItemCounts}; keys
   *     not in {@code byItem} (e.g. malformed records) are ignored
   * @param actual signal id to how often it was read
   * @throws AssertionError also if an item of {@code byItem} is not in news.raw at all
   */
  public static void assertExactlyOnce(Map<String, List<String>> byItem, Map<String, Integer> rawCounts,
      Map<String, Integer> actual) {
    List<String> missing = byItem.keySet().stream().filter(id -> !rawCounts.containsKey(id)).toList();
    assertEquals(List.of(), first(missing), missing.size() + " items never reached " + Topics.RAW);
    Map<String, Integer> expected = new TreeMap<>();
    List<String> lostItems = new ArrayList<>();
    byItem.forEach((itemId, signalIds) -> {
      int copies = rawCounts.get(itemId);
      if (copies > 1) {
        System.out.printf("Pipeline: %s holds item %s %d times%n", Topics.RAW, itemId, copies);
      }
      signalIds.forEach(id -> expected.merge(id, copies, Integer::sum));
      if (signalIds.stream().anyMatch(id -> actual.getOrDefault(id, 0) < copies)) {
        lostItems.add(itemId);
      }
    });
    List<String> extra = new ArrayList<>();
    actual.forEach((id, n) -> {
      if (n > expected.getOrDefault(id, 0)) {
        extra.add(id + " x" + n);
      }
    });
    assertEquals(List.of(), first(lostItems), lostItems.size() + " items lost some or all of their signals");
    assertEquals(List.of(), first(extra), extra.size() + " signals doubled or unexpected");
    assertEquals(expected.values().stream().mapToInt(Integer::intValue).sum(),
        actual.values().stream().mapToInt(Integer::intValue).sum());
  }

  private static List<String> first(List<String> ids) {
    return ids.subList(0, Math.min(5, ids.size()));
  }

  /**
   * Asserts that nothing was dead-lettered, naming each kind of failure found otherwise.
   */
  public static void assertNoDeadLetters(List<DeadLetter> deadLetters) {
    Map<String, Integer> kinds = new TreeMap<>();
    for (DeadLetter d : deadLetters) {
      String reason = d.getReason();
      kinds.merge(d.getStage() + " " + d.getErrorClass() + ": " + reason.substring(0, Math.min(160, reason.length())),
          1, Integer::sum);
    }
    assertEquals(Map.of(), kinds, deadLetters.size() + " dead letters");
  }

  /**
   * The arguments of a {@code run} instance for the reliability tests: the dedup window given
   * ({@link Duration#ZERO} turns dedup off), no fixed HTTP port, and a config file {@code
   * <instance>.properties} in {@code dir} with {@link #testAppSettings} and the state folder
   * {@code state-<instance>}.
   */
  public static List<String> runCommand(String bootstrap, String registryUrl, String applicationId,
      Path dir, String instance, Duration dedupWindow) {
    Path config = configFile(dir.resolve(instance + ".properties"),
        testAppSettings(applicationId, dir.resolve("state-" + instance)));
    return List.of("run", "--bootstrap-servers", bootstrap, "--schema-registry-url", registryUrl,
        "--config", config.toString(), "--dedup-window", dedupWindow.toString(), "--http-port", "0");
  }

  /** Writes a properties file for {@code run --config}. */
  public static Path configFile(Path file, Map<String, String> settings) {
    Properties props = new Properties();
    props.putAll(settings);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      props.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * Settings for one test application on its own broker: its application id, its own state folder,
   * and a 6 s session timeout (the broker's minimum), so a killed instance's partitions move on
   * after seconds rather than the default 45 s.
   */
  public static Map<String, String> testAppSettings(String applicationId, Path stateDir) {
    return Map.of(
        "application.id", applicationId,
        "state.dir", stateDir.toString(),
        "session.timeout.ms", "6000",
        "heartbeat.interval.ms", "1000");
  }

  /** Polls until {@code condition} holds. @throws AssertionError naming {@code what} after the timeout */
  public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  /** Everything the pipeline wrote, read {@code read_committed} from the beginning. */
  public static final class Output implements AutoCloseable {

    private final OutputReader reader;
    private final Map<String, Integer> signalIds = new TreeMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private int signals;

    /** Starts reading all output topics from the beginning. */
    public Output(String bootstrap, Topics topics) {
      reader = new OutputReader(bootstrap, topics, s -> {
        signalIds.merge(s.getSignalId(), 1, Integer::sum);
        signals++;
      }, deadLetters::add);
    }

    /** Polls once, up to 200 ms. @return this */
    public Output poll() {
      reader.poll(Duration.ofMillis(200));
      return this;
    }

    /** @return how many signals were read, duplicates included */
    public int signals() {
      return signals;
    }

    /** @return signal id to how often it was read */
    public Map<String, Integer> signalIds() {
      return signalIds;
    }

    /** @return the dead letters read, in order */
    public List<DeadLetter> deadLetters() {
      return deadLetters;
    }

    /**
     * Reads until the group has consumed all of its input topics and this reader has reached the
     * last stable offset of every output partition after that.
     *
     * @param inputs {@code news.raw} and, when dedup is on, the repartition topics ({@link
     *     io.newssignals.topology.SignalTopology#repartitionTopics}): a topic that does not exist yet
     *     counts as not consumed
     */
    public void readAllProcessed(Admin admin, String group, List<String> inputs, Duration timeout)
        throws InterruptedException {
      await("group " + group + " to consume all of " + inputs, timeout, () -> {
        poll();
        try {
          return ConsumerGroupLag.total(ConsumerGroupLag.of(admin, group, inputs)) == 0;
        } catch (IllegalStateException brokerBusy) {
          // E.g. the group coordinator is still loading after a broker restart: ask again.
          return false;
        }
      });
      await("the output to be read to its end", timeout, () -> {
        poll();
        return reader.atEnd();
      });
    }

    @Override
    public void close() {
      reader.close();
    }
  }
}

package io.newssignals.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.app.OutputReader;
import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.extract.LexiconSignalExtractor;
import io.newssignals.ops.ConsumerGroupLag;
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
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Feeding {@code news.raw} and checking what came out, for the end-to-end reliability tests. */
public final class Pipeline {

  private static final Map<String, Map<String, Integer>> EXPECTED = new ConcurrentHashMap<>();

  private Pipeline() {}

  /** Publishes the items to {@code news.raw}, keyed by id, and waits until all are acknowledged. */
  public static void produce(String bootstrap, Topics topics, List<NewsItem> items) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<String, NewsItem> producer = new KafkaProducer<>(
        props, topics.raw().keySerde().serializer(), topics.raw().valueSerde().serializer())) {
      for (NewsItem item : items) {
        producer.send(new ProducerRecord<>(Topics.RAW, item.getId(), item));
      }
      producer.flush();
    }
  }

  /**
   * The multiset of signal ids the extractor itself gives for the items, computed once per JVM
   * for each {@code cacheKey}.
   *
   * @return signal id to how many times it is expected
   */
  public static Map<String, Integer> expectedSignalIds(String cacheKey, List<NewsItem> items) {
    return EXPECTED.computeIfAbsent(cacheKey, k -> {
      LexiconSignalExtractor extractor = new LexiconSignalExtractor(Clock.systemUTC());
      Map<String, Integer> ids = new TreeMap<>();
      for (NewsItem item : items) {
        for (Signal signal : extractor.extract(item)) {
          ids.merge(signal.getSignalId(), 1, Integer::sum);
        }
      }
      return ids;
    });
  }

  /**
   * Asserts that {@code actual} is exactly {@code expected}, naming a few lost and doubled ids.
   */
  public static void assertSameMultiset(Map<String, Integer> expected, Map<String, Integer> actual) {
    List<String> lost = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    expected.forEach((id, n) -> {
      if (actual.getOrDefault(id, 0) < n) {
        lost.add(id);
      }
    });
    actual.forEach((id, n) -> {
      if (n > expected.getOrDefault(id, 0)) {
        extra.add(id + " x" + n);
      }
    });
    assertEquals(List.of(), lost.subList(0, Math.min(5, lost.size())), lost.size() + " signals lost");
    assertEquals(List.of(), extra.subList(0, Math.min(5, extra.size())), extra.size() + " signals doubled or unexpected");
    assertEquals(expected.values().stream().mapToInt(Integer::intValue).sum(),
        actual.values().stream().mapToInt(Integer::intValue).sum());
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
     * Reads until the group has consumed all of {@code news.raw} and this reader has reached the
     * last stable offset of every output partition after that.
     */
    public void readAllProcessed(Admin admin, String group, Duration timeout) throws InterruptedException {
      await("group " + group + " to consume all of news.raw", timeout, () -> {
        poll();
        try {
          return ConsumerGroupLag.total(ConsumerGroupLag.of(admin, group, List.of(Topics.RAW))) == 0;
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

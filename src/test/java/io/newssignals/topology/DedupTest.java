package io.newssignals.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.ops.PipelineMetrics;
import io.newssignals.serde.InMemorySchemaRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** De-duplication in the topology, under TopologyTestDriver with the real serdes and store. */
class DedupTest {

  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  static final String MISTRAL =
      "Mistral AI raises 600 million euros in a round led by General Catalyst. The Paris-based"
          + " maker of open-weight language models said on Tuesday that the round values it at"
          + " six billion euros, and that it will use the money to hire researchers and engineers"
          + " in Paris, London and Palo Alto. Existing investors Andreessen Horowitz, Lightspeed"
          + " and Nvidia also took part, the company said in a statement.";

  /** The same story as another outlet ran it: punctuation and case changed, one word replaced. */
  static final String MISTRAL_REWORDED =
      "MISTRAL AI raises 600 million euros in a round led by General Catalyst: the Paris-based"
          + " maker of open-weight language models said on Wednesday that the round values it at"
          + " six billion euros -- and that it will use the money to hire researchers and"
          + " engineers in Paris, London and Palo Alto! Existing investors Andreessen Horowitz,"
          + " Lightspeed and Nvidia also took part, the company said in a statement";

  static final String NVIDIA =
      "Nvidia opens a research centre in Taipei with 500 engineers. The chipmaker said the new"
          + " campus, its largest outside the United States, will design networking chips and"
          + " train staff for its partners in Taiwan, and that construction starts next year"
          + " after the city approved the plans on Monday.";

  /** A wire template: company and amount change from story to story, the rest does not. */
  static String raises(String company, int millions) {
    return company + " raises $" + millions + " million in a Series B round led by Sequoia"
        + " Capital. The San Francisco-based startup, which makes software to manage cloud costs,"
        + " said it will use the money to double its engineering team and to open offices in"
        + " Europe over the next year, according to a statement on its website.";
  }

  @TempDir Path stateDir;

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final Topics topics = new Topics(registry);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private TestInputTopic<String, NewsItem> raw;
  private TestOutputTopic<String, Signal> funding;

  @BeforeEach
  void start() {
    Properties props =
        StreamsSettings.properties(
            "localhost:9092",
            registry,
            1,
            Map.of(
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
                DeadLetters.CLOCK_CONFIG, CLOCK));
    // One FUNDING signal per item that gets through, keyed by the item id: what passed dedup.
    driver =
        new TopologyTestDriver(
            SignalTopology.build(topics, DedupTest::oneSignal, CLOCK,
                SignalTopology.Options.DEFAULTS.withMetrics(new PipelineMetrics(meters))),
            props);
    raw =
        driver.createInputTopic(
            Topics.RAW, new StringSerializer(), topics.raw().valueSerde().serializer());
    funding =
        driver.createOutputTopic(
            Topics.FUNDING,
            new StringDeserializer(),
            topics.signals(SignalType.FUNDING).valueSerde().deserializer());
  }

  @AfterEach
  void close() {
    driver.close();
  }

  /** @return one FUNDING signal, none for an item whose id starts with {@code quiet} */
  private static List<Signal> oneSignal(NewsItem item) {
    if (item.getId().startsWith("quiet")) {
      return List.of();
    }
    return List.of(
        Signal.newBuilder()
            .setSignalId("s-" + item.getId())
            .setItemId(item.getId())
            .setType(SignalType.FUNDING)
            .setCompany("c")
            .setCompanyId(item.getId())
            .setLanguage("en")
            .setConfidence(1.0)
            .setProcessedAt(T0)
            .build());
  }

  private void send(String id, String url, String body, Instant at) {
    NewsItem item =
        NewsItem.newBuilder()
            .setId(id)
            .setUrl(url)
            .setTitle("")
            .setBody(body)
            .setIngestedAt(at)
            .build();
    raw.pipeInput(id, item, at);
  }

  private List<String> passed() {
    return funding.readKeyValuesToList().stream().map(kv -> kv.key).toList();
  }

  private double total(String operation) {
    for (Map.Entry<MetricName, ? extends Metric> metric : driver.metrics().entrySet()) {
      if (metric.getKey().group().equals("stream-" + DedupProcessor.METRICS_SCOPE + "-metrics")
          && metric.getKey().name().equals(operation + "-total")) {
        return (double) metric.getValue().metricValue();
      }
    }
    throw new AssertionError("no metric " + operation + "-total in " + driver.metrics().keySet());
  }

  @Test
  void theSameUrlAgainIsDroppedWhateverItsText() {
    send("a", "https://news.example/mistral", MISTRAL, T0);
    send("b", "https://news.example/mistral", NVIDIA, T0.plusSeconds(60));

    assertEquals(List.of("a"), passed());
    assertEquals(1.0, total(DedupProcessor.DUPLICATE_URL));
    assertEquals(0.0, total(DedupProcessor.NEAR_DUPLICATE));
  }

  @Test
  void theSameTextUnderAnotherUrlIsDropped() {
    send("a", "https://one.example/mistral", MISTRAL, T0);
    send("b", "https://two.example/2026/mistral-raises", MISTRAL, T0.plusSeconds(60));
    send("c", null, MISTRAL, T0.plusSeconds(120));

    assertEquals(List.of("a"), passed());
    assertEquals(0.0, total(DedupProcessor.DUPLICATE_URL));
    assertEquals(2.0, total(DedupProcessor.NEAR_DUPLICATE));
  }

  @Test
  void aNearDuplicateWithOtherPunctuationAndOneWordChangedIsDropped() {
    send("a", "https://one.example/mistral", MISTRAL, T0);
    send("b", "https://two.example/mistral", MISTRAL_REWORDED, T0.plusSeconds(60));

    assertEquals(List.of("a"), passed());
    assertEquals(1.0, total(DedupProcessor.NEAR_DUPLICATE));
  }

  @Test
  void differentStoriesAreKept() {
    send("a", "https://one.example/mistral", MISTRAL, T0);
    send("b", "https://one.example/nvidia", NVIDIA, T0.plusSeconds(60));
    // Too short to fingerprint: kept although the text is the same, as only the URL could say.
    send("c", "https://one.example/brief-1", "Funding round closed today.", T0.plusSeconds(61));
    send("d", "https://one.example/brief-2", "Funding round closed today.", T0.plusSeconds(62));

    assertEquals(List.of("a", "b", "c", "d"), passed());
    assertEquals(0.0, total(DedupProcessor.DUPLICATE_URL));
    assertEquals(0.0, total(DedupProcessor.NEAR_DUPLICATE));
  }

  @Test
  void aTemplatedStoryIsOneStoryPerCompanyAndAmount() {
    send("a", "https://wire.example/acme", raises("Acme", 20), T0);
    // The same story elsewhere: reworded ("to manage" -> "for managing"), other punctuation.
    send("b", "https://other.example/2026/acme-series-b",
        raises("Acme", 20).replace("to manage", "for managing").replace(",", " --"),
        T0.plusSeconds(60));
    send("c", "https://wire.example/bolt", raises("Bolt", 20), T0.plusSeconds(120));
    send("d", "https://wire.example/acme-again", raises("Acme", 25), T0.plusSeconds(180));

    assertEquals(List.of("a", "c", "d"), passed());
    assertEquals(1.0, total(DedupProcessor.NEAR_DUPLICATE));
    assertEquals(0.0, total(DedupProcessor.DUPLICATE_URL));
  }

  @Test
  void aCopyWithinTheWindowIsDroppedAndOneAfterItIsKept() {
    Duration window = SignalTopology.Options.DEFAULT_DEDUP_WINDOW;
    send("a", "https://one.example/mistral", MISTRAL, T0);
    send("b", "https://two.example/mistral", MISTRAL, T0.plus(window));
    send("c", "https://one.example/mistral", MISTRAL, T0.plus(window).plus(window).plusMillis(1));

    // b is exactly one window after a: dropped, and records its URL only. c is one window and
    // 1 ms after a and b: a's URL and fingerprint have expired, so c is kept.
    assertEquals(List.of("a", "c"), passed());
    assertEquals(1.0, total(DedupProcessor.NEAR_DUPLICATE));
    assertEquals(0.0, total(DedupProcessor.DUPLICATE_URL));
  }

  @Test
  void aCopyOfACopyIsCaughtByItsUrl() {
    send("a", "https://one.example/mistral", MISTRAL, T0);
    send("b", "https://two.example/mistral", MISTRAL_REWORDED, T0.plusSeconds(60));
    send("c", "https://two.example/mistral", NVIDIA, T0.plusSeconds(120));

    assertEquals(List.of("a"), passed());
    assertEquals(1.0, total(DedupProcessor.NEAR_DUPLICATE));
    assertEquals(1.0, total(DedupProcessor.DUPLICATE_URL));
  }

  @Test
  void anItemWithoutSignalsSkipsDedupSoALaterCopyWithSignalsIsKept() {
    send("quiet-a", "https://one.example/mistral", MISTRAL, T0);
    send("b", "https://one.example/mistral", MISTRAL, T0.plusSeconds(60));
    send("c", "https://two.example/mistral", MISTRAL, T0.plusSeconds(120));

    // quiet-a never reached the store: b is kept, and c is b's copy.
    assertEquals(List.of("b"), passed());
    assertEquals(0.0, total(DedupProcessor.DUPLICATE_URL));
    assertEquals(1.0, total(DedupProcessor.NEAR_DUPLICATE));
  }

  @Test
  void aCopyIsExtractedButNeitherItNorItsSignalsAreCountedAsProduced() {
    send("a", "https://one.example/mistral", MISTRAL, T0);
    send("b", "https://two.example/mistral", MISTRAL_REWORDED, T0.plusSeconds(60));
    send("c", "https://one.example/mistral", NVIDIA, T0.plusSeconds(120));

    assertEquals(List.of("a"), passed());
    assertEquals(3, meters.get("news.signals.extraction").timer().count());
    assertEquals(1.0, meters.get("news.signals.signals.produced").counter().count());
    assertEquals(2.0, meters.get("news.signals.duplicates.dropped").counter().count());
  }

  @Test
  void asksForACommitOnceItsInputIsDrainedAfterKeepingAnItem() {
    Duration check = CommitOnDrain.CHECK_INTERVAL;
    send("a", "https://one.example/mistral", MISTRAL, T0);
    driver.advanceWallClockTime(check);
    assertEquals(0.0, total(DedupProcessor.DRAIN_COMMIT));
    driver.advanceWallClockTime(check);
    assertEquals(1.0, total(DedupProcessor.DRAIN_COMMIT));
    // A copy dropped by its URL releases nothing downstream: no request however long it waits.
    send("b", "https://one.example/mistral", NVIDIA, T0.plusSeconds(60));
    driver.advanceWallClockTime(Duration.ofSeconds(1));
    driver.advanceWallClockTime(check);
    assertEquals(1.0, total(DedupProcessor.DRAIN_COMMIT));
    assertEquals(List.of("a"), passed());
  }

  @Test
  void aLateCopyOfAnExpiredStoryIsKeptWhetherOrNotAPurgeRan() {
    Duration window = SignalTopology.Options.DEFAULT_DEDUP_WINDOW;
    send("a", "https://one.example/mistral", MISTRAL, T0);
    send("b", "https://two.example/nvidia", NVIDIA, T0.plus(window).plusSeconds(10));
    // c is 5 s after a, but stream time is b's: a has expired, as if the purge had deleted it.
    send("c", "https://three.example/mistral", MISTRAL, T0.plusSeconds(5));

    assertEquals(List.of("a", "b", "c"), passed());
    assertEquals(0.0, total(DedupProcessor.NEAR_DUPLICATE));
  }

  @Test
  void copiesAreCaughtAcrossPurgeRunsThatExpireNothing() {
    send("a", "https://one.example/mistral", MISTRAL, T0);
    driver.advanceWallClockTime(DedupProcessor.PURGE_INTERVAL);
    send("b", "https://one.example/nvidia", NVIDIA, T0.plusSeconds(10));
    send("b-copy", "https://two.example/nvidia", NVIDIA, T0.plusSeconds(20));
    // The second run reads a's and b's records: none has expired, so the index keeps them all.
    driver.advanceWallClockTime(DedupProcessor.PURGE_INTERVAL);
    send("a-url", "https://one.example/mistral", raises("Other", 1), T0.plusSeconds(30));
    send("a-copy", "https://two.example/mistral", MISTRAL_REWORDED, T0.plusSeconds(40));
    send("d", "https://one.example/beta", raises("Beta", 30), T0.plusSeconds(50));

    assertEquals(List.of("a", "b", "d"), passed());
    assertEquals(1.0, total(DedupProcessor.DUPLICATE_URL));
    assertEquals(2.0, total(DedupProcessor.NEAR_DUPLICATE));
  }

  @Test
  void theStoreHoldsOneUrlAndOneStoryRecordForAKeptItemAndTheUrlOnlyForACopy() {
    send("a", "https://one.example/mistral", MISTRAL, T0);
    send("b", "https://two.example/mistral", MISTRAL_REWORDED, T0.plusSeconds(60));
    send("c", null, NVIDIA, T0.plusSeconds(120));
    KeyValueStore<String, byte[]> store = driver.getKeyValueStore(SignalTopology.DEDUP_STORE);

    assertEquals(List.of(storyKey("a", T0, MISTRAL), storyKey("c", T0.plusSeconds(120), NVIDIA),
        "url:https://one.example/mistral", "url:https://two.example/mistral"), keys(store));
    byte[] a = store.get(storyKey("a", T0, MISTRAL));
    StoryFingerprint fingerprint = StoryFingerprint.of("", MISTRAL);
    assertEquals(T0.toEpochMilli(), StoryIndex.timeOf(a));
    assertArrayEquals(fingerprint.compact(), StoryIndex.fingerprintOf(a));
    assertArrayEquals(StoryIndex.hashes(fingerprint.bandKeys()), StoryIndex.bandsOf(a));
    assertEquals(8 + StoryFingerprint.ROWS + 8 * StoryFingerprint.BANDS, a.length);
    assertEquals(T0.plusSeconds(60).toEpochMilli(),
        StoryIndex.timeOf(store.get("url:https://two.example/mistral")));
  }

  @Test
  void thePurgeDeletesWhatNoLaterItemCanMatch() {
    Duration window = SignalTopology.Options.DEFAULT_DEDUP_WINDOW;
    send("a", "https://one.example/mistral", MISTRAL, T0);
    send("b", "https://two.example/nvidia", NVIDIA, T0.plus(window));
    send("c", "https://three.example/acme", raises("Acme", 20), T0.plus(window).plusMillis(1));
    KeyValueStore<String, byte[]> store = driver.getKeyValueStore(SignalTopology.DEDUP_STORE);
    assertEquals(3 * 2, keys(store).size());

    driver.advanceWallClockTime(DedupProcessor.PURGE_INTERVAL);

    // Stream time is c's: a is more than a window before it, b exactly one window.
    assertEquals(List.of(storyKey("b", T0.plus(window), NVIDIA),
        storyKey("c", T0.plus(window).plusMillis(1), raises("Acme", 20)), "url:https://three.example/acme",
        "url:https://two.example/nvidia"), keys(store));
    assertEquals(null, store.get("url:https://one.example/mistral"));
    assertEquals(8, store.get("url:https://two.example/nvidia").length);
  }

  @Test
  void anItemKeptAgainAfterItsStoryExpiredHasARecordOfItsOwnAndThePurgeDeletesTheFirst() {
    Duration window = SignalTopology.Options.DEFAULT_DEDUP_WINDOW;
    Instant again = T0.plus(window).plusMillis(1);
    send("a", null, MISTRAL, T0);
    send("a", null, MISTRAL, again);
    KeyValueStore<String, byte[]> store = driver.getKeyValueStore(SignalTopology.DEDUP_STORE);
    assertEquals(List.of(storyKey("a", T0, MISTRAL), storyKey("a", again, MISTRAL)), keys(store));

    driver.advanceWallClockTime(DedupProcessor.PURGE_INTERVAL);

    assertEquals(List.of("a", "a"), passed());
    assertEquals(List.of(storyKey("a", again, MISTRAL)), keys(store));
  }

  @Test
  void twoStoriesKeptUnderOneIdAtOneTimeHaveARecordEach() {
    send("same", "https://one.example/a", MISTRAL, T0);
    send("same", "https://one.example/b", NVIDIA, T0);
    KeyValueStore<String, byte[]> store = driver.getKeyValueStore(SignalTopology.DEDUP_STORE);

    assertEquals(List.of("same", "same"), passed());
    assertEquals(Set.of(storyKey("same", T0, MISTRAL), storyKey("same", T0, NVIDIA)),
        keys(store).stream().filter(key -> key.startsWith("story:")).collect(Collectors.toSet()));
  }

  @Test
  void thePurgeDeletesRecordsItCannotReadWithoutFailing() {
    send("a", "https://one.example/mistral", MISTRAL, T0);
    KeyValueStore<String, byte[]> store = driver.getKeyValueStore(SignalTopology.DEDUP_STORE);
    // Written by something else: too short for a time, and a story cut short (its time is 0).
    store.put("other", new byte[3]);
    store.put("story:cut@0", new byte[40]);

    driver.advanceWallClockTime(DedupProcessor.PURGE_INTERVAL);

    assertEquals(List.of(storyKey("a", T0, MISTRAL), "url:https://one.example/mistral"), keys(store));
    send("a-copy", "https://two.example/mistral", MISTRAL_REWORDED, T0.plusSeconds(60));
    assertEquals(List.of("a"), passed());
  }

  @Test
  void aPurgeReadsAtMostItsBudgetAndTheNextRunGoesOnFromThere() {
    Duration window = SignalTopology.Options.DEFAULT_DEDUP_WINDOW;
    // Just over two minimum runs of keys, so that the third run has to go on where the second
    // stopped to reach the last of them.
    int stories = 2 * DedupProcessor.MIN_PURGE_KEYS / 2 + 1;
    for (int i = 0; i < stories; i++) {
      send("old-" + i, "https://old.example/" + i, raises("Company" + i, i + 1), T0);
    }
    KeyValueStore<String, byte[]> store = driver.getKeyValueStore(SignalTopology.DEDUP_STORE);
    driver.advanceWallClockTime(DedupProcessor.PURGE_INTERVAL);
    assertEquals(stories * 2, keys(store).size());

    String late = raises("Latecomer", 99);
    send("late", "https://late.example/1", late, T0.plus(window).plusMillis(1));
    Set<String> lateKeys = Set.of(storyKey("late", T0.plus(window).plusMillis(1), late),
        "url:https://late.example/1");
    List<String> inOrder = keys(store);
    // 2 writes since the last run: this run reads its minimum, then stops.
    long expiredAmongRead = inOrder.subList(0, DedupProcessor.MIN_PURGE_KEYS).stream()
        .filter(key -> !lateKeys.contains(key)).count();

    driver.advanceWallClockTime(DedupProcessor.PURGE_INTERVAL);
    assertEquals(inOrder.size() - expiredAmongRead, keys(store).size());

    // The third run reads the next minimum from where the second stopped: what is left is the
    // latecomer's keys and those past both runs.
    Set<String> unread = new HashSet<>(lateKeys);
    unread.addAll(inOrder.subList(2 * DedupProcessor.MIN_PURGE_KEYS, inOrder.size()));
    driver.advanceWallClockTime(DedupProcessor.PURGE_INTERVAL);
    assertEquals(unread, new HashSet<>(keys(store)));

    driver.advanceWallClockTime(DedupProcessor.PURGE_INTERVAL);
    assertEquals(lateKeys, new HashSet<>(keys(store)));
  }

  /** The store key of the story of {@code text} (title empty), kept as {@code id} at {@code at}. */
  private static String storyKey(String id, Instant at, String text) {
    return DedupProcessor.storyKey(id, at.toEpochMilli(), StoryFingerprint.of("", text).compact());
  }

  private static List<String> keys(KeyValueStore<String, byte[]> store) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = store.all()) {
      all.forEachRemaining(entry -> keys.add(entry.key));
    }
    return keys;
  }
}

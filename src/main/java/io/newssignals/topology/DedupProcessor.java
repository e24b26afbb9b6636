package io.newssignals.topology;

import io.newssignals.avro.ExtractedItem;
import io.newssignals.ops.PipelineMetrics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards an extracted item, with its signals, unless a copy of it was seen within the window: an
 * item with the same canonical URL, or one whose {@link StoryFingerprint} is at least {@link
 * #NEAR_DUPLICATE_SIMILARITY} similar and names the same numbers and proper names (so that
 * templated stories of other companies or amounts are kept: see {@link StoryFingerprint}). The
 * fingerprint and its band keys come computed in the {@code ExtractedItem}, so this processor does
 * no text work.
 *
 * <p>"Within the window" means the record timestamps (when the producer sent the items) are at
 * most the window apart, in either order. The store, a key-value store of String keys and
 * byte-array values with a changelog, holds one record for each URL and one for each kept story:
 *
 * <ul>
 *   <li>{@code url:<canonical URL>}: the latest timestamp of a kept or near-duplicate item with
 *       that URL (8 bytes, big-endian epoch ms; an item dropped for its URL adds nothing);
 *   <li>{@link #storyKey}: a kept item's timestamp, compact fingerprint and band-key hashes
 *       ({@link StoryIndex#storyValue}, 200 bytes). The key names the item's timestamp and a hash
 *       of its fingerprint as well as its id, so that two stories kept under one id (ids can be
 *       set by whoever ingests) have a record each, which the purge finds and drops from the
 *       index.
 * </ul>
 *
 * <p>Verdicts are read from a {@link StoryIndex} on the heap, which files each story under its
 * {@value StoryFingerprint#BANDS} band keys (a band key names the story's facts as well as four
 * fingerprint rows, so items of different stories rarely share one) and is rebuilt from the store
 * in {@link #init}, after Kafka Streams has restored the store from its changelog. So an item
 * costs no store look-up, and a kept one two writes and two changelog records. Before the index
 * the store kept a record for each band key: 17 look-ups, writes and changelog records an item,
 * about a quarter of the stream thread in {@code bench}'s CPU profile, and 17 records an item for
 * the broker to store and its log cleaner to compact (README, Performance).
 *
 * <p>A kept item adds its URL and its story; a dropped item adds only its URL, so a copy of a copy
 * is caught by URL but fingerprints do not drift from the original. Entries older than the window
 * (by stream time) are ignored when read, dropped from a band when it is written, and deleted by a
 * purge that runs every {@link #PURGE_INTERVAL} of wall-clock time and reads the next {@link
 * #MIN_PURGE_KEYS} records of the store, or twice as many as were written since the last run if
 * that is more, so that it keeps ahead of the writes and the store (and its compacted changelog)
 * holds about one window of items; what it deletes from the store it drops from the index.
 * Records of another shape (the band-key records of earlier versions, or another writer's) are
 * left out of the index and deleted by the purge once expired, or at once if they hold no time.
 *
 * <p>Errors: a fingerprint that is not {@value StoryFingerprint#ROWS} bytes throws {@link
 * IllegalArgumentException} (a PROCESSING dead letter) before the store is touched, so that it
 * never becomes a candidate that other items fail against.
 *
 * <p>Commits: once it has drained the records that a commit released, the processor asks Kafka
 * Streams for a commit of its own ({@link CommitOnDrain}), so that the kept items' signals become
 * readable then rather than at the next regular commit.
 *
 * <p>Drops are counted by two Streams metrics of group {@code stream-news-signals-dedup-metrics}:
 * {@code duplicate-url-total}/{@code -rate} and {@code near-duplicate-total}/{@code -rate}; the
 * commits it asked for by {@code drain-commit-total}/{@code -rate}.
 */
final class DedupProcessor implements FixedKeyProcessor<String, ExtractedItem, ExtractedItem> {

  /** Share of equal fingerprint rows from which two texts are copies of one story. */
  static final double NEAR_DUPLICATE_SIMILARITY = 0.8;

  /**
   * Most stories a band key keeps: the latest, as a later copy is likelier than an early one.
   * A band key names the story's facts as well as four rows, so only rewrites of one story share
   * it; the original is pushed out of a band only by more rewrites than this within the window.
   */
  static final int ENTRIES_PER_BAND = 16;

  /**
   * How often the purge of expired records runs, wall-clock. A run holds up the stream thread,
   * and every record behind it, for as long as it reads: run once a second at {@code bench}'s
   * 1,000 to 2,000 items/s (34,000 to 68,000 keys a run, when the store kept band keys), a run
   * took 46 ms on average and 190 ms at most (Kafka Streams' {@code punctuate-latency-avg}/{@code
   * -max}); ten smaller runs a second did the same reading in pauses of 5.8 ms on average and 40
   * ms at most (one run of each).
   */
  static final Duration PURGE_INTERVAL = Duration.ofMillis(100);

  /** Fewest records a purge run reads: 1,000 a second when few are written. */
  static final int MIN_PURGE_KEYS = 100;

  /** Key prefix of a URL's record. */
  static final String URL_PREFIX = "url:";

  /** Key prefix of a kept story's record. */
  static final String STORY_PREFIX = "story:";

  /** Metrics scope of the drop counters. */
  static final String METRICS_SCOPE = "news-signals-dedup";

  static final String DUPLICATE_URL = "duplicate-url";
  static final String NEAR_DUPLICATE = "near-duplicate";
  static final String DRAIN_COMMIT = "drain-commit";

  private static final Logger LOG = LoggerFactory.getLogger(DedupProcessor.class);

  private final String storeName;
  private final long windowMs;
  private final PipelineMetrics metrics;
  private FixedKeyProcessorContext<String, ExtractedItem> context;
  private KeyValueStore<String, byte[]> store;
  private StoryIndex index;
  private Sensor duplicateUrls;
  private Sensor nearDuplicates;
  /** Where the next purge run starts reading; null for the first key. */
  private String purgeFrom;
  private long writesSincePurge;
  private CommitOnDrain commitOnDrain;
  private Sensor drainCommits;

  DedupProcessor(String storeName, Duration window, PipelineMetrics metrics) {
    this.storeName = storeName;
    this.windowMs = window.toMillis();
    this.metrics = metrics;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, ExtractedItem> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    this.index = rebuild(store, windowMs);
    this.purgeFrom = null;
    String processor = SignalTopology.DEDUP;
    this.duplicateUrls = context.metrics().addRateTotalSensor(
        METRICS_SCOPE, processor, DUPLICATE_URL, Sensor.RecordingLevel.INFO);
    this.nearDuplicates = context.metrics().addRateTotalSensor(
        METRICS_SCOPE, processor, NEAR_DUPLICATE, Sensor.RecordingLevel.INFO);
    context.schedule(PURGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> purge());
    this.drainCommits = context.metrics().addRateTotalSensor(
        METRICS_SCOPE, processor, DRAIN_COMMIT, Sensor.RecordingLevel.INFO);
    // appConfigs() holds StreamsConfig's parsed values: a Long, whether it was set as text or number.
    long commitIntervalMs = (Long) context.appConfigs().get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
    this.commitOnDrain = new CommitOnDrain(commitIntervalMs);
    context.schedule(CommitOnDrain.CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> {
      if (commitOnDrain.due(now)) {
        drainCommits.record();
        context.commit();
      }
    });
  }

  /**
   * Builds the index from every record of the store, in the store's key order. A band keeps its
   * latest stories whatever the order they are filed in; only a story more than the window before
   * a later one of its band, which filing in time order would have dropped, may stay, and it can
   * match no record any more ({@link #matches}: it is older than stream time less the window) and
   * leaves with the purge.
   */
  private static StoryIndex rebuild(KeyValueStore<String, byte[]> store, long windowMs) {
    long start = System.nanoTime();
    StoryIndex index = new StoryIndex(windowMs, ENTRIES_PER_BAND);
    long stories = 0;
    long unknown = 0;
    try (KeyValueIterator<String, byte[]> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> entry = all.next();
        if (entry.key.startsWith(URL_PREFIX) && entry.value.length == Long.BYTES) {
          index.urlSeenAt(StoryIndex.hash(entry.key), StoryIndex.timeOf(entry.value));
        } else if (entry.key.startsWith(STORY_PREFIX) && StoryIndex.isStoryValue(entry.value)) {
          index.add(StoryIndex.bandsOf(entry.value), StoryIndex.timeOf(entry.value),
              StoryIndex.fingerprintOf(entry.value));
          stories++;
        } else {
          unknown++;
        }
      }
    }
    LOG.info("Dedup index rebuilt from the store in {} ms: {} stories, {}{}",
        (System.nanoTime() - start) / 1_000_000, stories, index.size(),
        unknown == 0 ? "" : "; " + unknown + " records of another format ignored, deleted as they expire");
    return index;
  }

  @Override
  public void process(FixedKeyRecord<String, ExtractedItem> record) {
    commitOnDrain.processed();
    ExtractedItem item = record.value();
    long time = record.timestamp();
    String urlKey = item.getUrl() == null ? null : URL_PREFIX + item.getUrl();
    long urlHash = urlKey == null ? 0 : StoryIndex.hash(urlKey);
    long urlSeen = urlKey == null ? Long.MIN_VALUE : index.urlSeen(urlHash);
    if (urlSeen != Long.MIN_VALUE && matches(urlSeen, time)) {
      duplicateUrls.record();
      metrics.duplicateDropped();
      LOG.debug("Dropped item {}: its URL {} was seen within the window", item.getItemId(), item.getUrl());
      return;
    }
    byte[] fingerprint = bytes(item.getFingerprint());
    if (fingerprint != null && fingerprint.length != StoryFingerprint.ROWS) {
      throw new IllegalArgumentException("Item " + item.getItemId() + " has a fingerprint of "
          + fingerprint.length + " bytes, not " + StoryFingerprint.ROWS);
    }
    long[] bands = fingerprint == null ? new long[0] : StoryIndex.hashes(item.getBandKeys());
    if (fingerprint != null
        && index.anyNear(bands, fingerprint, NEAR_DUPLICATE_SIMILARITY, seen -> matches(seen, time))) {
      nearDuplicates.record();
      metrics.duplicateDropped();
      LOG.debug("Dropped item {}: a near-identical story was seen within the window", item.getItemId());
      remember(urlKey, urlHash, urlSeen, time);
      return;
    }
    remember(urlKey, urlHash, urlSeen, time);
    if (fingerprint != null) {
      index.add(bands, time, fingerprint);
      put(storyKey(item.getItemId(), time, fingerprint), StoryIndex.storyValue(time, fingerprint, bands));
    }
    commitOnDrain.forwarded();
    context.forward(record);
  }

  /**
   * @return the store key of a kept story: {@code story:<item id>@<timestamp, epoch ms>/<16 hex
   *     digits of the fingerprint's 64-bit hash>}
   */
  static String storyKey(String itemId, long time, byte[] fingerprint) {
    return STORY_PREFIX + itemId + "@" + time + "/" + HexFormat.of().toHexDigits(StoryIndex.hash(fingerprint));
  }

  /** Notes that {@code urlKey} was seen at {@code time}, keeping the later of that and what it had. */
  private void remember(String urlKey, long urlHash, long seen, long time) {
    if (urlKey != null && seen < time) {
      index.urlSeenAt(urlHash, time);
      put(urlKey, ByteBuffer.allocate(Long.BYTES).putLong(time).array());
    }
  }

  private void put(String key, byte[] value) {
    store.put(key, value);
    writesSincePurge++;
  }

  /**
   * Deletes the records, among the next ones from {@link #purgeFrom}, whose timestamp is more than
   * the window before stream time (no record at or after stream time can match them), and drops
   * them from the index. Wraps to the first key once it reaches the last.
   */
  private void purge() {
    long expiredBefore = context.currentStreamTimeMs() - windowMs;
    long budget = Math.max(MIN_PURGE_KEYS, 2 * writesSincePurge);
    writesSincePurge = 0;
    List<String> expired = new ArrayList<>();
    String next = null;
    try (KeyValueIterator<String, byte[]> sweep = purgeFrom == null ? store.all() : store.range(purgeFrom, null)) {
      for (long read = 0; sweep.hasNext(); read++) {
        KeyValue<String, byte[]> entry = sweep.next();
        if (read == budget) {
          next = entry.key;
          break;
        }
        // A value too short to hold a time is no record of this class: nothing can match it.
        if (entry.value.length >= Long.BYTES && StoryIndex.timeOf(entry.value) >= expiredBefore) {
          continue;
        }
        expired.add(entry.key);
        if (entry.key.startsWith(STORY_PREFIX) && StoryIndex.isStoryValue(entry.value)) {
          index.forgetStories(StoryIndex.bandsOf(entry.value), expiredBefore);
        } else if (entry.key.startsWith(URL_PREFIX)) {
          index.forgetUrl(StoryIndex.hash(entry.key), expiredBefore);
        }
      }
    }
    expired.forEach(store::delete);
    purgeFrom = next;
  }

  /**
   * Whether what was seen at {@code seen} counts against a record at {@code time}: at most the
   * window apart, and not expired by stream time. The second half is what the purge deletes, so
   * a late record gets the same verdict whether or not a purge ran before it.
   */
  private boolean matches(long seen, long time) {
    return Math.abs(time - seen) <= windowMs && seen >= context.currentStreamTimeMs() - windowMs;
  }

  /** @return a copy of the buffer's remaining bytes, or null for null */
  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}

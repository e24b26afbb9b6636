package io.newssignals.topology;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import io.newssignals.avro.ExtractedItem;
import io.newssignals.ops.PipelineMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
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
 * most the window apart, in either order. The store is a key-value store of String keys and
 * byte-array values, read by point look-ups (a window store answers each look-up with a range scan
 * over its segments, and 17 of them per item cost more than extraction in {@code bench}):
 *
 * <ul>
 *   <li>{@code url:<canonical URL>} holds the latest timestamp of a kept or near-duplicate item
 *       with that URL (8 bytes, big-endian epoch ms; an item dropped for its URL adds nothing);
 *   <li>each of the {@value StoryFingerprint#BANDS} band keys holds up to {@value
 *       #ENTRIES_PER_BAND} entries of a kept item's timestamp and compact fingerprint (72 bytes
 *       each), the latest ones; a band key names the story's facts too, so items of different
 *       stories rarely share one.
 * </ul>
 *
 * <p>A kept item adds its URL and its band entries; a dropped item adds only its URL, so a copy of
 * a copy is caught by URL but fingerprints do not drift from the original. About 1.5 KiB per kept
 * item. Entries older than the window (by stream time) are ignored when read, dropped from a band
 * when it is written, and deleted by a purge that runs every {@link #PURGE_INTERVAL} of wall-clock
 * time and reads the next {@link #MIN_PURGE_KEYS} keys of the store, or twice as many as were
 * written since the last run if that is more, so that it keeps ahead of the writes and the
 * store (and its compacted changelog) holds about one window of items.
 *
 * <p>Nearly every look-up misses: a new story's URL and band keys are new. Once the purge has read
 * the whole store once, the processor holds a Bloom filter of the store's keys ({@link
 * #KEY_FILTER_FALSE_POSITIVES} false positives, Guava's {@link BloomFilter}) and asks the store
 * only for keys the filter may hold. In {@code bench}'s CPU profile the store's look-ups took 8 to
 * 10% of the stream thread even with {@link DedupStoreRocksDbConfig}'s filters, and 0.3% with this
 * one, whose own hashing took about 5%. Each put adds its key; each full sweep of the purge builds
 * the next filter from the keys it keeps plus those put meanwhile, so deleted keys leave the
 * filter and it is sized to the store; until the first sweep ends (after a restart or a
 * rebalance) every key is looked up. A filter never leaves out a key in the store, so verdicts are
 * the same with or without it. Memory: about 20 bits a key of the store (sized for twice the
 * keys), twice that during a sweep.
 *
 * <p>Errors: a fingerprint that is not {@value StoryFingerprint#ROWS} bytes throws {@link
 * IllegalArgumentException} (a PROCESSING dead letter) before the store is touched, so that it
 * never becomes a candidate that other items fail against.
 *
 * <p>Drops are counted by two Streams metrics of group {@code stream-news-signals-dedup-metrics}:
 * {@code duplicate-url-total}/{@code -rate} and {@code near-duplicate-total}/{@code -rate}.
 */
final class DedupProcessor implements FixedKeyProcessor<String, ExtractedItem, ExtractedItem> {

  /** Share of equal fingerprint rows from which two texts are copies of one story. */
  static final double NEAR_DUPLICATE_SIMILARITY = 0.8;

  /**
   * Most fingerprints a band key keeps: the latest, as a later copy is likelier than an early one.
   * A band key names the story's facts as well as four rows, so only rewrites of one story share
   * it; the original is pushed out of a band only by more rewrites than this within the window.
   */
  static final int ENTRIES_PER_BAND = 16;

  /**
   * How often the purge of expired keys runs, wall-clock. A run holds up the stream thread, and
   * every record behind it, for as long as it reads: run once a second at {@code bench}'s 1,000
   * to 2,000 items/s (34,000 to 68,000 keys a run), a run took 46 ms on average and 190 ms at
   * most (Kafka Streams' {@code punctuate-latency-avg}/{@code -max}); ten smaller runs a second
   * do the same reading in pauses of 5.8 ms on average and 40 ms at most (one run of each).
   */
  static final Duration PURGE_INTERVAL = Duration.ofMillis(100);

  /** Fewest keys a purge run reads: 1,000 a second when few are written. */
  static final int MIN_PURGE_KEYS = 100;

  /** Share of absent keys the key filter takes for present (each then costs a store look-up). */
  static final double KEY_FILTER_FALSE_POSITIVES = 0.01;

  /** Fewest keys a new key filter is sized for. */
  static final int MIN_KEY_FILTER_KEYS = 1 << 16;

  /** Metrics scope of the drop counters. */
  static final String METRICS_SCOPE = "news-signals-dedup";

  static final String DUPLICATE_URL = "duplicate-url";
  static final String NEAR_DUPLICATE = "near-duplicate";

  private static final Logger LOG = LoggerFactory.getLogger(DedupProcessor.class);
  private static final int TIME_BYTES = Long.BYTES;
  private static final int ENTRY_BYTES = TIME_BYTES + StoryFingerprint.ROWS;

  private final String storeName;
  private final long windowMs;
  private final PipelineMetrics metrics;
  private FixedKeyProcessorContext<String, ExtractedItem> context;
  private KeyValueStore<String, byte[]> store;
  private Sensor duplicateUrls;
  private Sensor nearDuplicates;
  /** Where the next purge run starts reading; null for the first key. */
  private String purgeFrom;
  private long writesSincePurge;
  /** Every key of the store, and some deleted ones; null until the first sweep of the purge ends. */
  private BloomFilter<CharSequence> keys;
  /** The keys kept and put since the current sweep of the purge began: its next {@link #keys}. */
  private BloomFilter<CharSequence> nextKeys;

  DedupProcessor(String storeName, Duration window, PipelineMetrics metrics) {
    this.storeName = storeName;
    this.windowMs = window.toMillis();
    this.metrics = metrics;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, ExtractedItem> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    // The store may hold keys restored from its changelog: none is known absent yet.
    this.keys = null;
    this.nextKeys = newKeyFilter(store.approximateNumEntries());
    this.purgeFrom = null;
    String processor = SignalTopology.DEDUP;
    this.duplicateUrls = context.metrics().addRateTotalSensor(
        METRICS_SCOPE, processor, DUPLICATE_URL, Sensor.RecordingLevel.INFO);
    this.nearDuplicates = context.metrics().addRateTotalSensor(
        METRICS_SCOPE, processor, NEAR_DUPLICATE, Sensor.RecordingLevel.INFO);
    context.schedule(PURGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> purge());
  }

  @Override
  public void process(FixedKeyRecord<String, ExtractedItem> record) {
    ExtractedItem item = record.value();
    long time = record.timestamp();
    String urlKey = item.getUrl() == null ? null : "url:" + item.getUrl();
    byte[] urlSeen = urlKey == null ? null : get(urlKey);
    if (urlSeen != null && matches(timeAt(urlSeen, 0), time)) {
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
    List<String> bands = fingerprint == null ? List.of() : item.getBandKeys();
    byte[][] entries = new byte[bands.size()][];
    for (int band = 0; band < bands.size(); band++) {
      entries[band] = get(bands.get(band));
      if (nearDuplicateIn(entries[band], fingerprint, time)) {
        nearDuplicates.record();
        metrics.duplicateDropped();
        LOG.debug("Dropped item {}: a near-identical story was seen within the window", item.getItemId());
        remember(urlKey, urlSeen, time);
        return;
      }
    }
    remember(urlKey, urlSeen, time);
    for (int band = 0; band < bands.size(); band++) {
      put(bands.get(band), withEntry(entries[band], time, fingerprint));
    }
    context.forward(record);
  }

  /** Notes that {@code urlKey} was seen at {@code time}, keeping the later of that and what it had. */
  private void remember(String urlKey, byte[] seen, long time) {
    if (urlKey != null && (seen == null || timeAt(seen, 0) < time)) {
      put(urlKey, ByteBuffer.allocate(TIME_BYTES).putLong(time).array());
    }
  }

  private boolean nearDuplicateIn(byte[] entries, byte[] fingerprint, long time) {
    if (entries == null) {
      return false;
    }
    for (int at = 0; at + ENTRY_BYTES <= entries.length; at += ENTRY_BYTES) {
      if (matches(timeAt(entries, at), time)
          && StoryFingerprint.similarity(fingerprint, Arrays.copyOfRange(entries, at + TIME_BYTES, at + ENTRY_BYTES))
              >= NEAR_DUPLICATE_SIMILARITY) {
        return true;
      }
    }
    return false;
  }

  /**
   * A band's entries with {@code (time, fingerprint)} added, those expired at {@code time} left out,
   * and at most {@link #ENTRIES_PER_BAND} kept: the latest.
   */
  private byte[] withEntry(byte[] entries, long time, byte[] fingerprint) {
    List<byte[]> kept = new ArrayList<>();
    if (entries != null) {
      for (int at = 0; at + ENTRY_BYTES <= entries.length; at += ENTRY_BYTES) {
        if (timeAt(entries, at) >= time - windowMs) {
          kept.add(Arrays.copyOfRange(entries, at, at + ENTRY_BYTES));
        }
      }
    }
    kept.add(ByteBuffer.allocate(ENTRY_BYTES).putLong(time).put(fingerprint).array());
    kept.sort(Comparator.comparingLong(entry -> timeAt(entry, 0)));
    List<byte[]> latest = kept.subList(Math.max(0, kept.size() - ENTRIES_PER_BAND), kept.size());
    ByteBuffer joined = ByteBuffer.allocate(latest.size() * ENTRY_BYTES);
    latest.forEach(joined::put);
    return joined.array();
  }

  /** The store's value of {@code key}, null when there is none; asks the store only if needed. */
  private byte[] get(String key) {
    return keys == null || keys.mightContain(key) ? store.get(key) : null;
  }

  private void put(String key, byte[] value) {
    store.put(key, value);
    writesSincePurge++;
    if (keys != null) {
      keys.put(key);
    }
    nextKeys.put(key);
  }

  /** A key filter for about {@code expectedKeys} keys, room to grow included. */
  private static BloomFilter<CharSequence> newKeyFilter(long expectedKeys) {
    long size = Math.max(MIN_KEY_FILTER_KEYS, 2 * Math.max(0, expectedKeys));
    return BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8), size, KEY_FILTER_FALSE_POSITIVES);
  }

  /**
   * Deletes the keys, among the next ones from {@link #purgeFrom}, whose every timestamp is more
   * than the window before stream time: no record at or after stream time can match them, and
   * adds the others to the next key filter. Wraps to the first key once it reaches the last, where
   * that filter replaces the current one.
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
        if (latestTime(entry.value) < expiredBefore) {
          expired.add(entry.key);
        } else {
          nextKeys.put(entry.key);
        }
      }
    }
    expired.forEach(store::delete);
    purgeFrom = next;
    if (next == null) {
      // A sweep has read every key: what it kept, and every key put since it began.
      keys = nextKeys;
      nextKeys = newKeyFilter(keys.approximateElementCount());
    }
  }

  /** The latest timestamp of a URL value or of a band's entries. */
  private static long latestTime(byte[] value) {
    long latest = Long.MIN_VALUE;
    int step = value.length == TIME_BYTES ? TIME_BYTES : ENTRY_BYTES;
    for (int at = 0; at + TIME_BYTES <= value.length; at += step) {
      latest = Math.max(latest, timeAt(value, at));
    }
    return latest;
  }

  private static long timeAt(byte[] value, int offset) {
    return ByteBuffer.wrap(value, offset, TIME_BYTES).getLong();
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

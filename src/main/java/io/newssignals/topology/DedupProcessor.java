package io.newssignals.topology;

import io.newssignals.avro.ExtractedItem;
import io.newssignals.ops.PipelineMetrics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
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
 * most the window apart, in either order. The store, a window store of String keys and byte-array
 * values, holds per kept item {@code url:<canonical URL>} (an empty value) and its {@value
 * StoryFingerprint#BANDS} band keys, each with the item's compact fingerprint; a dropped item adds
 * only its URL, so a copy of a copy is caught by URL but fingerprints do not drift from the
 * original. About 1.5 KiB per kept item.
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

  /** Metrics scope of the drop counters. */
  static final String METRICS_SCOPE = "news-signals-dedup";

  static final String DUPLICATE_URL = "duplicate-url";
  static final String NEAR_DUPLICATE = "near-duplicate";

  private static final Logger LOG = LoggerFactory.getLogger(DedupProcessor.class);
  private static final byte[] NO_VALUE = new byte[0];

  private final String storeName;
  private final long windowMs;
  private FixedKeyProcessorContext<String, ExtractedItem> context;
  private WindowStore<String, byte[]> store;
  private Sensor duplicateUrls;
  private Sensor nearDuplicates;
  private final PipelineMetrics metrics;

  DedupProcessor(String storeName, Duration window, PipelineMetrics metrics) {
    this.storeName = storeName;
    this.windowMs = window.toMillis();
    this.metrics = metrics;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, ExtractedItem> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    String processor = SignalTopology.DEDUP;
    this.duplicateUrls = context.metrics().addRateTotalSensor(
        METRICS_SCOPE, processor, DUPLICATE_URL, Sensor.RecordingLevel.INFO);
    this.nearDuplicates = context.metrics().addRateTotalSensor(
        METRICS_SCOPE, processor, NEAR_DUPLICATE, Sensor.RecordingLevel.INFO);
  }

  @Override
  public void process(FixedKeyRecord<String, ExtractedItem> record) {
    ExtractedItem item = record.value();
    long time = record.timestamp();
    String urlKey = item.getUrl() == null ? null : "url:" + item.getUrl();
    if (urlKey != null && seen(urlKey, time)) {
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
    List<String> bands = item.getBandKeys();
    if (fingerprint != null && nearDuplicate(fingerprint, bands, time)) {
      nearDuplicates.record();
      metrics.duplicateDropped();
      LOG.debug("Dropped item {}: a near-identical story was seen within the window", item.getItemId());
      if (urlKey != null) {
        store.put(urlKey, NO_VALUE, time);
      }
      return;
    }
    if (urlKey != null) {
      store.put(urlKey, NO_VALUE, time);
    }
    if (fingerprint != null) {
      bands.forEach(band -> store.put(band, fingerprint, time));
    }
    context.forward(record);
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

  private boolean seen(String key, long time) {
    try (WindowStoreIterator<byte[]> found = store.fetch(key, from(time), to(time))) {
      return found.hasNext();
    }
  }

  private boolean nearDuplicate(byte[] compact, List<String> bands, long time) {
    for (String band : bands) {
      try (WindowStoreIterator<byte[]> candidates = store.fetch(band, from(time), to(time))) {
        while (candidates.hasNext()) {
          if (StoryFingerprint.similarity(compact, candidates.next().value)
              >= NEAR_DUPLICATE_SIMILARITY) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private long from(long time) {
    return Math.max(0, time - windowMs);
  }

  private long to(long time) {
    // Saturating: a timestamp near Long.MAX_VALUE must not wrap to the past.
    return time > Long.MAX_VALUE - windowMs ? Long.MAX_VALUE : time + windowMs;
  }
}

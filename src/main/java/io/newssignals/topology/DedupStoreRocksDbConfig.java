package io.newssignals.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

/**
 * RocksDB settings for the dedup store ({@value SignalTopology#DEDUP_STORE}), where nearly every
 * look-up misses; other stores keep Kafka Streams' defaults. Set as {@code
 * rocksdb.config.setter} by {@link StreamsSettings}.
 *
 * <p>Why: an item asks the store for its URL and its 16 band keys, and a new story has none of
 * them. Kafka Streams opens every store with {@code optimize_filters_for_hits}, which leaves the
 * last level's files without Bloom filters (right where look-ups mostly find their key), so each
 * miss read that level's index and data blocks; and a miss searched the memtable's skip list. In
 * {@code bench}'s CPU profile (async-profiler, itimer) the store's look-ups were a fifth of the
 * stream thread. Here every level keeps its filter, and the memtable gets a Bloom filter of whole
 * keys, so a miss is mostly answered by filters. These options are RocksDB's own ({@code
 * AdvancedColumnFamilyOptions}: {@code optimize_filters_for_hits}, {@code
 * memtable_prefix_bloom_size_ratio}, {@code memtable_whole_key_filtering}). {@link
 * DedupProcessor} also keeps a filter of the store's keys in the heap, which spares most misses
 * the call into RocksDB; these filters serve the look-ups it cannot spare (after a restart, until
 * its first sweep) and its false positives.
 */
public final class DedupStoreRocksDbConfig implements RocksDBConfigSetter {

  /**
   * The memtable's Bloom filter has {@code write_buffer_size * ratio * 8} bits (RocksDB caps the
   * ratio at 0.25): 10% of Kafka Streams' 16 MB memtable is 13 million bits, dozens of bits per
   * entry of about a hundred bytes or more, so the filter rarely sends a miss to the skip list.
   */
  static final double MEMTABLE_BLOOM_RATIO = 0.1;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    if (!storeName.equals(SignalTopology.DEDUP_STORE)) {
      return;
    }
    options.setOptimizeFiltersForHits(false);
    options.setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_RATIO);
    options.setMemtableWholeKeyFiltering(true);
  }

  @Override
  public void close(String storeName, Options options) {
    // Nothing was allocated: the options above are plain values.
  }
}

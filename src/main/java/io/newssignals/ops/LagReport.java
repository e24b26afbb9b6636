package io.newssignals.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Lag of consumer groups per topic and partition, in records and in time.
 *
 * <p>Offsets come from Kafka's Admin API ({@link ConsumerGroupLag}: committed offset against the
 * last stable offset). The lag in time is the age of the oldest unprocessed record: the record at
 * the committed offset (the log start when the group has committed none) is fetched with a
 * read_committed consumer that joins no group, and its timestamp is subtracted from now.
 *
 * @param at when the report was read
 * @param groups one entry per group, in the order asked
 */
public record LagReport(Instant at, List<Group> groups) {

  /**
   * Lag of one partition.
   *
   * @param committedOffset next offset the group will read, or -1 when it has committed none
   * @param endOffset last stable offset
   * @param lag records between the two, never negative
   * @param lagMs age in ms of the oldest unprocessed record: 0 when there is none, -1 when it could
   *     not be fetched in time
   */
  public record Partition(
      String topic, int partition, long committedOffset, long endOffset, long lag, long lagMs) {}

  /**
   * Lag of one group.
   *
   * @param partitions every partition of the group's topics, sorted by topic then partition
   */
  public record Group(String group, List<Partition> partitions) {

    /** @return the group's total lag in records */
    public long lag() {
      return partitions.stream().mapToLong(Partition::lag).sum();
    }

    /** @return the group's lag in time: the largest partition age in ms (-1 only if all unknown) */
    public long lagMs() {
      return partitions.stream().mapToLong(Partition::lagMs).max().orElse(0);
    }
  }

  /** Stands for "no unprocessed data record" among the fetched timestamps. */
  private static final long NO_RECORD = Long.MAX_VALUE;

  /** How long {@link #read} waits for the records at the committed offsets. */
  public static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The consumer {@link #read} fetches records with: no group, nothing committed, read_committed,
   * at most one fetch's worth of bytes per partition held.
   *
   * @param clientSettings bootstrap servers and any security settings
   */
  public static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> clientSettings) {
    Map<String, Object> config = new HashMap<>(clientSettings);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    // A committed offset that retention has deleted: the oldest unprocessed record is the first.
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Topics on which a group has committed offsets.
   *
   * @return topic names, sorted
   * @throws IllegalStateException if the Admin call fails
   */
  public static Set<String> committedTopics(Admin admin, String group) {
    try {
      Set<String> topics = new TreeSet<>();
      admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
          .keySet().forEach(tp -> topics.add(tp.topic()));
      return topics;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while listing offsets of group " + group, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Cannot list offsets of group " + group + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * Reads the lag of groups.
   *
   * @param admin a connected admin client
   * @param consumer a consumer from {@link #consumer}; its assignment is replaced
   * @param topicsByGroup group id to the topics to report, every partition of each
   * @param clock what "now" is for the lag in time
   * @param fetchTimeout how long to wait for the oldest unprocessed records of one group
   * @throws IllegalStateException if the Admin calls fail (unknown topic, broker unreachable)
   */
  public static LagReport read(
      Admin admin,
      KafkaConsumer<byte[], byte[]> consumer,
      Map<String, ? extends Collection<String>> topicsByGroup,
      Clock clock,
      Duration fetchTimeout) {
    List<Group> groups = new ArrayList<>();
    for (Map.Entry<String, ? extends Collection<String>> entry : topicsByGroup.entrySet()) {
      List<ConsumerGroupLag.PartitionLag> rows =
          entry.getValue().isEmpty()
              ? List.of()
              : ConsumerGroupLag.of(admin, entry.getKey(), entry.getValue());
      Map<TopicPartition, Long> oldest = oldestUnprocessed(consumer, rows, fetchTimeout);
      long now = clock.millis();
      List<Partition> partitions = new ArrayList<>();
      for (ConsumerGroupLag.PartitionLag row : rows) {
        Long timestamp = oldest.get(row.partition());
        long lagMs;
        if (row.lag() == 0 || (timestamp != null && timestamp == NO_RECORD)) {
          lagMs = 0;
        } else {
          lagMs = timestamp == null ? -1 : Math.max(0, now - timestamp);
        }
        partitions.add(new Partition(
            row.partition().topic(), row.partition().partition(),
            row.committedOffset(), row.endOffset(), row.lag(), lagMs));
      }
      groups.add(new Group(entry.getKey(), partitions));
    }
    return new LagReport(clock.instant(), groups);
  }

  /**
   * Fetches the timestamp of the first record at or after each lagging partition's committed
   * offset. A partition whose position reaches its end offset without a record (only transaction
   * markers or aborted records were left) maps to {@link #NO_RECORD}.
   *
   * @return partition to timestamp in epoch ms; lagging partitions not reached in time are absent
   */
  private static Map<TopicPartition, Long> oldestUnprocessed(
      KafkaConsumer<byte[], byte[]> consumer,
      List<ConsumerGroupLag.PartitionLag> rows,
      Duration timeout) {
    Map<TopicPartition, ConsumerGroupLag.PartitionLag> pending = new LinkedHashMap<>();
    rows.stream().filter(r -> r.lag() > 0).forEach(r -> pending.put(r.partition(), r));
    Map<TopicPartition, Long> timestamps = new HashMap<>();
    if (pending.isEmpty()) {
      return timestamps;
    }
    consumer.assign(new HashSet<>(pending.keySet()));
    for (ConsumerGroupLag.PartitionLag row : pending.values()) {
      if (row.committedOffset() < 0) {
        consumer.seekToBeginning(List.of(row.partition()));
      } else {
        consumer.seek(row.partition(), row.committedOffset());
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!pending.isEmpty() && System.nanoTime() < deadline) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
        for (TopicPartition tp : records.partitions()) {
          if (pending.remove(tp) != null) {
            timestamps.put(tp, records.records(tp).get(0).timestamp());
            consumer.pause(List.of(tp));
          }
        }
        for (TopicPartition tp : List.copyOf(pending.keySet())) {
          if (consumer.position(tp) >= pending.get(tp).endOffset()) {
            pending.remove(tp);
            timestamps.put(tp, NO_RECORD);
          }
        }
      }
    } finally {
      consumer.assign(List.of());
    }
    return timestamps;
  }
}

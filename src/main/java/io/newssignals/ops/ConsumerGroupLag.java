package io.newssignals.ops;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer-group lag per partition, read with Kafka's Admin API: the group's committed offset
 * against the partition's last stable offset (the end a {@code read_committed} consumer can reach,
 * so open transactions do not count as lag).
 */
public final class ConsumerGroupLag {

  /**
   * Lag of one partition.
   *
   * @param partition topic and partition
   * @param committedOffset next offset the group will read, or -1 when it has committed none
   * @param endOffset last stable offset of the partition
   * @param lag records between the two: {@code endOffset - max(committedOffset, 0)}, never negative
   */
  public record PartitionLag(
      TopicPartition partition, long committedOffset, long endOffset, long lag) {}

  private ConsumerGroupLag() {}

  /**
   * Reads the lag of a group on topics.
   *
   * @param admin a connected admin client
   * @param groupId consumer group id (for Kafka Streams: the application id)
   * @param topics topics to report, every partition of each
   * @return one row per partition, sorted by topic then partition
   * @throws IllegalStateException if the admin calls fail (unknown topic, broker unreachable)
   */
  public static List<PartitionLag> of(Admin admin, String groupId, Collection<String> topics) {
    try {
      Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
      Map<TopicPartition, OffsetSpec> latest =
          descriptions.values().stream()
              .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
              .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResultInfo> ends =
          admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();

      List<PartitionLag> rows = new ArrayList<>();
      for (TopicPartition tp : latest.keySet()) {
        long end = ends.get(tp).offset();
        OffsetAndMetadata offset = committed.get(tp);
        long position = offset == null ? -1 : offset.offset();
        rows.add(new PartitionLag(tp, position, end, Math.max(0, end - Math.max(position, 0))));
      }
      rows.sort(Comparator.comparing((PartitionLag r) -> r.partition().topic())
          .thenComparingInt(r -> r.partition().partition()));
      return rows;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading lag of group " + groupId, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Cannot read lag of group " + groupId + " on " + topics + ": " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  /**
   * Whether an assigned consumer has read everything there is to read right now.
   *
   * @param consumer a consumer with assigned partitions; with {@code read_committed}, end offsets
   *     are last stable offsets
   * @return true when its position is at the end offset of every assigned partition
   */
  public static boolean atEnd(Consumer<?, ?> consumer) {
    Collection<TopicPartition> assigned = consumer.assignment();
    Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
    return assigned.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
  }

  /** @return the sum of the rows' lag, in records */
  public static long total(List<PartitionLag> rows) {
    return rows.stream().mapToLong(PartitionLag::lag).sum();
  }
}

package io.newssignals.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Points a consumer without a group at every partition of some topics, for the readers that follow
 * or scan a topic whole ({@code tail}, the alert and output readers, {@code bench}).
 */
public final class TopicAssignment {

  /** Longest wait for a topic's partitions. */
  static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  private TopicAssignment() {}

  /**
   * Assigns every partition of {@code topics} and seeks to their beginning or end. The positions
   * are looked up before returning (seeks are otherwise lazy), so "the end" is the end as of this
   * call, and a caller timing idleness can start its clock now.
   *
   * @param fromBeginning true for the first offsets, false for the current end offsets
   * @return the partitions assigned, topic by topic in the order given
   * @throws IllegalArgumentException naming a topic that has no partitions (it does not exist)
   * @throws org.apache.kafka.common.errors.TimeoutException if the partitions of a topic are not
   *     known within 30 s
   */
  public static List<TopicPartition> assignAll(
      Consumer<?, ?> consumer, Collection<String> topics, boolean fromBeginning) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      List<TopicPartition> ofTopic = consumer.partitionsFor(topic, METADATA_TIMEOUT).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      if (ofTopic.isEmpty()) {
        throw new IllegalArgumentException("Topic " + topic + " does not exist");
      }
      partitions.addAll(ofTopic);
    }
    consumer.assign(partitions);
    if (fromBeginning) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
    }
    partitions.forEach(consumer::position);
    return partitions;
  }
}

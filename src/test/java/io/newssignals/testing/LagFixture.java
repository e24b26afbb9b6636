package io.newssignals.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A topic with a known backlog on the shared broker: {@code produced[p]} records on partition p,
 * record i of partition p stamped {@code base + p * 10 s + i s}, and a group that consumed and
 * committed the first {@code consumed[p]} records of each partition.
 */
public final class LagFixture {

  private LagFixture() {}

  /** @return the timestamp of record {@code offset} of {@code partition} */
  public static Instant timestamp(Instant base, int partition, long offset) {
    return base.plusSeconds(partition * 10L + offset);
  }

  /** Creates the topic, produces the records and, unless {@code group} is null, consumes and commits. */
  public static void create(
      String bootstrap, String topic, Instant base, int[] produced, String group, int[] consumed)
      throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, produced.length, (short) 1))).all().get();
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (int partition = 0; partition < produced.length; partition++) {
        for (int i = 0; i < produced[partition]; i++) {
          producer.send(new ProducerRecord<>(topic, partition,
              timestamp(base, partition, i).toEpochMilli(), "k" + i, "v" + i)).get();
        }
      }
    }
    if (group == null) {
      return;
    }
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int partition = 0; partition < produced.length; partition++) {
        partitions.add(new TopicPartition(topic, partition));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Integer> seen = new HashMap<>();
      Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
      int total = Arrays.stream(produced).sum();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (seen.values().stream().mapToInt(Integer::intValue).sum() < total) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Did not read back the " + total + " records of " + topic);
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          int n = seen.merge(tp, 1, Integer::sum);
          // "Processing" the first consumed[p] records: commit the offset after the last of them.
          if (n <= consumed[r.partition()]) {
            commits.put(tp, new OffsetAndMetadata(r.offset() + 1));
          }
        }
      }
      consumer.commitSync(commits);
    }
  }
}

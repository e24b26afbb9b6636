package io.newssignals.alerts;

import io.newssignals.avro.Alert;
import io.newssignals.ops.ConsumerGroupLag;
import io.newssignals.ops.TopicAssignment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads an alerts topic, {@code read_committed} (alerts of committed transactions only, each
 * once), from its beginning or its end, without a consumer group: partitions are assigned and no
 * offset is committed, so readers never disturb each other.
 */
public final class AlertReader implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Deserializer<Alert> alerts;
  private final Consumer<Alert> onAlert;

  /**
   * @param settings extra client settings (security...), may be empty
   * @param bootstrapServers the cluster
   * @param topic the alerts topic
   * @param deserializer its value deserializer
   * @param fromBeginning true to read every alert kept, false for those that come from now on
   * @param onAlert called with each alert, in partition order
   * @throws IllegalArgumentException if the topic does not exist
   */
  public AlertReader(Map<String, Object> settings, String bootstrapServers, String topic,
      Deserializer<Alert> deserializer, boolean fromBeginning, Consumer<Alert> onAlert) {
    this.alerts = deserializer;
    this.onAlert = onAlert;
    Properties props = new Properties();
    props.putAll(settings);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    try {
      TopicAssignment.assignAll(consumer, List.of(topic), fromBeginning);
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  /**
   * Polls once and hands each alert to the callback.
   *
   * @return how many alerts were read
   */
  public int poll(Duration timeout) {
    int count = 0;
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
      onAlert.accept(alerts.deserialize(r.topic(), r.value()));
      count++;
    }
    return count;
  }

  /** @return true when the position is at the last stable offset of every partition, now */
  public boolean atEnd() {
    return ConsumerGroupLag.atEnd(consumer);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}

package io.newssignals.app;

import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.topology.Topics;
import io.newssignals.ops.ConsumerGroupLag;
import io.newssignals.ops.TopicAssignment;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads what the pipeline wrote, from the beginning: the three signal topics and the dead-letter
 * topic, {@code read_committed}, so only records of committed transactions are seen, each once.
 *
 * <p>Uses no consumer group (partitions are assigned, offsets never committed): reading is for
 * people and tests, and must not disturb other consumers.
 */
public final class OutputReader implements AutoCloseable {

  private final Deserializer<Signal> signals;
  private final Deserializer<DeadLetter> deadLetters;
  private final String deadLetterTopic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Consumer<Signal> onSignal;
  private final Consumer<DeadLetter> onDeadLetter;

  /**
   * @param bootstrapServers the cluster, {@code host:port[,host:port]}
   * @param topics serdes of the topics
   * @param onSignal called for each signal, in partition order
   * @param onDeadLetter called for each dead letter
   */
  public OutputReader(
      String bootstrapServers,
      Topics topics,
      Consumer<Signal> onSignal,
      Consumer<DeadLetter> onDeadLetter) {
    // The three signal topics share one value serde.
    this.signals = topics.signals(SignalType.FUNDING).valueSerde().deserializer();
    this.deadLetters = topics.deadLetter().valueSerde().deserializer();
    this.deadLetterTopic = topics.deadLetter().name();
    this.onSignal = onSignal;
    this.onDeadLetter = onDeadLetter;
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "news-signals-output-reader");
    this.consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    // Every topic but news.raw, the first.
    TopicAssignment.assignAll(consumer, topics.names().subList(1, 5), true);
  }

  /**
   * Polls once and hands each record to its callback.
   *
   * @param timeout longest wait for records
   * @return how many records were read
   */
  public int poll(Duration timeout) {
    int count = 0;
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
      if (r.topic().equals(deadLetterTopic)) {
        onDeadLetter.accept(deadLetters.deserialize(r.topic(), r.value()));
      } else {
        onSignal.accept(signals.deserialize(r.topic(), r.value()));
      }
      count++;
    }
    return count;
  }

  /**
   * @return true when this reader's position is at the last stable offset of every partition, as
   *     the partitions stand now
   */
  public boolean atEnd() {
    return ConsumerGroupLag.atEnd(consumer);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}

package io.newssignals.cli;

import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.output.SignalJson;
import io.newssignals.output.SignalLines;
import io.newssignals.serde.HttpSchemaRegistryClient;
import io.newssignals.topology.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tail TOPIC}: print the records of a signal topic or of the dead-letter topic as they
 * arrive, read_committed, as readable lines or JSON. Reads without a consumer group.
 */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = "Print records of a signal topic (or news.deadletter) as readable lines or JSON.")
public final class TailCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Parameters(
      index = "0",
      description = "signals.funding, signals.hiring, signals.expansion or news.deadletter.")
  String topic;

  @Option(names = "--json", description = "One JSON object a line instead of readable lines.")
  boolean json;

  @Option(names = "--from-beginning", description = "Start at the oldest record, not at the end.")
  boolean fromBeginning;

  @Option(names = "--max-records", description = "Stop after this many records.")
  Long maxRecords;

  @Option(
      names = "--idle-timeout",
      description = "Stop when nothing arrives for this many seconds (default: never).")
  Long idleSeconds;

  @Override
  public Integer call() {
    Topics topics = new Topics(new HttpSchemaRegistryClient(connection.schemaRegistryUrl()));
    Function<byte[], String> render = renderer(topics);
    Properties props = connection.clientSettings();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    PrintWriter out = spec.commandLine().getOut();
    long printed = 0;
    long idleSince = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      if (partitions.isEmpty()) {
        throw new IllegalArgumentException("Topic " + topic + " does not exist");
      }
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      while (maxRecords == null || printed < maxRecords) {
        var records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<byte[], byte[]> r : records) {
          out.println(render.apply(r.value()));
          out.flush();
          if (maxRecords != null && ++printed >= maxRecords) {
            break;
          }
        }
        if (!records.isEmpty()) {
          idleSince = System.nanoTime();
        } else if (idleSeconds != null
            && System.nanoTime() - idleSince > Duration.ofSeconds(idleSeconds).toNanos()) {
          break;
        }
      }
    }
    return ExitCodes.OK;
  }

  private Function<byte[], String> renderer(Topics topics) {
    if (Topics.DEAD_LETTER.equals(topic)) {
      Deserializer<DeadLetter> d = topics.deadLetter().valueSerde().deserializer();
      return bytes -> json ? SignalJson.toLine(d.deserialize(topic, bytes))
          : SignalLines.of(d.deserialize(topic, bytes));
    }
    SignalType type = switch (topic) {
      case Topics.FUNDING -> SignalType.FUNDING;
      case Topics.HIRING -> SignalType.HIRING;
      case Topics.EXPANSION -> SignalType.EXPANSION;
      default -> throw new IllegalArgumentException(
          "Not a topic tail can read: " + topic + " (one of " + Topics.ALL.subList(1, 5) + ")");
    };
    Deserializer<Signal> d = topics.signals(type).valueSerde().deserializer();
    return bytes -> json ? SignalJson.toLine(d.deserialize(topic, bytes))
        : SignalLines.of(d.deserialize(topic, bytes));
  }
}

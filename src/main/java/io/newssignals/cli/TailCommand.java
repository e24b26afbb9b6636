package io.newssignals.cli;

import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.ops.TopicAssignment;
import io.newssignals.output.SignalJson;
import io.newssignals.output.SignalLines;
import io.newssignals.serde.HttpSchemaRegistryClient;
import io.newssignals.serde.SchemaRegistry;
import io.newssignals.topology.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.errors.SerializationException;
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
 *
 * <p>A record that cannot be decoded (not Avro of a known schema, or no value) is not printed:
 * one line on stderr names its topic, partition, offset and why, and reading goes on; the exit
 * code is then {@link ExitCodes#REJECTED_INPUT}. {@code --idle-timeout} counts from the moment the
 * partitions are assigned and their start offsets known, not from the start of the command.
 */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = {
      "Print records of a signal topic (or news.deadletter) as readable lines or JSON.",
      "A record that cannot be decoded is skipped with a note on stderr; exit code 3 if any was."
    })
public final class TailCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Mixin ReachabilityOption reachability;

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
      description = "Stop when nothing arrives for this many seconds once reading (default: never).")
  Long idleSeconds;

  /** Makes the consumer from its properties; tests put a MockConsumer here. */
  Function<Properties, Consumer<byte[], byte[]>> consumers =
      props -> new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());

  /** Makes the registry client from the registry URL; tests put an in-memory registry here. */
  Function<String, SchemaRegistry> registries = HttpSchemaRegistryClient::new;

  /** Checks that the cluster answers; tests with a MockConsumer put a check that always passes. */
  ReachabilityOption.Check reachable = c -> reachability.problem(c);

  @Override
  public Integer call() throws InterruptedException {
    Topics topics = new Topics(registries.apply(connection.schemaRegistryUrl()));
    // Else the consumer retries for a minute, logging each attempt, before a vague timeout.
    Optional<String> unreachable = reachable.problem(connection);
    if (unreachable.isPresent()) {
      spec.commandLine().getErr().println("error: " + unreachable.get());
      return ExitCodes.FAILURE;
    }
    Function<byte[], String> render = renderer(topics);
    Properties props = connection.clientSettings();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long printed = 0;
    long undecodable = 0;
    try (Consumer<byte[], byte[]> consumer = consumers.apply(props)) {
      // Positions are looked up there, so the idle time starts once reading can.
      TopicAssignment.assignAll(consumer, List.of(topic), fromBeginning);
      IdleTimeout idle = IdleTimeout.startingNow(idleSeconds);
      while (maxRecords == null || printed < maxRecords) {
        var records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<byte[], byte[]> r : records) {
          String line;
          try {
            line = render.apply(r.value());
          } catch (SerializationException e) {
            err.println(undecodable(r, e));
            err.flush();
            undecodable++;
            continue;
          }
          out.println(line);
          out.flush();
          if (maxRecords != null && ++printed >= maxRecords) {
            break;
          }
        }
        if (!records.isEmpty()) {
          idle.activity();
        } else if (idle.expired()) {
          break;
        }
      }
    }
    return undecodable > 0 ? ExitCodes.REJECTED_INPUT : ExitCodes.OK;
  }

  /**
   * @return e.g. {@code skipped undecodable record signals.funding partition 0 offset 7: Not
   *     Confluent wire format: magic byte is 123, expected 0}, on one line
   */
  static String undecodable(ConsumerRecord<?, ?> r, Exception e) {
    return "skipped undecodable record " + r.topic() + " partition " + r.partition() + " offset "
        + r.offset() + ": " + String.valueOf(e.getMessage()).replaceAll("\\R", " ");
  }

  private Function<byte[], String> renderer(Topics topics) {
    if (Topics.DEAD_LETTER.equals(topic)) {
      Deserializer<DeadLetter> d = topics.deadLetter().valueSerde().deserializer();
      return bytes -> {
        DeadLetter letter = decode(d, bytes);
        return json ? SignalJson.toLine(letter) : SignalLines.of(letter);
      };
    }
    SignalType type = switch (topic) {
      case Topics.FUNDING -> SignalType.FUNDING;
      case Topics.HIRING -> SignalType.HIRING;
      case Topics.EXPANSION -> SignalType.EXPANSION;
      default -> throw new IllegalArgumentException(
          "Not a topic tail can read: " + topic + " (one of " + Topics.ALL.subList(1, 5) + ")");
    };
    Deserializer<Signal> d = topics.signals(type).valueSerde().deserializer();
    return bytes -> {
      Signal signal = decode(d, bytes);
      return json ? SignalJson.toLine(signal) : SignalLines.of(signal);
    };
  }

  /** @throws SerializationException also for a record without a value, which has nothing to show */
  private <T> T decode(Deserializer<T> deserializer, byte[] bytes) {
    T value = deserializer.deserialize(topic, bytes);
    if (value == null) {
      throw new SerializationException("the record has no value");
    }
    return value;
  }
}

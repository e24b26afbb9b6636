package io.newssignals.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.serde.InMemorySchemaRegistry;
import io.newssignals.topology.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code tail} on a MockConsumer: undecodable records and the idle timeout. */
class TailCommandTest {

  private static final String TOPIC = Topics.FUNDING;
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** A consumer of one partition holding offsets 0 to 3, slow to connect by {@code connecting}. */
  private static MockConsumer<byte[], byte[]> consumer(Duration connecting) {
    MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest") {
      @Override
      public List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
        try {
          Thread.sleep(connecting.toMillis());
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return super.partitionsFor(topic, timeout);
      }
    };
    consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
    consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    consumer.updateEndOffsets(Map.of(PARTITION, 4L));
    return consumer;
  }

  private int tail(MockConsumer<byte[], byte[]> consumer, String... options) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    TailCommand tail = cli.getSubcommands().get("tail").getCommand();
    tail.consumers = props -> consumer;
    tail.registries = url -> registry;
    tail.reachable = connection -> Optional.empty();
    String[] args = new String[options.length + 6];
    System.arraycopy(new String[] {"tail", TOPIC, "--bootstrap-servers", "127.0.0.1:1",
        "--schema-registry-url", "http://127.0.0.1:1"}, 0, args, 0, 6);
    System.arraycopy(options, 0, args, 6, options.length);
    return cli.execute(args);
  }

  private byte[] encoded(String company) {
    Signal signal = Signal.newBuilder()
        .setSignalId("s-" + company)
        .setItemId("i-" + company)
        .setType(SignalType.FUNDING)
        .setCompany(company)
        .setCompanyId(company.toLowerCase())
        .setLanguage("en")
        .setConfidence(0.9)
        .setProcessedAt(Instant.parse("2025-06-01T12:00:00Z"))
        .build();
    return new Topics(registry).signals(SignalType.FUNDING).valueSerde().serializer()
        .serialize(TOPIC, signal);
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
    return new ConsumerRecord<>(TOPIC, 0, offset, null, value);
  }

  @Test
  void anUndecodableRecordIsNotedAndReadingGoesOn() {
    MockConsumer<byte[], byte[]> consumer = consumer(Duration.ZERO);
    consumer.schedulePollTask(() -> {
      consumer.addRecord(record(0, encoded("Acme")));
      consumer.addRecord(record(1, "{not avro}".getBytes(StandardCharsets.UTF_8)));
      consumer.addRecord(record(2, null));
      consumer.addRecord(record(3, encoded("Globex")));
    });

    int code = tail(consumer, "--from-beginning", "--max-records", "2");

    assertEquals(ExitCodes.REJECTED_INPUT, code, err.toString());
    assertEquals(List.of(
            "FUNDING   Acme [acme] | en | confidence 0.90",
            "FUNDING   Globex [globex] | en | confidence 0.90"),
        out.toString().lines().toList());
    assertEquals(List.of(
            "skipped undecodable record signals.funding partition 0 offset 1:"
                + " Not Confluent wire format: magic byte is 123, expected 0",
            "skipped undecodable record signals.funding partition 0 offset 2: the record has no value"),
        err.toString().lines().toList());
  }

  @Test
  void theIdleTimeoutCountsFromTheAssignmentNotFromConnecting() {
    // Connecting takes longer than the idle timeout; the record comes with the second poll.
    MockConsumer<byte[], byte[]> consumer = consumer(Duration.ofMillis(1_500));
    consumer.scheduleNopPollTask();
    consumer.schedulePollTask(() -> consumer.addRecord(record(0, encoded("Acme"))));

    int code = tail(consumer, "--from-beginning", "--max-records", "1", "--idle-timeout", "1");

    assertEquals(ExitCodes.OK, code, err.toString());
    assertEquals(List.of("FUNDING   Acme [acme] | en | confidence 0.90"), out.toString().lines().toList());
  }
}

package io.newssignals.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A broker in a JVM of its own: it serves on loopback from another process, and close() ends that process. */
class BrokerProcessTest {

  @Test
  void servesFromItsOwnProcessAndCloseStopsIt() throws Exception {
    BrokerProcess broker = new BrokerProcess().start();
    long pid;
    ProcessHandle child;
    try {
      pid = broker.pid();
      child = ProcessHandle.of(pid).orElseThrow();
      assertEquals(List.of(true, true), List.of(pid != ProcessHandle.current().pid(),
          broker.bootstrapServers().startsWith("127.0.0.1:")));
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
          KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
              new StringSerializer(), new StringSerializer())) {
        admin.createTopics(List.of(new NewTopic("broker-process-test", 1, (short) 1))).all().get();
        RecordMetadata sent = producer.send(new ProducerRecord<>("broker-process-test", "k", "v")).get(30, TimeUnit.SECONDS);
        assertEquals(0L, sent.offset());
      }
    } finally {
      broker.close();
    }
    child.onExit().get(5, TimeUnit.SECONDS);
    assertEquals(false, child.isAlive());
  }

  @Test
  void aChildThatDoesNotReportInTimeIsStoppedAndTheErrorQuotesItsLog() throws Exception {
    // A start timeout of zero gives up before the child can have started its broker.
    BrokerProcess broker = new BrokerProcess(Duration.ZERO);
    IllegalStateException e = assertThrows(IllegalStateException.class, broker::start);
    assertEquals(true, e.getMessage().startsWith("no broker within 0 s; its log ends:"), e.getMessage());
    assertEquals(false, ProcessHandle.of(broker.pid()).map(ProcessHandle::isAlive).orElse(false));
  }
}

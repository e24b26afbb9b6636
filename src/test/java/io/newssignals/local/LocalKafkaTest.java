package io.newssignals.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newssignals.testing.ListeningSockets;
import io.newssignals.testing.LocalStackExtension;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class LocalKafkaTest {

  @Test
  void transactionalRecordsComeBackExactlyWithReadCommitted() throws Exception {
    String topic = "local-kafka-test";
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackExtension.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
      assertEquals(3, admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size());
    }

    Map<String, String> sent = new LinkedHashMap<>();
    for (int i = 1; i <= 5; i++) {
      sent.put("key-" + i, "value-" + i);
    }
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackExtension.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "local-kafka-test-tx",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      sent.forEach((k, v) -> producer.send(new ProducerRecord<>(topic, k, v)));
      producer.commitTransaction();
    }

    Map<String, String> received = new LinkedHashMap<>();
    Set<Integer> partitions;
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackExtension.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "local-kafka-test",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < sent.size() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      records.forEach(r -> received.put(r.key(), r.value()));
      partitions = records.stream().map(ConsumerRecord::partition).collect(Collectors.toSet());
    }
    assertEquals(sent, received);
    assertTrue(partitions.stream().allMatch(p -> p >= 0 && p < 3), "partitions " + partitions);
  }

  @Test
  void brokerAdvertisesAndListensOnLoopbackOnly() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackExtension.bootstrapServers()))) {
      Collection<Node> nodes = admin.describeCluster().nodes().get();
      assertEquals(1, nodes.size());
      Node node = nodes.iterator().next();
      assertEquals("127.0.0.1", node.host());
      assertEquals(LocalStackExtension.bootstrapServers(), node.host() + ":" + node.port());
    }

    assumeTrue(ListeningSockets.available(), "needs Linux /proc");
    List<InetSocketAddress> listening = ListeningSockets.of(ProcessHandle.current().pid());
    LocalKafka kafka = LocalStackExtension.stack().kafka();
    int brokerPort = Integer.parseInt(kafka.bootstrapServers().split(":")[1]);
    Set<Integer> ports = listening.stream().map(InetSocketAddress::getPort).collect(Collectors.toSet());
    assertTrue(ports.containsAll(Set.of(brokerPort, kafka.controllerPort())), "listening: " + listening);
    assertFalse(listening.isEmpty());
    // Every socket this JVM listens on (the broker's and the controller's) is on 127.0.0.1.
    listening.forEach(a -> assertTrue(a.getAddress().isLoopbackAddress(), "not loopback: " + a));
  }
}

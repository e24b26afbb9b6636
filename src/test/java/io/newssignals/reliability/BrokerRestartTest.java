package io.newssignals.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newssignals.avro.NewsItem;
import io.newssignals.serde.HttpSchemaRegistryClient;
import io.newssignals.testing.AppProcess;
import io.newssignals.testing.LocalStackExtension;
import io.newssignals.testing.NewsCorpus;
import io.newssignals.testing.OwnBroker;
import io.newssignals.testing.Pipeline;
import io.newssignals.topology.TopicAdmin;
import io.newssignals.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker restarts mid-stream (same ports, same data): the {@code run} instance (a child JVM)
 * rides it out without leaving the process, processes the items published before and after, and
 * every signal comes out exactly once.
 */
@ExtendWith(LocalStackExtension.class)
class BrokerRestartTest {

  private static final int ITEMS = 3_000;
  private static final String APP = "broker-restart";

  @RegisterExtension static final OwnBroker broker = new OwnBroker();

  @TempDir static Path dir;

  @Test
  void theAppRecoversFromABrokerRestartWithNothingLostOrDoubled() throws Exception {
    List<NewsItem> items = NewsCorpus.items(ITEMS, "item-");
    CompletableFuture<Map<String, List<String>>> expected =
        CompletableFuture.supplyAsync(() -> Pipeline.signalIdsByItem("corpus-3000", items));
    String registryUrl = LocalStackExtension.schemaRegistryUrl();
    Topics topics = new Topics(new HttpSchemaRegistryClient(registryUrl));
    List<String> run = Pipeline.runCommand(broker.bootstrapServers(), registryUrl, APP, dir, "app", Duration.ZERO);

    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopicAdmin.createMissing(admin, 3, (short) 1);
      Pipeline.produce(broker.bootstrapServers(), topics, items.subList(0, ITEMS / 2));
      try (AppProcess app = AppProcess.start(dir.resolve("app.log"), run);
          Pipeline.Output output = new Pipeline.Output(broker.bootstrapServers(), topics)) {
        app.awaitLine(AppProcess.RUNNING_LINE, Duration.ofSeconds(120));
        Pipeline.await("some signals", Duration.ofSeconds(180), () -> output.poll().signals() >= 500);

        broker.kafka().restart();
        int beforeRestart = output.signals();
        // The first half of the corpus gives 2,000 signals.
        assertTrue(beforeRestart < 2_000, "the restart came too late to test anything: " + beforeRestart);
        Pipeline.produce(broker.bootstrapServers(), topics, items.subList(ITEMS / 2, ITEMS));

        output.readAllProcessed(admin, APP, List.of(Topics.RAW), Duration.ofSeconds(300));
        // The instance's warnings say what the restart did to it; kept in the test report.
        app.output().lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
            .forEach(l -> System.out.println("BrokerRestartTest app: " + l));
        // The topics' content, as a consumer that starts now sees it. The reader that polled through
        // the restart is only reported: a consumer whose fetch position is out of range after a
        // restart resets to auto.offset.reset (latest by default) and may skip records.
        try (Pipeline.Output fresh = new Pipeline.Output(broker.bootstrapServers(), topics)) {
          fresh.readAllProcessed(admin, APP, List.of(Topics.RAW), Duration.ofSeconds(60));
          System.out.printf("BrokerRestartTest: fresh reader %d signals, live reader %d%n",
              fresh.signals(), output.signals());
          Pipeline.assertNoDeadLetters(fresh.deadLetters());
          Pipeline.assertExactlyOnce(expected.get(), Pipeline.rawItemCounts(broker.bootstrapServers()), fresh.signalIds());
        }
        assertFalse(app.output().contains("-> ERROR"), "Kafka Streams went to ERROR:\n" + app.tail());
        assertEquals(AppProcess.SIGTERM_EXIT, app.stop(Duration.ofSeconds(60)));
        assertTrue(app.output().contains(AppProcess.CLOSING_LINE), app.tail());
        System.out.printf("BrokerRestartTest: %d signals read before the restart, %d in all%n",
            beforeRestart, output.signals());
      }
    }
  }
}

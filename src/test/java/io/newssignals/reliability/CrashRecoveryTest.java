package io.newssignals.reliability;

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
 * Exactly once through a crash: the {@code run} command in a child JVM is killed with SIGKILL in
 * the middle of 10,000 items and started again; the signal topics, read {@code read_committed},
 * then hold exactly the extractor's own signals for those items, none lost and none doubled.
 *
 * <p>Runs on a broker of its own (the topic names are fixed), with the shared schema registry.
 */
@ExtendWith(LocalStackExtension.class)
class CrashRecoveryTest {

  static final int ITEMS = 10_000;
  private static final String APP = "crash-recovery";

  @RegisterExtension static final OwnBroker broker = new OwnBroker();

  @TempDir static Path dir;

  @Test
  void aKilledInstanceRestartsWithEverySignalExactlyOnce() throws Exception {
    List<NewsItem> items = NewsCorpus.items(ITEMS, "item-");
    // The reference output takes a while; compute it while the pipeline runs.
    CompletableFuture<Map<String, List<String>>> expected =
        CompletableFuture.supplyAsync(() -> Pipeline.signalIdsByItem("corpus-10000", items));
    String registryUrl = LocalStackExtension.schemaRegistryUrl();
    Topics topics = new Topics(new HttpSchemaRegistryClient(registryUrl));
    List<String> run = Pipeline.runCommand(broker.bootstrapServers(), registryUrl, APP, dir, "app", Duration.ZERO);

    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopicAdmin.createMissing(admin, 3, (short) 1);
      Pipeline.produce(broker.bootstrapServers(), topics, items);
      try (AppProcess first = AppProcess.start(dir.resolve("first.log"), run);
          Pipeline.Output output = new Pipeline.Output(broker.bootstrapServers(), topics)) {
        crashAndRecover(admin, first, output, run);
        Pipeline.assertNoDeadLetters(output.deadLetters());
        Pipeline.assertExactlyOnce(expected.get(), Pipeline.rawItemCounts(broker.bootstrapServers()), output.signalIds());
      }
    }
  }

  private static void crashAndRecover(Admin admin, AppProcess first, Pipeline.Output output, List<String> run)
      throws InterruptedException {
    first.awaitLine(AppProcess.RUNNING_LINE, Duration.ofSeconds(120));

    Pipeline.await("a third of the signals", Duration.ofSeconds(180), () -> output.poll().signals() >= 4_000);
    first.kill();
    int beforeCrash = output.signals();
    // The corpus gives 4 signals per 3 items: 13,333 in all.
    assertTrue(beforeCrash < 13_333, "the crash came too late to test anything: " + beforeCrash);

    try (AppProcess second = AppProcess.start(dir.resolve("second.log"), run)) {
      second.awaitLine(AppProcess.RUNNING_LINE, Duration.ofSeconds(120));
      output.readAllProcessed(admin, APP, List.of(Topics.RAW), Duration.ofSeconds(240));
      second.stop(Duration.ofSeconds(60));
    }
    System.out.printf("CrashRecoveryTest: %d signals read before the kill, %d in all%n", beforeCrash, output.signals());
  }
}

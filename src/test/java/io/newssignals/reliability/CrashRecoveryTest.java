package io.newssignals.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newssignals.avro.NewsItem;
import io.newssignals.local.LocalKafka;
import io.newssignals.serde.HttpSchemaRegistryClient;
import io.newssignals.testing.AppProcess;
import io.newssignals.testing.LocalStackExtension;
import io.newssignals.testing.NewsCorpus;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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

  private static LocalKafka kafka;

  @TempDir static Path dir;

  @BeforeAll
  static void startBroker() {
    kafka = new LocalKafka().start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void aKilledInstanceRestartsWithEverySignalExactlyOnce() throws Exception {
    List<NewsItem> items = NewsCorpus.items(ITEMS, "item-");
    // The reference output takes a while; compute it while the pipeline runs.
    CompletableFuture<Map<String, List<String>>> expected =
        CompletableFuture.supplyAsync(() -> Pipeline.signalIdsByItem("corpus-10000", items));
    String registryUrl = LocalStackExtension.schemaRegistryUrl();
    Topics topics = new Topics(new HttpSchemaRegistryClient(registryUrl));
    Path config = Pipeline.configFile(dir.resolve("app.properties"), Pipeline.testAppSettings(APP, dir.resolve("state")));
    List<String> run = List.of("run", "--bootstrap-servers", kafka.bootstrapServers(),
        "--schema-registry-url", registryUrl, "--config", config.toString(),
        // The corpus's items share templates, which dedup would rightly drop as one story.
        "--dedup-window", "PT0S", "--http-port", "0");

    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      TopicAdmin.createMissing(admin, 3, (short) 1);
      Pipeline.produce(kafka.bootstrapServers(), topics, items);
      try (AppProcess first = AppProcess.start(dir.resolve("first.log"), run);
          Pipeline.Output output = new Pipeline.Output(kafka.bootstrapServers(), topics)) {
        crashAndRecover(admin, first, output, run);
        Pipeline.assertNoDeadLetters(output.deadLetters());
        Pipeline.assertExactlyOnce(expected.get(), Pipeline.rawItemCounts(kafka.bootstrapServers()), output.signalIds());
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
      output.readAllProcessed(admin, APP, Duration.ofSeconds(240));
      second.stop(Duration.ofSeconds(60));
    }
    System.out.printf("CrashRecoveryTest: %d signals read before the kill, %d in all%n", beforeCrash, output.signals());
  }
}

package io.newssignals.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newssignals.avro.NewsItem;
import io.newssignals.serde.HttpSchemaRegistryClient;
import io.newssignals.testing.AppProcess;
import io.newssignals.testing.LocalStackExtension;
import io.newssignals.testing.NewsCorpus;
import io.newssignals.testing.OwnBroker;
import io.newssignals.testing.Pipeline;
import io.newssignals.topology.SignalTopology;
import io.newssignals.topology.TopicAdmin;
import io.newssignals.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out: two {@code run} instances (child JVMs) in one group share the six partitions of
 * {@code news.raw}, three each; one is stopped (SIGTERM) mid-stream; the survivor takes over all
 * six and every item's signals come out exactly once, read {@code read_committed}. Dedup is on,
 * so extraction runs in the news.raw tasks of both instances and the items with signals then pass
 * the one-partition dedup-input repartition and dedup task; the corpus names a different company in every item, so dedup keeps them all.
 */
@ExtendWith(LocalStackExtension.class)
class ScaleOutTest {

  private static final int ITEMS = 6_000;
  private static final int PARTITIONS = 6;
  private static final String APP = "scale-out";

  @RegisterExtension static final OwnBroker broker = new OwnBroker();

  @TempDir static Path dir;

  @Test
  void twoInstancesShareTheWorkAndTheSurvivorTakesOver() throws Exception {
    List<NewsItem> items = NewsCorpus.items(ITEMS, "item-");
    CompletableFuture<Map<String, List<String>>> expected =
        CompletableFuture.supplyAsync(() -> Pipeline.signalIdsByItem("corpus-6000", items));
    String registryUrl = LocalStackExtension.schemaRegistryUrl();
    Topics topics = new Topics(new HttpSchemaRegistryClient(registryUrl));

    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopicAdmin.createMissing(admin, PARTITIONS, (short) 1);
      try (AppProcess a = AppProcess.start(dir.resolve("a.log"), Pipeline.runCommand(broker.bootstrapServers(), registryUrl, APP, dir, "a", SignalTopology.Options.DEFAULT_DEDUP_WINDOW));
          AppProcess b = AppProcess.start(dir.resolve("b.log"), Pipeline.runCommand(broker.bootstrapServers(), registryUrl, APP, dir, "b", SignalTopology.Options.DEFAULT_DEDUP_WINDOW));
          Pipeline.Output output = new Pipeline.Output(broker.bootstrapServers(), topics)) {
        a.awaitLine(AppProcess.RUNNING_LINE, Duration.ofSeconds(120));
        b.awaitLine(AppProcess.RUNNING_LINE, Duration.ofSeconds(120));
        Pipeline.await("two members with three partitions each", Duration.ofSeconds(120),
            () -> partitionsByMember(admin).values().stream().sorted().toList().equals(List.of(3, 3)));
        Map<String, Integer> shared = partitionsByMember(admin);

        Pipeline.produce(broker.bootstrapServers(), topics, items);
        Pipeline.await("a third of the signals", Duration.ofSeconds(180), () -> output.poll().signals() >= 2_700);
        assertEquals(AppProcess.SIGTERM_EXIT, b.stop(Duration.ofSeconds(60)));
        assertTrue(b.output().contains(AppProcess.CLOSING_LINE), b.tail());
        int beforeStop = output.signals();
        // The corpus gives 4 signals per 3 items: 8,000 in all.
        assertTrue(beforeStop < 8_000, "the stop came too late to test anything: " + beforeStop);

        Pipeline.await("one member with all six partitions", Duration.ofSeconds(120),
            () -> List.copyOf(partitionsByMember(admin).values()).equals(List.of(PARTITIONS)));
        String survivor = partitionsByMember(admin).keySet().iterator().next();
        assertTrue(shared.containsKey(survivor), "survivor " + survivor + " was not one of " + shared.keySet());

        output.readAllProcessed(admin, APP, inputs(), Duration.ofSeconds(240));
        Pipeline.assertNoDeadLetters(output.deadLetters());
        Pipeline.assertExactlyOnce(expected.get(), Pipeline.rawItemCounts(broker.bootstrapServers()), output.signalIds());
        System.out.printf("ScaleOutTest: %d signals read before the stop, %d in all%n", beforeStop, output.signals());
      }
    }
  }

  /** @return news.raw and the repartition topics of dedup, which these instances run */
  private static List<String> inputs() {
    return SignalTopology.inputTopics(APP, SignalTopology.Options.DEFAULTS);
  }

  /**
   * @return for each member of the application's group, by consumer client id (one stream thread
   *     per instance, so one member per instance), how many {@code news.raw} partitions it holds
   */
  private static Map<String, Integer> partitionsByMember(Admin admin) {
    try {
      Collection<MemberDescription> members =
          admin.describeConsumerGroups(List.of(APP)).all().get().get(APP).members();
      Map<String, Integer> partitions = new TreeMap<>();
      for (MemberDescription m : members) {
        partitions.put(m.clientId(), (int) m.assignment().topicPartitions().stream()
            .filter(tp -> tp.topic().equals(Topics.RAW)).count());
      }
      return partitions;
    } catch (ExecutionException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
  }
}

package io.newssignals.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.cli.Main;
import io.newssignals.extract.LexiconSignalExtractor;
import io.newssignals.ops.ConsumerGroupLag;
import io.newssignals.serde.HttpSchemaRegistryClient;
import io.newssignals.testing.BrokerTopics;
import io.newssignals.testing.FeedServer;
import io.newssignals.testing.LocalStackExtension;
import io.newssignals.testing.ProjectFiles;
import io.newssignals.topology.SignalTopology;
import io.newssignals.topology.StreamsSettings;
import io.newssignals.topology.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One story from three feeds, under three URLs, one copy with other punctuation: the {@code feeds}
 * command publishes all three, and the topology on the real broker yields its signals once.
 */
@ExtendWith(LocalStackExtension.class)
class SameStoryEndToEndTest {

  private static final String PREFIX = "it-story.";
  private static final String APPLICATION_ID = "it-story-signals";

  @TempDir Path dir;

  private static String item(String link, String title, String body) {
    return "<item><title>" + title + "</title><link>" + link + "</link><description>"
        + body + "</description></item>";
  }

  private static String rss(String item) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
        + "<title>t</title><link>https://news.example/</link><description>d</description>"
        + item + "</channel></rss>";
  }

  @Test
  void theSameStoryFromThreeFeedsGivesOneSetOfSignals() throws Exception {
    List<String> lines = Files.readAllLines(
        ProjectFiles.samplesDir().resolve("mistral-es-facts.txt"), StandardCharsets.UTF_8);
    String title = lines.get(0);
    String body = String.join(" ", lines.subList(1, lines.size())).strip();
    try (FeedServer server = new FeedServer()) {
      server.serve("/uno.rss", rss(item("https://uno.example/mistral", title, body)));
      server.serve("/dos.rss", rss(item("https://dos.example/2026/03/mistral?utm_source=rss",
          title, body.replace(",", ";").replace(".", "!"))));
      server.serve("/tres.rss", rss(item("https://tres.example/tech/mistral-california",
          title.toUpperCase(Locale.ROOT), body)));
      Path sources = dir.resolve("sources.yaml");
      Files.writeString(sources, "feeds:\n"
          + "  - {name: uno, url: '" + server.url("/uno.rss") + "', interval: 1m, language: es}\n"
          + "  - {name: dos, url: '" + server.url("/dos.rss") + "', interval: 1m, language: es}\n"
          + "  - {name: tres, url: '" + server.url("/tres.rss") + "', interval: 1m}\n");

      HttpSchemaRegistryClient registry =
          new HttpSchemaRegistryClient(LocalStackExtension.schemaRegistryUrl());
      Topics topics = new Topics(registry, PREFIX);
      BrokerTopics.create(topics.names(), 3);
      String bootstrap = LocalStackExtension.bootstrapServers();
      Properties config = StreamsSettings.properties(bootstrap, registry, 1, Map.of(
          StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID,
          StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString(),
          StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetter().name()));
      Clock clock = Clock.systemUTC();
      List<Signal> signals = new ArrayList<>();
      List<DeadLetter> deadLetters = new ArrayList<>();
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
          StreamsApp app = StreamsApp.start(
              SignalTopology.build(topics, new LexiconSignalExtractor(clock), clock),
              config, Duration.ofSeconds(120));
          OutputReader reader = new OutputReader(bootstrap, topics, signals::add, deadLetters::add)) {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("feeds", "--once", "--state", dir.resolve("state.json").toString(),
            "--topic-prefix", PREFIX, "--bootstrap-servers", bootstrap,
            "--schema-registry-url", LocalStackExtension.schemaRegistryUrl(), sources.toString());
        assertEquals(0, code, err.toString());
        assertEquals(3, BrokerTopics.readAll(topics.raw().name()).size(), err.toString());

        List<String> processed = new ArrayList<>(List.of(topics.raw().name()));
        processed.addAll(
            SignalTopology.repartitionTopics(APPLICATION_ID, SignalTopology.Options.DEFAULTS));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        // Lag seen at zero twice, as Demo does: one look can read end offsets from before a commit.
        int quietLooks = 0;
        boolean done = false;
        while (!done && System.nanoTime() < deadline) {
          reader.poll(Duration.ofMillis(200));
          boolean caughtUp =
              ConsumerGroupLag.total(ConsumerGroupLag.of(admin, APPLICATION_ID, processed)) == 0;
          quietLooks = caughtUp ? quietLooks + 1 : 0;
          done = quietLooks >= 2 && reader.atEnd();
        }
        assertEquals(true, done, "the topology did not catch up within 120 s");
        // Dedup reads one partition; extraction ran on news.raw's, before it.
        String dedupInput = APPLICATION_ID + "-dedup-input-repartition";
        assertEquals(1, admin.describeTopics(List.of(dedupInput)).allTopicNames().get()
            .get(dedupInput).partitions().size());
      }

      assertEquals(List.of(), deadLetters);
      List<Signal> sorted = signals.stream().sorted(Comparator.comparing(Signal::getType)).toList();
      assertEquals(List.of(SignalType.FUNDING, SignalType.HIRING, SignalType.EXPANSION),
          sorted.stream().map(Signal::getType).toList());
      assertEquals(1, sorted.stream().map(Signal::getItemId).distinct().count());
      for (Signal signal : sorted) {
        assertEquals("mistral", signal.getCompanyId());
      }
    }
  }
}

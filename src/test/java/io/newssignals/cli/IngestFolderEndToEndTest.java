package io.newssignals.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.FailureStage;
import io.newssignals.avro.NewsItem;
import io.newssignals.ingest.ItemIds;
import io.newssignals.serde.HttpSchemaRegistryClient;
import io.newssignals.topology.TopicAdmin;
import io.newssignals.topology.Topics;
import io.newssignals.testing.BrokerTopics;
import io.newssignals.testing.LocalStackExtension;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The acceptance check of issue #4: {@code ingest} of a folder of 10,000 items shows a progress
 * bar and a summary whose counts add up, and {@code news.raw} holds each accepted item once.
 */
@ExtendWith(LocalStackExtension.class)
class IngestFolderEndToEndTest {

  private static final String PREFIX = "it-10k.";
  private static final int FILES = 20;
  private static final int PER_FILE = 500;

  @TempDir Path dir;

  @Test
  void tenThousandItemsArePublishedOnceAndTheSummaryAddsUp() throws Exception {
    Set<String> expectedIds = new TreeSet<>();
    for (int f = 0; f < FILES; f++) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < PER_FILE; i++) {
        String url = "https://news.example/" + f + "/" + i;
        expectedIds.add(ItemIds.forUrl(url));
        lines.add("{\"url\":\"" + url + "\",\"title\":\"Story " + f + "-" + i
            + "\",\"body\":\"Body of story " + f + "-" + i + ".\"}");
      }
      Files.write(dir.resolve(String.format("batch-%02d.jsonl", f)), lines, UTF_8);
    }
    // Five items again, under decorated URLs that canonicalise to ones above: duplicates.
    List<String> again = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      again.add("{\"url\":\"HTTPS://news.example/3/" + i + "?utm_source=x\",\"title\":\"again\"}");
    }
    Files.createDirectories(dir.resolve("sub"));
    Files.write(dir.resolve("sub/again.jsonl"), again, UTF_8);
    // Four rejections, one of each kind, and one file that is not news.
    Files.write(dir.resolve("bad.jsonl"), List.of("{not json", "{\"title\":\"  \"}"), UTF_8);
    Files.write(dir.resolve("latin1.txt"), "Caf\u00e9 opens\nIn Paris.".getBytes("ISO-8859-1"));
    Files.write(dir.resolve("binary.txt"), new byte[] {'P', 'K', 3, 4, 0, 0});
    Files.writeString(dir.resolve("notes.md"), "not news");
    BrokerTopics.create(List.of(PREFIX + "news.raw", PREFIX + "news.deadletter"), 3);

    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));
    long start = System.nanoTime();
    int code = cli.execute("ingest", "--progress", "--topic-prefix", PREFIX,
        "--bootstrap-servers", LocalStackExtension.bootstrapServers(),
        "--schema-registry-url", LocalStackExtension.schemaRegistryUrl(), dir.toString());
    long seconds = (System.nanoTime() - start) / 1_000_000_000;
    System.out.println("ingest of 10,009 items took " + seconds + " s");

    String output = err.toString();
    assertEquals(ExitCodes.REJECTED_INPUT, code, output);
    // read 10,009 = 10,000 published + 4 rejected + 5 duplicates.
    assertEquals(true, output.endsWith(
        "ingest: read=10009 published=10000 rejected=4 duplicates=5 skipped=1 failed=0"
            + System.lineSeparator()), output);
    // The progress bar's last frame, before the summary, counts every item read.
    String lastFrame = output.substring(output.lastIndexOf('\r') + 1, output.lastIndexOf("ingest: "));
    assertEquals(true, lastFrame.startsWith("ingest ") && lastFrame.contains(" 10009/? items ")
        && lastFrame.strip().endsWith(" items/s"), lastFrame);

    List<String> keys = BrokerTopics.readAll(PREFIX + "news.raw").stream()
        .map(r -> new String(r.key(), UTF_8)).toList();
    assertEquals(10_000, keys.size());
    assertEquals(expectedIds, new HashSet<>(keys));
    assertEquals(4, BrokerTopics.readAll(PREFIX + "news.deadletter").size());
  }

  @Test
  void anItemAtTheSizeLimitThatDoesNotCompressReachesNewsRaw() throws Exception {
    // Base64 of random bytes: lz4 leaves it at its full size, so the item and its record envelope
    // are over the broker's default max.message.bytes; news.raw's own (TopicAdmin) lets it in.
    byte[] random = new byte[786_300];
    new Random(7).nextBytes(random);
    Files.writeString(dir.resolve("big.txt"), "A title\n" + Base64.getEncoder().encodeToString(random), UTF_8);
    String prefix = "it-big.";
    createIngestTopics(prefix, TopicAdmin.configs(Topics.RAW));

    String output = ingest(prefix, dir, ExitCodes.OK);

    assertEquals(true, output.endsWith(
        "ingest: read=1 published=1 rejected=0 duplicates=0 skipped=0 failed=0" + System.lineSeparator()),
        output);
    assertEquals(1, BrokerTopics.readAll(prefix + "news.raw").size());
  }

  @Test
  void anItemThatNewsRawRefusesIsDeadLetteredWithTheBrokersReason() throws Exception {
    // A news.raw made elsewhere with a lower max.message.bytes than TopicAdmin gives it: the broker
    // refuses the item, which must end on news.deadletter, not only in a warning.
    byte[] random = new byte[150_000];
    new Random(11).nextBytes(random);
    String body = Base64.getEncoder().encodeToString(random);
    Path file = dir.resolve("refused.txt");
    Files.writeString(file, "A title\n" + body, UTF_8);
    String prefix = "it-refused.";
    createIngestTopics(prefix, Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "100000"));

    String output = ingest(prefix, file, ExitCodes.REJECTED_INPUT);

    assertEquals(true, output.startsWith("warning: it-refused.news.raw has max.message.bytes 100000,"
        + " below the 2097152 news-signals gives it: larger records will be refused; raise it with"
        + " kafka-configs --alter --entity-type topics --entity-name it-refused.news.raw --add-config"
        + " max.message.bytes=2097152" + System.lineSeparator() + "ingest: "), output);
    assertEquals(true, output.endsWith(
        "ingest: read=1 published=0 rejected=1 duplicates=0 skipped=0 failed=0" + System.lineSeparator()),
        output);
    assertEquals(0, BrokerTopics.readAll(prefix + Topics.RAW).size());
    ConsumerRecord<byte[], byte[]> record = assertOneRefusedItemDeadLettered(prefix, body);
    DeadLetter letter = deadLetter(prefix, record);
    assertEquals(newsItem(prefix, bytes(letter.getValue())).getId(), new String(record.key(), UTF_8));
    assertEquals(List.of(FailureStage.INGEST, file.toString(), prefix + Topics.RAW,
            "org.apache.kafka.common.errors.RecordTooLargeException"),
        List.of(letter.getStage(), letter.getOrigin(), letter.getSourceTopic(), letter.getErrorClass()));
  }

  @Test
  void anItemOverNewsRawsOwnLimitIsDeadLetteredWholeToo() throws Exception {
    // With --max-item-bytes raised past news.raw's 2 MiB the broker refuses the item; its dead
    // letter, bigger still, fits news.deadletter's 4 MiB and the producer's max.request.size.
    byte[] random = new byte[1_700_000];
    new Random(13).nextBytes(random);
    Path file = dir.resolve("huge.txt");
    String body = Base64.getEncoder().encodeToString(random);
    Files.writeString(file, "A title\n" + body, UTF_8);
    String prefix = "it-huge.";
    createIngestTopics(prefix, TopicAdmin.configs(Topics.RAW));

    String output = ingest(prefix, file, ExitCodes.REJECTED_INPUT, "--max-item-bytes", "3000000");

    assertEquals(false, output.contains("warning:"), output);
    assertEquals(true, output.endsWith(
        "ingest: read=1 published=0 rejected=1 duplicates=0 skipped=0 failed=0" + System.lineSeparator()),
        output);
    assertOneRefusedItemDeadLettered(prefix, body);
  }

  @Test
  void ingestIntoTopicsThatDoNotExistWarnsOfTheBrokersDefaults() throws Exception {
    Path file = dir.resolve("small.txt");
    Files.writeString(file, "A title\nA body.", UTF_8);

    String output = ingest("it-missing.", file, ExitCodes.OK);

    String tail = " does not exist: a broker that creates topics on first use makes it with its own"
        + " max.message.bytes (1048588 unless set otherwise), below the ";
    String advice = " news-signals gives it; create it first with that max.message.bytes, e.g. with"
        + " kafka-topics --create (run --create-topics makes the names without a prefix)";
    assertEquals(true, output.startsWith(
        "warning: it-missing.news.raw" + tail + "2097152" + advice + System.lineSeparator()
        + "warning: it-missing.news.deadletter" + tail + "4194304" + advice + System.lineSeparator()),
        output);
    assertEquals(true, output.endsWith(
        "ingest: read=1 published=1 rejected=0 duplicates=0 skipped=0 failed=0" + System.lineSeparator()),
        output);
  }

  /** Creates {@code prefix}news.raw with {@code rawConfigs}, and news.deadletter as TopicAdmin would. */
  private static void createIngestTopics(String prefix, Map<String, String> rawConfigs) throws Exception {
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackExtension.bootstrapServers()))) {
      admin.createTopics(List.of(
          new NewTopic(prefix + Topics.RAW, 1, (short) 1).configs(rawConfigs),
          new NewTopic(prefix + Topics.DEAD_LETTER, 1, (short) 1)
              .configs(TopicAdmin.configs(Topics.DEAD_LETTER)))).all().get();
    }
  }

  /**
   * Asserts that {@code prefix}news.deadletter holds one record: the dead letter of the item
   * "A title" + {@code body}, with the broker's reason for refusing it. @return that record
   */
  private static ConsumerRecord<byte[], byte[]> assertOneRefusedItemDeadLettered(String prefix, String body) {
    List<ConsumerRecord<byte[], byte[]>> letters = BrokerTopics.readAll(prefix + Topics.DEAD_LETTER);
    assertEquals(1, letters.size());
    DeadLetter letter = deadLetter(prefix, letters.get(0));
    byte[] value = bytes(letter.getValue());
    NewsItem item = newsItem(prefix, value);
    assertEquals(List.of("A title", body), List.of(item.getTitle(), item.getBody()));
    assertEquals("could not write the item to " + prefix + "news.raw (" + value.length + " bytes encoded):"
        + " The request included a message larger than the max message size the server will accept.",
        letter.getReason());
    return letters.get(0);
  }

  private static Topics topics(String prefix) {
    return new Topics(new HttpSchemaRegistryClient(LocalStackExtension.schemaRegistryUrl()), prefix);
  }

  private static DeadLetter deadLetter(String prefix, ConsumerRecord<byte[], byte[]> record) {
    return topics(prefix).deadLetter().valueSerde().deserializer()
        .deserialize(prefix + Topics.DEAD_LETTER, record.value());
  }

  private static NewsItem newsItem(String prefix, byte[] value) {
    return topics(prefix).raw().valueSerde().deserializer().deserialize(prefix + Topics.RAW, value);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  /** Runs {@code ingest --no-progress} of {@code path} on the shared stack. @return its stderr */
  private static String ingest(String prefix, Path path, int expectedExitCode, String... options) {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));
    List<String> args = new ArrayList<>(List.of("ingest", "--no-progress", "--topic-prefix", prefix,
        "--bootstrap-servers", LocalStackExtension.bootstrapServers(),
        "--schema-registry-url", LocalStackExtension.schemaRegistryUrl()));
    args.addAll(List.of(options));
    args.add(path.toString());
    int code = cli.execute(args.toArray(String[]::new));
    assertEquals(expectedExitCode, code, err.toString());
    return err.toString();
  }
}

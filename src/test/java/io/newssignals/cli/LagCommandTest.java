package io.newssignals.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newssignals.testing.LagFixture;
import io.newssignals.testing.LocalStackExtension;
import io.newssignals.topology.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lag} on the real broker: the application's group from --config, another from --group. */
@ExtendWith(LocalStackExtension.class)
class LagCommandTest {

  private static final String TOPIC = "lag-command-test";
  private static final String APP = "lag-command-test-app";
  private static final String OTHER = "lag-command-test-other";

  private static Instant base;

  @BeforeAll
  static void backlog() throws Exception {
    // Two hours ago: every age reads "N h M min" in the table.
    base = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    // 5 and 3 records; the application processed 2 and 3 of them, the other group 5 and 0.
    LagFixture.create(LocalStackExtension.bootstrapServers(), TOPIC, base, new int[] {5, 3}, APP,
        new int[] {2, 3});
    LagFixture.create(LocalStackExtension.bootstrapServers(), TOPIC + "-other", base,
        new int[] {5, 3}, OTHER, new int[] {5, 0});
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run lag(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 3];
    all[0] = "lag";
    all[1] = "--bootstrap-servers";
    all[2] = LocalStackExtension.bootstrapServers();
    System.arraycopy(args, 0, all, 3, args.length);
    int code = cli.execute(all);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void jsonHasEveryPartitionAndTheTotalsOfEachGroup(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("app.properties"), "application.id=" + APP + "\n");
    long before = Instant.now().toEpochMilli();

    Run run = lag("--config", config.toString(), "--group", OTHER, "--format", "json");

    long after = Instant.now().toEpochMilli();
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals(1, lines.size(), run.out());
    JsonNode groups = new ObjectMapper().readTree(lines.get(0)).get("groups");
    assertEquals(2, groups.size());

    JsonNode app = groups.get(0);
    assertEquals(APP, app.get("group").asText());
    JsonNode parts = app.get("partitions");
    assertPartition(parts.get(0), TOPIC, 0, 2, 5, 3);
    assertPartition(parts.get(1), TOPIC, 1, 3, 3, 0);
    assertAge(parts.get(0), LagFixture.timestamp(base, 0, 2), before, after);
    assertEquals(0, parts.get(1).get("lagMs").asLong());
    // The application's group also gets news.raw once another test has created that topic; it
    // has committed nothing there.
    long lag = 3;
    long lagMs = parts.get(0).get("lagMs").asLong();
    for (int i = 2; i < parts.size(); i++) {
      assertEquals(Topics.RAW, parts.get(i).get("topic").asText());
      assertEquals(-1, parts.get(i).get("committedOffset").asLong());
      lag += parts.get(i).get("lag").asLong();
      lagMs = Math.max(lagMs, parts.get(i).get("lagMs").asLong());
    }
    assertEquals(lag, app.get("lag").asLong());
    assertEquals(lagMs, app.get("lagMs").asLong());

    JsonNode other = groups.get(1);
    assertEquals(OTHER, other.get("group").asText());
    assertEquals(3, other.get("lag").asLong());
    assertPartition(other.get("partitions").get(0), TOPIC + "-other", 0, 5, 5, 0);
    assertPartition(other.get("partitions").get(1), TOPIC + "-other", 1, -1, 3, 3);
    assertAge(other.get("partitions").get(1), LagFixture.timestamp(base, 1, 0), before, after);
  }

  @Test
  void tableHasOneRowPerPartitionAndATotalPerGroup() {
    Run run = lag("--group", OTHER, "--topic", TOPIC + "-other", "--format", "table");

    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.out().lines().toList();
    // The report time, the header, then news-signals (nothing committed on this topic), OTHER.
    assertEquals(8, lines.size(), run.out());
    assertTrue(lines.get(1).matches(
        "GROUP +TOPIC +PARTITION +COMMITTED +END +LAG +LAG-TIME"), lines.get(1));
    assertTrue(lines.get(2).matches("news-signals +" + TOPIC + "-other +0 +- +5 +5 +\\d+ h \\d+ min"),
        lines.get(2));
    assertTrue(lines.get(4).matches("news-signals +TOTAL +8 +\\d+ h \\d+ min"), lines.get(4));
    assertTrue(lines.get(5).matches(OTHER + " +" + TOPIC + "-other +0 +5 +5 +0 +0 s"),
        lines.get(5));
    assertTrue(lines.get(6).matches(OTHER + " +" + TOPIC + "-other +1 +- +3 +3 +\\d+ h \\d+ min"),
        lines.get(6));
    assertTrue(lines.get(7).matches(OTHER + " +TOTAL +3 +\\d+ h \\d+ min"), lines.get(7));
  }

  @Test
  void durationsReadAsSecondsMinutesAndHours() {
    assertEquals("0 s", LagCommand.duration(0));
    assertEquals("4.2 s", LagCommand.duration(4_200));
    assertEquals("3 min 5 s", LagCommand.duration(185_000));
    assertEquals("2 h 3 min", LagCommand.duration(7_380_000));
    assertEquals("?", LagCommand.duration(-1));
  }

  private static void assertPartition(
      JsonNode p, String topic, int partition, long committed, long end, long lag) {
    assertEquals(topic, p.get("topic").asText());
    assertEquals(partition, p.get("partition").asInt());
    assertEquals(committed, p.get("committedOffset").asLong());
    assertEquals(end, p.get("endOffset").asLong());
    assertEquals(lag, p.get("lag").asLong());
  }

  /** The age is measured at some instant between {@code before} and {@code after}. */
  private static void assertAge(JsonNode p, Instant recordTime, long before, long after) {
    long age = p.get("lagMs").asLong();
    assertTrue(age >= before - recordTime.toEpochMilli() && age <= after - recordTime.toEpochMilli(),
        "lagMs " + age);
  }
}

package io.newssignals.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newssignals.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ingest}, {@code feeds}, {@code tail}, {@code lag} and {@code alerts} without a broker. */
class UnreachableBrokerTest {

  @TempDir Path dir;

  private final CliRun cli = new CliRun();

  /** @return a loopback port that nothing listens on: bound by the system, then released */

  @Test
  void anUnreachableBrokerFailsOnceWithinTheTimeoutAndCountsWhatWasNotSent() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "Nvidia expands\nNew campus in Taipei.");
    Files.writeString(dir.resolve("b.jsonl"), "{\"id\":\"b1\",\"title\":\"one\"}\n{not json\n");
    Files.writeString(dir.resolve("README.md"), "not news");
    String broker = "127.0.0.1:" + CliRun.closedPort();

    long start = System.nanoTime();
    int code = cli.execute("ingest", "--no-progress", "--connect-timeout", "2",
        "--bootstrap-servers", broker, "--schema-registry-url", "http://" + broker, dir.toString());
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(ExitCodes.FAILURE, code, cli.err());
    assertEquals(List.of(
            "error: Kafka at " + broker + " did not answer within 2 s; 3 items not sent",
            "ingest: read=3 published=0 rejected=0 duplicates=0 skipped=1 failed=3"),
        cli.err().lines().toList());
    // One bounded wait of 2 s, not 60 s per item; the rest is the admin client's start and close.
    assertTrue(millis < 15_000, millis + " ms");
  }

  @Test
  void feedsAgainstAnUnreachableBrokerFailsBeforePolling() throws Exception {
    Path sources = dir.resolve("sources.yaml");
    Files.writeString(sources, "feeds:\n  - name: a\n    url: http://127.0.0.1:9/feed\n");
    String broker = "127.0.0.1:" + CliRun.closedPort();

    int code = cli.execute("feeds", "--once", "--connect-timeout", "2", "--state", dir.resolve("state.json").toString(),
        "--bootstrap-servers", broker, "--schema-registry-url", "http://" + broker, sources.toString());

    assertEquals(ExitCodes.FAILURE, code, cli.err());
    assertEquals(List.of("error: Kafka at " + broker + " did not answer within 2 s; no feed polled"),
        cli.err().lines().toList());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tail signals.funding", "lag", "alerts"})
  void readingCommandsAgainstAnUnreachableBrokerFailBeforeMakingConsumers(String command)
      throws Exception {
    String broker = "127.0.0.1:" + CliRun.closedPort();
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.addAll(List.of("--connect-timeout", "2", "--bootstrap-servers", broker,
        "--schema-registry-url", "http://" + broker));

    long start = System.nanoTime();
    int code = cli.execute(args.toArray(String[]::new));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(ExitCodes.FAILURE, code, cli.err());
    assertEquals(List.of("error: Kafka at " + broker + " did not answer within 2 s"),
        cli.err().lines().toList());
    // Not the minute of a consumer's retries.
    assertTrue(millis < 15_000, millis + " ms");
  }
}

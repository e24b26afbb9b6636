package io.newssignals.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newssignals.bench.BenchReport;
import io.newssignals.testing.CliRun;
import io.newssignals.testing.LocalStackExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of {@code bench} on a tiny input against the shared broker: it runs and reports every
 * figure. The figures themselves are not checked; benchmarks do not pass or fail the build.
 */
@ExtendWith(LocalStackExtension.class)
class BenchCommandTest {

  @TempDir Path dir;

  @Test
  void aTinyRunPrintsEveryRowAndWritesTheJson() throws Exception {
    CliRun cli = new CliRun();
    Path json = dir.resolve("bench.json");
    List<Path> stateFoldersBefore = benchStateFolders();

    int code = cli.execute("bench", "--items", "12", "--warm-up", "1", "--latency-items", "6", "--rate", "20",
        "--size", "800", "--json", json.toString(),
        "--bootstrap-servers", LocalStackExtension.bootstrapServers(),
        "--schema-registry-url", LocalStackExtension.schemaRegistryUrl());

    assertEquals(ExitCodes.OK, code, cli.err());
    List<String> lines = cli.out().lines().toList();
    assertEquals(1 + BenchReport.ROWS.size(), lines.size(), cli.out());
    assertEquals(true, lines.get(0).startsWith("figure "), lines.get(0));
    for (int i = 0; i < BenchReport.ROWS.size(); i++) {
      assertEquals(true, lines.get(i + 1).startsWith(BenchReport.ROWS.get(i) + "  "), lines.get(i + 1));
    }
    // Every topic of the run is gone, Kafka Streams' internal ones (changelogs, repartition) too.
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        LocalStackExtension.bootstrapServers()))) {
      assertEquals(List.of(), admin.listTopics().names().get().stream()
          .filter(name -> name.startsWith("bench-")).sorted().toList());
    }
    // So are the state stores of its Streams stages.
    List<Path> leftBehind = new ArrayList<>(benchStateFolders());
    leftBehind.removeAll(stateFoldersBefore);
    assertEquals(List.of(), leftBehind);
    JsonNode figures = new ObjectMapper().readTree(json.toFile());
    assertEquals(12, figures.get("items").asInt());
    assertEquals(6, figures.get("latencyItems").asInt());
    // Up to 5 s at the rate (here 100 items), but no more than the items measured.
    assertEquals(6, figures.get("latencyWarmUpItems").asInt());
    assertEquals(0, figures.get("latencyLost").asInt());
    // The default of one stream thread, with its four ratios from Kafka Streams' metrics.
    JsonNode threads = figures.get("fullThreads");
    assertEquals(1, threads.size(), threads.toString());
    for (String ratio : List.of("process", "punctuate", "poll", "commit")) {
      double share = threads.get(0).get(ratio).asDouble();
      assertEquals(true, share >= 0 && share <= 1, ratio + ": " + share);
    }
    for (String stage : List.of("ceiling", "identity", "full")) {
      JsonNode figure = figures.get(stage);
      assertEquals(true, figure.get("itemsPerSecond").asDouble() > 0, stage);
      // Whole rounds of --items: at least one (a round starts whenever less than a second has
      // passed), then the bridge round.
      int warmUpItems = figure.get("warmUpItems").asInt();
      assertEquals(List.of(true, 0), List.of(warmUpItems >= 24, warmUpItems % 12), stage + ": " + warmUpItems);
    }
  }

  /**
   * The folders of bench runs' Kafka Streams state, sorted: a run's own folders, and any of a
   * bench application id in the pipeline's default state folder.
   */
  private static List<Path> benchStateFolders() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> folders = new ArrayList<>(listed(tmp, "news-signals-bench-"));
    folders.addAll(listed(tmp.resolve("news-signals-streams"), "bench-"));
    return folders;
  }

  private static List<Path> listed(Path folder, String prefix) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> all = Files.list(folder)) {
      return all.filter(path -> path.getFileName().toString().startsWith(prefix)).sorted().toList();
    }
  }

  @Test
  void onTheLocalDefaultTheBrokerRunsInItsOwnJvmAndItsMemoryIsReportedApart() throws Exception {
    CliRun cli = new CliRun();
    Path json = dir.resolve("local.json");

    int code = cli.execute("bench", "--items", "4", "--warm-up", "0", "--latency-items", "3", "--rate", "10",
        "--size", "600", "--json", json.toString());

    assertEquals(ExitCodes.OK, code, cli.err());
    JsonNode figures = new ObjectMapper().readTree(json.toFile());
    assertEquals(List.of(true, true), List.of(figures.get("peakResidentMb").asDouble() > 0,
        figures.get("brokerResidentMb").asDouble() > 0), figures.toString());
    assertEquals(true, cli.out().contains("VmHWM of this JVM; the broker's own JVM: "), cli.out());
  }

  @Test
  void theHelpFormatsEveryDescriptionWithoutAWarning() {
    // picocli reads descriptions as format strings, and warns on System.err when one is not.
    PrintStream systemErr = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    CliRun cli = new CliRun();
    int code;
    try {
      System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
      code = cli.execute("bench", "--help");
    } finally {
      System.setErr(systemErr);
    }
    assertEquals(ExitCodes.OK, code);
    assertEquals("", warnings.toString(StandardCharsets.UTF_8));
    assertEquals(true, cli.out().replaceAll("\\s+", " ").contains("less than 10% of the time"), cli.out());
  }
}

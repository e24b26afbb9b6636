package io.newssignals.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newssignals.bench.BenchReport;
import io.newssignals.testing.LocalStackExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Smoke test of {@code bench} on a tiny input against the shared broker: it runs and reports every
 * figure. The figures themselves are not checked; benchmarks do not pass or fail the build.
 */
@ExtendWith(LocalStackExtension.class)
class BenchCommandTest {

  @TempDir Path dir;

  @Test
  void aTinyRunPrintsEveryRowAndWritesTheJson() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    Path json = dir.resolve("bench.json");

    int code = cli.execute("bench", "--items", "12", "--warm-up", "1", "--latency-items", "6", "--rate", "20",
        "--size", "800", "--json", json.toString(),
        "--bootstrap-servers", LocalStackExtension.bootstrapServers(),
        "--schema-registry-url", LocalStackExtension.schemaRegistryUrl());

    assertEquals(ExitCodes.OK, code, err.toString());
    List<String> lines = out.toString().lines().toList();
    assertEquals(1 + BenchReport.ROWS.size(), lines.size(), out.toString());
    assertEquals(true, lines.get(0).startsWith("figure "), lines.get(0));
    for (int i = 0; i < BenchReport.ROWS.size(); i++) {
      assertEquals(true, lines.get(i + 1).startsWith(BenchReport.ROWS.get(i) + "  "), lines.get(i + 1));
    }
    JsonNode figures = new ObjectMapper().readTree(json.toFile());
    assertEquals(12, figures.get("items").asInt());
    assertEquals(6, figures.get("latencyItems").asInt());
    assertEquals(0, figures.get("latencyLost").asInt());
    for (String stage : List.of("ceiling", "identity", "full")) {
      JsonNode figure = figures.get(stage);
      assertEquals(true, figure.get("itemsPerSecond").asDouble() > 0, stage);
      // Whole rounds of --items, at least one: a round starts whenever less than a second has passed.
      int warmUpItems = figure.get("warmUpItems").asInt();
      assertEquals(List.of(true, 0), List.of(warmUpItems >= 12, warmUpItems % 12), stage + ": " + warmUpItems);
    }
  }
}

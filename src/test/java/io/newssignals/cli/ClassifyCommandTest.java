package io.newssignals.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newssignals.testing.CliRun;
import io.newssignals.testing.ProjectFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final CliRun cli = new CliRun();

  private static String seedBody() throws Exception {
    Path seed = ProjectFiles.sharedSeed()
        .orElse(ProjectFiles.samplesDir().resolve("mistral-es-facts.txt"));
    return Files.readString(seed, StandardCharsets.UTF_8);
  }

  @Test
  void theSeedGivesFundingHiringAndExpansion() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Path out = dir.resolve("out.jsonl");
    Files.writeString(in, JSON.createObjectNode().put("id", "seed").put("title", "")
        .put("body", seedBody()).toString() + "\n");

    int code = cli.execute("classify", "--input", in.toString(), "--output", out.toString());

    assertEquals(ExitCodes.OK, code, cli.err());
    List<JsonNode> signals = new ArrayList<>();
    for (String line : Files.readAllLines(out)) {
      signals.add(JSON.readTree(line));
    }
    assertEquals(List.of("FUNDING", "HIRING", "EXPANSION"),
        signals.stream().map(s -> s.get("type").asText()).toList());
    for (JsonNode s : signals) {
      assertEquals("seed", s.get("itemId").asText());
      assertEquals("Mistral", s.get("company").asText());
      assertEquals("mistral", s.get("companyId").asText());
    }
    JsonNode valuation = signals.get(0).get("valuation");
    assertEquals(6_000_000_000L, valuation.get("value").asLong());
    assertEquals("EUR", valuation.get("currency").asText());
    assertEquals(true, signals.get(0).get("amount").isNull());
    List<String> places = new ArrayList<>();
    signals.get(2).get("locations").forEach(l -> places.add(l.get("name").asText()));
    assertEquals(true, places.containsAll(List.of("Palo Alto", "California")), places.toString());
  }

  @Test
  void aMalformedLineIsReportedWithItsNumberAndSkipped() throws Exception {
    Path in = dir.resolve("mixed.jsonl");
    Path out = dir.resolve("out.jsonl");
    Files.writeString(in, String.join("\n",
        "{\"id\":\"a\",\"title\":\"Acme raises $5 million in seed round\",\"body\":\"Acme raised $5 million.\"}",
        "{not json",
        "[1,2]",
        "") );

    int code = cli.execute("classify", "--input", in.toString(), "--output", out.toString());

    assertEquals(ExitCodes.REJECTED_INPUT, code);
    String[] errors = cli.err().split("\\R");
    assertEquals(2, errors.length, cli.err());
    assertEquals(true, errors[0].startsWith(in + ":2: invalid JSON"), errors[0]);
    assertEquals(in + ":3: not a JSON object: got array", errors[1]);
    assertEquals(1, Files.readAllLines(out).size());
  }

  @Test
  void aFourHundredDigitAmountIsLeftOutAndTheRestOfTheSignalKept() throws Exception {
    String digits = "9".repeat(400);
    Path in = dir.resolve("huge.jsonl");
    Path out = dir.resolve("out.jsonl");
    // With its language given: 400 digits leave language detection too little text to decide.
    Files.writeString(in, JSON.createObjectNode().put("id", "huge").put("language", "en")
        .put("title", "Acme raises $" + digits + " million")
        .put("body", "Acme, an AI startup, raised $" + digits + " million in a Series A led by Sequoia.")
        .toString() + "\n");

    int code = cli.execute("classify", "--input", in.toString(), "--output", out.toString());

    assertEquals(ExitCodes.OK, code, cli.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals(1, lines.size());
    JsonNode signal = JSON.readTree(lines.get(0));
    assertEquals("FUNDING", signal.get("type").asText());
    assertEquals(true, signal.get("amount").isNull(), signal.toString());
    assertEquals(true, signal.get("valuation").isNull(), signal.toString());
    assertEquals("series-a", signal.get("round").asText());
    assertEquals("[\"Sequoia\"]", signal.get("investors").toString());
  }

  /** @return one item that gives one signal */
  private Path oneFundingItem() throws Exception {
    Path in = dir.resolve("one.jsonl");
    Files.writeString(in, "{\"id\":\"a\",\"title\":\"Acme raises $5 million in seed round\","
        + "\"body\":\"Acme raised $5 million.\"}\n");
    return in;
  }

  @Test
  void aStdoutThatCannotBeWrittenIsAFailure() throws Exception {
    Path in = oneFundingItem();
    PrintStream stdout = System.out;
    // Every write fails, as on a full disk or a closed pipe; PrintStream hides that unless asked.
    System.setOut(new PrintStream(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }
    }));
    int code;
    try {
      code = cli.execute("classify", "--input", in.toString());
    } finally {
      System.setOut(stdout);
    }

    assertEquals(ExitCodes.FAILURE, code, cli.err());
    assertEquals(List.of("error: cannot write signals to stdout"), cli.err().lines().toList());
  }

  @Test
  void anOutputFileThatCannotBeWrittenIsAFailure() throws Exception {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.exists(full), "no /dev/full here");

    int code = cli.execute("classify", "--input", oneFundingItem().toString(), "--output", full.toString());

    assertEquals(ExitCodes.FAILURE, code, cli.err());
    assertEquals(List.of("error: cannot write signals to /dev/full"), cli.err().lines().toList());
  }

  @Test
  void anOutputThatIsTheInputIsRefusedAndTheInputKept() throws Exception {
    Path in = oneFundingItem();
    String before = Files.readString(in);
    // Another spelling of the same path.
    String sameAgain = dir.resolve(".").resolve(in.getFileName()).toString();

    int code = cli.execute("classify", "--input", in.toString(), "--output", sameAgain);

    assertEquals(ExitCodes.USAGE, code, cli.err());
    assertEquals(List.of("error: --output is the same file as --input: " + sameAgain),
        cli.err().lines().toList());
    assertEquals(before, Files.readString(in));
  }

  @Test
  void commandsThatNeedAClusterSaySoWhenNoneIsGiven() {
    int code = cli.execute("ingest", "samples");

    assertEquals(ExitCodes.FAILURE, code);
    assertEquals(
        "error: No schema registry given: use --schema-registry-url or NEWS_SIGNALS_SCHEMA_REGISTRY_URL",
        cli.err().strip());
  }

  @Test
  void aBadCommandLineExitsWithTheUsageCode() {
    assertEquals(ExitCodes.USAGE, cli.execute("bogus"));
    assertEquals(ExitCodes.USAGE, cli.execute("demo", "--timeout=abc"));
  }

  @Test
  void aMissingInputFileIsNamedAsMissing() {
    Path missing = dir.resolve("missing.jsonl");

    int code = cli.execute("classify", "--input", missing.toString(), "--output", dir.resolve("o").toString());

    assertEquals(ExitCodes.FAILURE, code);
    assertEquals("error: no such file: " + missing, cli.err().strip());
  }

  @Test
  void demoRefusesAMissingInput() {
    int code = cli.execute("demo", "--input", dir.resolve("nothing-here").toString());

    assertEquals(ExitCodes.FAILURE, code);
    assertEquals("error: No input at " + dir.resolve("nothing-here")
        + ": give an existing file or folder with --input (the default, samples, is in the project folder)",
        cli.err().strip());
  }
}

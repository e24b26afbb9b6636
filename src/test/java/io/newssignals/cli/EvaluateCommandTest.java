package io.newssignals.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code evaluate} on corpora that hold nothing to score, or cannot be read to an end. */
class EvaluateCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private void assertFails(String message, int code) {
    assertEquals(ExitCodes.FAILURE, code, err.toString());
    assertEquals(List.of(message), err.toString().lines().toList());
    assertEquals("", out.toString());
  }

  @Test
  void anEmptyFolderHasNothingToScore() {
    assertFails("error: no labelled items in " + dir, run("evaluate", "--corpus", dir.toString()));
  }

  @Test
  void aFileOfBlankLinesAndCommentsHasNothingToScore() throws IOException {
    Path corpus = Files.writeString(dir.resolve("empty.jsonl"), "\n// nothing yet\n");

    assertFails("error: no labelled items in " + corpus, run("evaluate", "--corpus", corpus.toString()));
  }

  @Test
  void aSplitWithoutItemsHasNothingToScore() throws IOException {
    Path corpus = Files.writeString(dir.resolve("dev.jsonl"), "{\"id\": \"en-1\", \"split\": \"dev\","
        + " \"language\": \"en\", \"kind\": \"negative\", \"title\": \"Weather\", \"body\": \"Rain.\","
        + " \"expected\": []}\n");

    assertFails("error: no test items in " + corpus,
        run("evaluate", "--corpus", corpus.toString(), "--split", "test"));
  }

  @Test
  void aMissingCorpusIsNamedAsMissing() {
    Path missing = dir.resolve("missing.jsonl");

    assertFails("error: no such file: " + missing, run("evaluate", "--corpus", missing.toString()));
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aFifoIsRefusedRatherThanReadForever() throws Exception {
    Path fifo = dir.resolve("corpus.jsonl");
    int made;
    try {
      made = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
    } catch (IOException noMkfifo) {
      made = -1;
    }
    assumeTrue(made == 0, "mkfifo is not available");

    assertFails("error: not a file or folder: " + fifo, run("evaluate", "--corpus", fifo.toString()));
    // In a folder, the FIFO is passed over: the folder then holds no items.
    err.getBuffer().setLength(0);
    assertFails("error: no labelled items in " + dir, run("evaluate", "--corpus", dir.toString()));
  }
}

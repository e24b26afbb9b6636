package io.newssignals.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newssignals.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate} on corpora that hold nothing to score, or cannot be read to an end. */
class EvaluateCommandTest {

  @TempDir Path dir;

  private final CliRun cli = new CliRun();

  private void assertFails(String message, int code) {
    assertEquals(ExitCodes.FAILURE, code, cli.err());
    assertEquals(List.of(message), cli.err().lines().toList());
    assertEquals("", cli.out());
  }

  @Test
  void anEmptyFolderHasNothingToScore() {
    assertFails("error: no labelled items in " + dir, cli.execute("evaluate", "--corpus", dir.toString()));
  }

  @Test
  void aFileOfBlankLinesAndCommentsHasNothingToScore() throws IOException {
    Path corpus = Files.writeString(dir.resolve("empty.jsonl"), "\n// nothing yet\n");

    assertFails("error: no labelled items in " + corpus, cli.execute("evaluate", "--corpus", corpus.toString()));
  }

  @Test
  void aSplitWithoutItemsHasNothingToScore() throws IOException {
    Path corpus = Files.writeString(dir.resolve("dev.jsonl"), "{\"id\": \"en-1\", \"split\": \"dev\","
        + " \"language\": \"en\", \"kind\": \"negative\", \"title\": \"Weather\", \"body\": \"Rain.\","
        + " \"expected\": []}\n");

    assertFails("error: no test items in " + corpus,
        cli.execute("evaluate", "--corpus", corpus.toString(), "--split", "test"));
  }

  @Test
  void aMissingCorpusIsNamedAsMissing() {
    Path missing = dir.resolve("missing.jsonl");

    assertFails("error: no such file: " + missing, cli.execute("evaluate", "--corpus", missing.toString()));
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

    assertFails("error: not a file or folder: " + fifo, cli.execute("evaluate", "--corpus", fifo.toString()));
    // In a folder, the FIFO is passed over: the folder then holds no items.
    cli.clear();
    assertFails("error: no labelled items in " + dir, cli.execute("evaluate", "--corpus", dir.toString()));
  }
}

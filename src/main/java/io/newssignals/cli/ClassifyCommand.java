package io.newssignals.cli;

import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.extract.LexiconSignalExtractor;
import io.newssignals.extract.SignalExtractor;
import io.newssignals.ingest.NewsFiles;
import io.newssignals.ingest.Rejection;
import io.newssignals.output.SignalJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code classify}: the extractor alone, no Kafka. JSON Lines in (one news item a line), JSON Lines
 * out (one signal a line, see {@link SignalJson}).
 *
 * <p>Lines are read by {@link NewsFiles}, as {@code ingest} reads a {@code .jsonl} file, so both
 * commands accept and reject the same lines with the same reasons (bad JSON, invalid UTF-8, over
 * the size limit...).
 */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = {
      "Extract signals from JSON Lines news items, without Kafka.",
      "Input lines: {\"id\",\"title\",\"body\",\"url\"?,\"source\"?,\"publishedAt\"?,\"language\"?}.",
      "A malformed line is reported on stderr with its number and skipped; exit code 3 if any was."
    })
public final class ClassifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--input", defaultValue = "-", description = "JSON Lines file, or - for stdin (default).")
  String input;

  @Option(names = "--output", defaultValue = "-", description = "Where to write signals, or - for stdout (default).")
  String output;

  @Override
  public Integer call() throws IOException {
    Clock clock = Clock.systemUTC();
    SignalExtractor extractor = new LexiconSignalExtractor(clock);
    int[] bad = {0};
    boolean toStdout = "-".equals(output);
    if (!toStdout && !"-".equals(input) && sameFile(Path.of(input), Path.of(output))) {
      // Opening the output truncates it, and with it the input not yet read.
      spec.commandLine().getErr().println("error: --output is the same file as --input: " + output);
      return ExitCodes.USAGE;
    }
    try (InputStream in = "-".equals(input) ? System.in : Files.newInputStream(Path.of(input));
        PrintWriter out = new PrintWriter(toStdout
            ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
            : Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8))) {
      new NewsFiles(clock).read(in, input, NewsFiles.Format.JSON_LINES, new NewsFiles.Sink() {
        @Override
        public void accepted(String origin, NewsItem item) {
          for (Signal signal : extractor.extract(item)) {
            out.println(SignalJson.toLine(signal));
          }
        }

        @Override
        public void rejected(Rejection rejection) {
          spec.commandLine().getErr().println(rejection.origin() + ": " + rejection.reason());
          bad[0]++;
        }

        @Override
        public void skipped(Path file, String reason) {
          // A stream has no files to skip.
        }
      });
      // PrintWriter and System.out's PrintStream keep write errors to themselves; a full disk or a
      // closed pipe must not pass for success. checkError() flushes first.
      if (out.checkError() || toStdout && System.out.checkError()) {
        spec.commandLine().getErr().println(
            "error: cannot write signals to " + (toStdout ? "stdout" : output));
        return ExitCodes.FAILURE;
      }
    }
    return bad[0] == 0 ? ExitCodes.OK : ExitCodes.REJECTED_INPUT;
  }

  /** Links and different spellings of one path count as the same file. */
  private static boolean sameFile(Path a, Path b) throws IOException {
    return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
  }
}

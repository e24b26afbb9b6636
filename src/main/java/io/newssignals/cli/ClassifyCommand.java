package io.newssignals.cli;

import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.extract.LexiconSignalExtractor;
import io.newssignals.extract.SignalExtractor;
import io.newssignals.ingest.NewsItemJson;
import io.newssignals.output.SignalJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
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
    NewsItemJson parser = new NewsItemJson(clock);
    SignalExtractor extractor = new LexiconSignalExtractor(clock);
    int bad = 0;
    try (BufferedReader in = open(input);
        PrintWriter out = new PrintWriter(create(output))) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        NewsItem item;
        try {
          item = parser.parse(line);
        } catch (IllegalArgumentException e) {
          spec.commandLine().getErr().println(input + ":" + number + ": " + e.getMessage());
          bad++;
          continue;
        }
        for (Signal signal : extractor.extract(item)) {
          out.println(SignalJson.toLine(signal));
        }
      }
    }
    return bad == 0 ? ExitCodes.OK : ExitCodes.REJECTED_INPUT;
  }

  private static BufferedReader open(String path) throws IOException {
    return "-".equals(path)
        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
        : Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8);
  }

  private Writer create(String path) throws IOException {
    return "-".equals(path)
        ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
        : Files.newBufferedWriter(Path.of(path), StandardCharsets.UTF_8);
  }
}

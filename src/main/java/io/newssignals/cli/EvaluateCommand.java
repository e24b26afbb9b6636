package io.newssignals.cli;

import io.newssignals.evaluation.Corpus;
import io.newssignals.evaluation.CorpusItem;
import io.newssignals.evaluation.EvaluationReport;
import io.newssignals.evaluation.Evaluator;
import io.newssignals.extract.LexiconSignalExtractor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate}: scores the extractor on a labelled corpus (see {@link Corpus} for the format)
 * and prints precision, recall and F1 per language and signal type, the exact-match rates of
 * amounts, valuations, companies and locations, and every miss.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Score the extractor on a labelled JSON Lines corpus, without Kafka.",
      "Prints P/R/F1 per language and signal type, macro F1 per language, exact-match rates and the misses."
    })
public final class EvaluateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--corpus", required = true, description = "Corpus file, or a directory of *.jsonl files.")
  Path corpus;

  @Option(names = "--split", defaultValue = "all", description = "dev, test or all (default: ${DEFAULT-VALUE}).")
  String split;

  @Override
  public Integer call() {
    if (!List.of("dev", "test", "all").contains(split)) {
      spec.commandLine().getErr().println("--split must be dev, test or all: " + split);
      return ExitCodes.USAGE;
    }
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(corpus) && !Files.isDirectory(corpus)) {
      // A FIFO or a device would be read until it ends, which may be never.
      err.println("error: " + (Files.exists(corpus) ? "not a file or folder: " : "no such file: ") + corpus);
      return ExitCodes.FAILURE;
    }
    List<CorpusItem> all = Corpus.read(corpus);
    List<CorpusItem> items = all.stream()
        .filter(i -> split.equals("all") || i.split().equals(split))
        .toList();
    // Scores of nothing read 1.000 (0 of 0) and would pass for a perfect extractor.
    if (all.isEmpty()) {
      err.println("error: no labelled items in " + corpus);
      return ExitCodes.FAILURE;
    }
    if (items.isEmpty()) {
      err.println("error: no " + split + " items in " + corpus);
      return ExitCodes.FAILURE;
    }
    EvaluationReport report = new Evaluator(new LexiconSignalExtractor(Clock.systemUTC())).evaluate(items, split);
    spec.commandLine().getOut().print(report.format());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}

package io.newssignals.cli;

import io.newssignals.evaluation.Corpus;
import io.newssignals.evaluation.CorpusItem;
import io.newssignals.evaluation.EvaluationReport;
import io.newssignals.evaluation.Evaluator;
import io.newssignals.extract.LexiconSignalExtractor;
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
    List<CorpusItem> items = Corpus.read(corpus).stream()
        .filter(i -> split.equals("all") || i.split().equals(split))
        .toList();
    EvaluationReport report = new Evaluator(new LexiconSignalExtractor(Clock.systemUTC())).evaluate(items, split);
    spec.commandLine().getOut().print(report.format());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}

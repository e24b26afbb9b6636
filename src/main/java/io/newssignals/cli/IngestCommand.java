package io.newssignals.cli;

import io.newssignals.ingest.IngestSummary;
import io.newssignals.ingest.Ingestor;
import io.newssignals.ingest.NewsFiles;
import io.newssignals.ingest.NewsProducer;
import io.newssignals.serde.HttpSchemaRegistryClient;
import io.newssignals.topology.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ingest PATH...}: publish news files, folders or stdin to {@code news.raw}; rejected input
 * goes to {@code news.deadletter} with its reason.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Publish news files, folders or stdin to news.raw.",
      "Formats: .txt (first line the title), .html/.htm, .jsonl, their .gz variants, folders",
      "(recursive), or - for JSON Lines on stdin. Rejected input is reported and sent to",
      "news.deadletter; exit code 3 if any was."
    })
public final class IngestCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, folders, or - for stdin.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--max-item-bytes",
      defaultValue = "" + NewsFiles.DEFAULT_MAX_ITEM_BYTES,
      description = "Largest item accepted, in bytes (default ${DEFAULT-VALUE}).")
  int maxItemBytes;

  @Override
  public Integer call() {
    Topics topics = new Topics(new HttpSchemaRegistryClient(connection.schemaRegistryUrl()));
    Clock clock = Clock.systemUTC();
    IngestSummary total = IngestSummary.EMPTY;
    try (NewsProducer producer =
        NewsProducer.connect(connection.bootstrapServers(), topics, connection.clientSettingsMap())) {
      Ingestor ingestor = new Ingestor(new NewsFiles(clock, maxItemBytes), producer);
      List<Path> files = new ArrayList<>();
      for (String p : paths) {
        if ("-".equals(p)) {
          total = total.plus(ingestor.ingest(System.in, "stdin", NewsFiles.Format.JSON_LINES));
        } else {
          files.add(Path.of(p));
        }
      }
      if (!files.isEmpty()) {
        total = total.plus(ingestor.ingest(files));
      }
    }
    spec.commandLine().getErr().println("ingest: " + total);
    if (total.failed() > 0) {
      return ExitCodes.FAILURE;
    }
    return total.rejected() > 0 ? ExitCodes.REJECTED_INPUT : ExitCodes.OK;
  }
}

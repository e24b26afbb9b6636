package io.newssignals.cli;

import io.newssignals.avro.NewsItem;
import io.newssignals.ingest.IngestSummary;
import io.newssignals.ingest.Ingestor;
import io.newssignals.ingest.NewsFiles;
import io.newssignals.ingest.NewsProducer;
import io.newssignals.ingest.Rejection;
import io.newssignals.serde.HttpSchemaRegistryClient;
import io.newssignals.topology.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ingest PATH...}: publish news files, folders or stdin to {@code news.raw}; rejected input
 * goes to {@code news.deadletter} with its reason. Prints a progress bar with items/s to stderr
 * while reading (see {@link #progress}) and a summary line at the end.
 *
 * <p>First checks, once, that the cluster answers within {@code --connect-timeout}; if it does not,
 * nothing is sent: the inputs are still read, to report how many items were not sent, and the
 * command fails with exit code 1.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Publish news files, folders or stdin to news.raw.",
      "Formats: .txt (first line the title), .html/.htm, .jsonl, their .gz variants, folders"
          + " (recursive), or - for JSON Lines on stdin. In folders, other files, links to folders"
          + " (not followed), dangling links and FIFOs are skipped, each logged with why; named"
          + " directly, they are rejected.",
      "Rejected input, and an item news.raw refuses (over its max.message.bytes), is reported"
          + " and sent to news.deadletter; exit code 3 if any was. Warns at startup if news.raw or"
          + " news.deadletter is missing or below its max.message.bytes.",
      "Exit code 1 if the cluster does not answer within --connect-timeout (nothing is sent),"
          + " or if a send failed.",
      "Ends with: ingest: read=N published=N rejected=N duplicates=N skipped=N failed=N."
    })
public final class IngestCommand implements Callable<Integer> {

  /** Width of the progress line: fits a standard 80-column terminal, so '\r' can redraw it. */
  static final int PROGRESS_WIDTH = 79;

  /** How often the progress line is redrawn, in ms. */
  static final int PROGRESS_INTERVAL_MS = 250;

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, folders, or - for stdin.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--max-item-bytes",
      defaultValue = "" + NewsFiles.DEFAULT_MAX_ITEM_BYTES,
      description = "Largest item accepted, in bytes (default ${DEFAULT-VALUE}).")
  int maxItemBytes;

  /** Null means: show it when stderr is a terminal. */
  @Option(
      names = "--progress",
      negatable = true,
      description = "Show a progress bar with items/s on stderr (default: when stderr is a terminal).")
  Boolean progress;

  @Option(
      names = "--topic-prefix",
      defaultValue = "",
      description = "Put this before every topic name, e.g. staging. for staging.news.raw.")
  String topicPrefix;

  @Mixin ReachabilityOption reachability;

  @Override
  public Integer call() throws InterruptedException {
    Topics topics =
        new Topics(new HttpSchemaRegistryClient(connection.schemaRegistryUrl()), topicPrefix);
    Clock clock = Clock.systemUTC();
    IngestSummary total = IngestSummary.EMPTY;
    PrintWriter err = spec.commandLine().getErr();
    Optional<String> unreachable = reachability.problem(connection);
    if (unreachable.isPresent()) {
      IngestSummary notSent = countWithoutSending(new NewsFiles(clock, maxItemBytes));
      err.println("error: " + unreachable.get() + "; " + notSent.failed() + " items not sent");
      err.println("ingest: " + notSent);
      return ExitCodes.FAILURE;
    }
    TopicLimitChecks.forIngest(connection, topicPrefix, Duration.ofSeconds(reachability.connectTimeoutSeconds))
        .forEach(warning -> err.println("warning: " + warning));
    try (NewsProducer producer =
            NewsProducer.connect(
                connection.bootstrapServers(), topics, connection.clientSettingsMap());
        ProgressBar bar = showProgress() ? progressBar(err) : null) {
      Runnable step = bar == null ? () -> {} : bar::step;
      Ingestor ingestor = new Ingestor(new NewsFiles(clock, maxItemBytes), producer, step);
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
    if (showProgress()) {
      // The bar redraws its line with '\r'; the summary starts a line of its own.
      err.println();
    }
    err.println("ingest: " + total);
    if (total.failed() > 0) {
      return ExitCodes.FAILURE;
    }
    return total.rejected() > 0 ? ExitCodes.REJECTED_INPUT : ExitCodes.OK;
  }

  /**
   * Reads the inputs as an ingest would, sending nothing.
   *
   * @return every item read counted as failed, so that the summary still adds up
   */
  private IngestSummary countWithoutSending(NewsFiles files) {
    long[] items = {0};
    long[] skipped = {0};
    NewsFiles.Sink counter = new NewsFiles.Sink() {
      @Override
      public void accepted(String origin, NewsItem item) {
        items[0]++;
      }

      @Override
      public void rejected(Rejection rejection) {
        items[0]++;
      }

      @Override
      public void skipped(Path file, String reason) {
        skipped[0]++;
      }
    };
    for (String p : paths) {
      if ("-".equals(p)) {
        files.read(System.in, "stdin", NewsFiles.Format.JSON_LINES, counter);
      } else {
        files.read(Path.of(p), counter);
      }
    }
    return new IngestSummary(items[0], 0, 0, 0, skipped[0], items[0]);
  }

  private boolean showProgress() {
    return progress != null ? progress : Terminals.isStderrTerminal();
  }

  /** An open-ended bar (the number of items in a folder is not known ahead): count and items/s. */
  private static ProgressBar progressBar(PrintWriter err) {
    return new ProgressBarBuilder()
        .setTaskName("ingest")
        .setInitialMax(-1)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" items", 1)
        .showSpeed()
        .setUpdateIntervalMillis(PROGRESS_INTERVAL_MS)
        .setConsumer(
            new DelegatingProgressBarConsumer(
                line -> {
                  err.print('\r' + line);
                  err.flush();
                },
                PROGRESS_WIDTH))
        .build();
  }
}

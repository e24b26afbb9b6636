package io.newssignals.cli;

import io.newssignals.feeds.FeedPoller;
import io.newssignals.feeds.FeedPoller.Poll;
import io.newssignals.feeds.FeedPoller.Status;
import io.newssignals.feeds.FeedReader;
import io.newssignals.feeds.FeedSource;
import io.newssignals.feeds.FeedSources;
import io.newssignals.feeds.FeedState;
import io.newssignals.ingest.NewsFiles;
import io.newssignals.ingest.NewsProducer;
import io.newssignals.serde.HttpSchemaRegistryClient;
import io.newssignals.topology.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code feeds SOURCES}: poll the RSS and Atom feeds of a sources file ({@link FeedSources}) on
 * their schedules and publish each new entry to {@code news.raw} once, until Ctrl-C / SIGTERM, or
 * once with {@code --once}. Prints one line per poll to stderr.
 */
@Command(
    name = "feeds",
    mixinStandardHelpOptions = true,
    description = {
      "Poll the RSS/Atom feeds listed in SOURCES (YAML or JSON) and publish new entries to"
          + " news.raw, until Ctrl-C; remembers what it published in the state file across restarts.",
      "Malformed feeds and entries, and entries news.raw refuses (over its max.message.bytes),"
          + " are reported and sent to news.deadletter. Warns at startup if news.raw or"
          + " news.deadletter is missing or below its max.message.bytes.",
      "If the cluster does not answer within --connect-timeout, exits 1 before polling. With"
          + " --once: exit code 1 if a poll failed, else 3 if an entry was rejected."
    })
public final class FeedsCommand implements Callable<Integer> {

  /** Default state file: {@code ~/.news-signals/feeds-state.json}. */
  static final Path DEFAULT_STATE =
      Path.of(System.getProperty("user.home"), ".news-signals", "feeds-state.json");

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Mixin ReachabilityOption reachability;

  @Parameters(index = "0", paramLabel = "SOURCES", description = "The sources file.")
  Path sourcesFile;

  @Option(names = "--state", description = "State file (default ~/.news-signals/feeds-state.json).")
  Path stateFile = DEFAULT_STATE;

  @Option(names = "--once", description = "Poll every feed once, then exit (for cron and checks).")
  boolean once;

  @Option(
      names = "--max-item-bytes",
      defaultValue = "" + NewsFiles.DEFAULT_MAX_ITEM_BYTES,
      description = "Largest entry accepted, bytes of title and text (default ${DEFAULT-VALUE}).")
  int maxItemBytes;

  @Option(
      names = "--topic-prefix",
      defaultValue = "",
      description = "Put this before every topic name, e.g. staging. for staging.news.raw.")
  String topicPrefix;

  @Override
  public Integer call() throws InterruptedException {
    List<FeedSource> sources = FeedSources.read(sourcesFile);
    Topics topics =
        new Topics(new HttpSchemaRegistryClient(connection.schemaRegistryUrl()), topicPrefix);
    Clock clock = Clock.systemUTC();
    PrintWriter err = spec.commandLine().getErr();
    Optional<String> unreachable = reachability.problem(connection);
    if (unreachable.isPresent()) {
      err.println("error: " + unreachable.get() + "; no feed polled");
      return ExitCodes.FAILURE;
    }
    TopicLimitChecks.forIngest(connection, topicPrefix, Duration.ofSeconds(reachability.connectTimeoutSeconds))
        .forEach(warning -> err.println("warning: " + warning));
    try (NewsProducer producer =
        NewsProducer.connect(connection.bootstrapServers(), topics, connection.clientSettingsMap())) {
      FeedPoller poller = new FeedPoller(sources, FeedState.load(stateFile),
          new FeedReader(clock, maxItemBytes), producer, clock);
      if (once) {
        List<Poll> polls = poller.pollDue();
        polls.forEach(poll -> err.println(line(poll)));
        if (polls.stream().anyMatch(p -> p.status() == Status.FAILED)) {
          return ExitCodes.FAILURE;
        }
        return polls.stream().anyMatch(p -> p.rejected() > 0)
            ? ExitCodes.REJECTED_INPUT : ExitCodes.OK;
      }
      err.println("Polling " + sources.size() + " feeds; state in " + stateFile
          + "; Ctrl-C stops.");
      CountDownLatch done = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        poller.stop();
        // Let the poll in progress finish and the producer close before the JVM exits.
        try {
          done.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "news-signals-feeds-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        poller.run(poll -> err.println(line(poll)));
      } finally {
        done.countDown();
      }
      return ExitCodes.OK;
    }
  }

  /** One line per poll, e.g. {@code feed a: FETCHED entries=4 published=1 rejected=0 seen=3}. */
  static String line(Poll poll) {
    String counts = poll.status() == Status.FAILED
        ? poll.error()
        : "entries=" + poll.entries() + " published=" + poll.published()
            + " rejected=" + poll.rejected() + " seen=" + poll.seen();
    return "feed " + poll.feed() + ": " + poll.status() + " " + counts + "; next poll "
        + poll.nextPoll();
  }
}

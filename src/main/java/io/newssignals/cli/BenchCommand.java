package io.newssignals.cli;

import io.newssignals.bench.Bench;
import io.newssignals.bench.BenchItems;
import io.newssignals.bench.BenchReport;
import io.newssignals.local.LocalStack;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: throughput, latency and memory of the pipeline against the broker's own limits,
 * all in one run on the same generated items. See {@link Bench}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the pipeline against the broker's own limits, all in one run on the same items.",
      "Stages: plain producer and consumer (the broker's ceiling), an identity Kafka Streams",
      "topology under exactly_once_v2, the full pipeline, then end-to-end latency at a fixed rate.",
      "Runs on a local broker and schema registry started for it (each in a JVM of its own, so",
      "that the app's memory and CPU are its own), or on the cluster given by --bootstrap-servers."
    })
public final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--items", defaultValue = "2000",
      description = "Items per throughput stage (default: ${DEFAULT-VALUE}).")
  int items;

  @Option(names = "--warm-up", defaultValue = "60", paramLabel = "SECONDS",
      description = "Warm-up of each throughput stage: rounds of --items fresh items, untimed, until 5 s"
          + " of them leave the JIT compiler busy less than 10%% of the time, as in an application"
          + " that has run for a while; no round starts after this many seconds, but for one last"
          + " bridge round that carries event time to the timed items'; 0 for none"
          + " (default: ${DEFAULT-VALUE}).")
  @PositiveOptions.ZeroAllowed
  long warmUpSeconds;

  @Option(names = "--size", defaultValue = "3072",
      description = "Bytes of title plus body per item (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--rate", defaultValue = "1000",
      description = "Offered rate of the latency stage, items/s (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--latency-items", defaultValue = "3000",
      description = "Items measured in the latency stage, after up to 5 s of as many untimed ones at the"
          + " same rate (default: ${DEFAULT-VALUE}).")
  int latencyItems;

  @Option(names = "--languages", split = ",", defaultValue = "en,es",
      description = "Item languages, in rotation (default: ${DEFAULT-VALUE}).")
  List<String> languages;

  @Option(names = "--language-hints",
      description = "Items carry their language, as most feeds do, so the extractor skips detection.")
  boolean languageHints;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "A Kafka Streams setting over the defaults, for both Streams stages (repeatable);"
          + " client settings too, bare or with Streams' prefixes (producer., consumer., admin.)."
          + " Checked before the run.")
  Map<String, String> streamsOverrides = Map.of();

  @Option(names = "--stage-timeout", defaultValue = "180",
      description = "Seconds a throughput stage may take (default: ${DEFAULT-VALUE}).")
  long stageTimeoutSeconds;

  @Option(names = "--broker-in-this-jvm",
      description = "On the local default, run the broker in this JVM rather than in one of its own:"
          + " the memory rows then count it as the app's, and it shares the app's JIT compiler.")
  boolean brokerInThisJvm;

  @Option(names = "--json", description = "Also write the figures to this file as JSON.")
  Path json;

  @Option(names = "--bootstrap-servers",
      description = "Run on this cluster instead of a local one (needs --schema-registry-url).")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", description = "The registry of --bootstrap-servers.")
  String schemaRegistryUrl;

  /**
   * Most timed and latency items one run may generate: each is built and encoded up front and held
   * in memory (warm-up items are generated a round at a time).
   */
  static final long MAX_ITEMS = 1_000_000;

  /** Refuses, as a usage error before anything starts, what {@link Bench#checkStreamsOverrides} refuses. */
  private void checkStreamsOverrides() {
    try {
      Bench.checkStreamsOverrides(streamsOverrides);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--set': " + e.getMessage());
    }
  }

  @Override
  public Integer call() throws Exception {
    long total = (long) items + Bench.latencyWarmUpItems(rate, latencyItems) + latencyItems;
    if (total > MAX_ITEMS) {
      throw new ParameterException(spec.commandLine(), "--items, --latency-items and the latency stage's"
          + " untimed lead add up to " + total + " items; a run holds them all in memory, so at most " + MAX_ITEMS);
    }
    if ((bootstrapServers == null) != (schemaRegistryUrl == null)) {
      throw new ParameterException(spec.commandLine(),
          "Give both --bootstrap-servers and --schema-registry-url, or neither");
    }
    if (json != null && json.toAbsolutePath().getParent() != null
        && !Files.isDirectory(json.toAbsolutePath().getParent())) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '--json': no folder " + json.toAbsolutePath().getParent());
    }
    for (String language : languages) {
      if (!BenchItems.LANGUAGES.contains(language)) {
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--languages': no bench"
            + " templates for " + language + "; there are " + String.join(", ", BenchItems.LANGUAGES));
      }
    }
    checkStreamsOverrides();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Bench.Options options = new Bench.Options(items, Duration.ofSeconds(warmUpSeconds), size, rate, latencyItems, languages, languageHints,
        streamsOverrides, Duration.ofSeconds(stageTimeoutSeconds));
    BenchReport report;
    if (bootstrapServers != null) {
      report = new Bench(bootstrapServers, schemaRegistryUrl, line -> progress(err, line), OptionalLong.empty())
          .run(options);
    } else {
      err.println("Starting a local Kafka broker (" + (brokerInThisJvm ? "in this JVM" : "in a JVM of its own")
          + ") and schema registry on 127.0.0.1...");
      try (LocalStack stack = (brokerInThisJvm ? new LocalStack() : LocalStack.withBrokerInOwnJvm()).start()) {
        OptionalLong brokerPid = stack.brokerProcess().map(broker -> OptionalLong.of(broker.pid()))
            .orElse(OptionalLong.empty());
        report = new Bench(stack.bootstrapServers(), stack.schemaRegistryUrl(), line -> progress(err, line),
            brokerPid).run(options);
      }
    }
    out.print(report.table());
    out.flush();
    if (json != null) {
      report.writeJson(json);
    }
    return ExitCodes.OK;
  }

  private static void progress(PrintWriter err, String line) {
    err.println(line);
    err.flush();
  }
}

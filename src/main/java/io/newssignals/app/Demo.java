package io.newssignals.app;

import io.newssignals.alerts.AlertReader;
import io.newssignals.alerts.AlertRules;
import io.newssignals.avro.Alert;
import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.Signal;
import io.newssignals.extract.LanguageDetector;
import io.newssignals.extract.LexiconSignalExtractor;
import io.newssignals.extract.TimeBoundedExtractor;
import io.newssignals.ingest.IngestSummary;
import io.newssignals.ingest.Ingestor;
import io.newssignals.ingest.NewsFiles;
import io.newssignals.ingest.NewsProducer;
import io.newssignals.ops.ConsumerGroupLag;
import io.newssignals.ops.PipelineMetrics;
import io.newssignals.serde.HttpSchemaRegistryClient;
import io.newssignals.serde.HttpSchemaRegistryClient.Compatibility;
import io.newssignals.topology.DeadLetters;
import io.newssignals.topology.SignalTopology;
import io.newssignals.topology.StreamsSettings;
import io.newssignals.topology.TopicAdmin;
import io.newssignals.topology.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.LoggerFactory;

/**
 * The demo job: on a running cluster and registry (normally the local default), creates the
 * topics, starts the signal topology, ingests files, and reads back every signal and dead letter
 * until all input has been processed.
 *
 * <p>The alert rules run in the same topology; their alerts are read back too.
 *
 * <p>"All input processed" means the application's consumer group has committed, on every
 * partition of {@code news.raw}, the end offset seen after ingest, and then every signal on the
 * signal topics (which the alert rules read); under exactly-once its output is committed in the
 * same transactions, so reading the output topics to their last stable offset afterwards yields
 * every signal and alert, once.
 */
public final class Demo {

  /** Partitions per topic on the local default: enough to show keying, few enough to start fast. */
  public static final int PARTITIONS = 3;

  /**
   * What a demo run produced.
   *
   * @param ingest counts of the ingest step
   * @param signals every signal read back, in the order read
   * @param deadLetters every dead letter read back (ingest rejections and pipeline failures)
   * @param alerts every alert read back, in the order read
   */
  public record Result(
      IngestSummary ingest, List<Signal> signals, List<DeadLetter> deadLetters, List<Alert> alerts) {}

  private final String bootstrapServers;
  private final String schemaRegistryUrl;
  private final Duration timeout;
  private final AlertRules alertRules;
  private final Monitoring monitoring;

  /** A demo with the default alert rules, {@link AlertRules#DEFAULTS}, recording no metrics. */
  public Demo(String bootstrapServers, String schemaRegistryUrl, Duration timeout) {
    this(bootstrapServers, schemaRegistryUrl, timeout, AlertRules.DEFAULTS, null);
  }

  /**
   * @param bootstrapServers the cluster
   * @param schemaRegistryUrl Confluent-compatible registry base URL
   * @param timeout how long processing may take after ingest before the run fails
   * @param alertRules the alert rules the topology runs
   * @param monitoring records the pipeline's metrics and watches its Kafka Streams instance; null
   *     for none
   */
  public Demo(String bootstrapServers, String schemaRegistryUrl, Duration timeout,
      AlertRules alertRules, Monitoring monitoring) {
    this.bootstrapServers = bootstrapServers;
    this.schemaRegistryUrl = schemaRegistryUrl;
    this.timeout = timeout;
    this.alertRules = alertRules;
    this.monitoring = monitoring;
  }

  /**
   * Runs the demo.
   *
   * @param inputs files or folders to ingest
   * @param onSignal called with each signal as it is read
   * @param onDeadLetter called with each dead letter as it is read
   * @return counts and everything read back
   * @throws IllegalStateException if processing does not finish within the timeout, or the
   *     cluster or registry fails
   */
  public Result run(List<Path> inputs, Consumer<Signal> onSignal, Consumer<DeadLetter> onDeadLetter) {
    Clock clock = Clock.systemUTC();
    HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(schemaRegistryUrl);
    Topics topics = new Topics(registry);
    // Our subjects must only ever evolve BACKWARD compatibly; Apicurio's default is NONE.
    for (String topic : Topics.ALL) {
      registry.setCompatibility(topic + "-value", Compatibility.BACKWARD);
    }
    List<Signal> signals = new ArrayList<>();
    List<DeadLetter> deadLetters = new ArrayList<>();
    List<Alert> alerts = new ArrayList<>();
    PipelineMetrics metrics =
        monitoring == null ? PipelineMetrics.discarding() : monitoring.metrics();
    // The local default's broker is new each run, so the dedup store must be too: a store left
    // from an earlier run would drop the same articles as copies.
    Path stateDir = temporaryFolder();
    Properties streamsConfig =
        StreamsSettings.properties(bootstrapServers, registry, 1, Map.of(
            DeadLetters.METRICS_CONFIG, metrics,
            StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()));
    String group = streamsConfig.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      TopicAdmin.createMissing(admin, PARTITIONS, (short) 1);
      SignalTopology.Options options =
          SignalTopology.Options.DEFAULTS.withAlertRules(alertRules).withMetrics(metrics);
      IngestSummary ingest;
      // As in `run`: an item over its extraction budget is dead-lettered instead of holding up
      // the stream thread, and with it every item behind it; the models load before any budget.
      LanguageDetector.shared().warmUp();
      try (TimeBoundedExtractor extractor = new TimeBoundedExtractor(
              new LexiconSignalExtractor(clock), TimeBoundedExtractor.DEFAULT_BUDGET);
          StreamsApp app = StreamsApp.start(
              SignalTopology.build(topics, extractor, clock, options),
              streamsConfig, timeout, streams -> {
                if (monitoring != null) {
                  monitoring.watch(streams, Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                      bootstrapServers), group, SignalTopology.inputTopics(group, options));
                }
              });
          OutputReader reader = new OutputReader(bootstrapServers, topics,
              s -> { signals.add(s); onSignal.accept(s); },
              d -> { deadLetters.add(d); onDeadLetter.accept(d); });
          AlertReader alertReader = new AlertReader(Map.of(), bootstrapServers, Topics.ALERTS,
              topics.alerts().valueSerde().deserializer(), true, alerts::add)) {
        try (NewsProducer producer = NewsProducer.connect(bootstrapServers, topics, Map.of())) {
          ingest = new Ingestor(new NewsFiles(clock), producer).ingest(inputs);
        }
        awaitProcessed(admin, group, options, reader, alertReader);
      }
      return new Result(ingest, signals, deadLetters, alerts);
    } finally {
      deleteRecursively(stateDir);
    }
  }

  /**
   * Waits until the group has committed everything on its inputs: {@code news.raw}, the
   * repartition topic before dedup, and the signal topics that the alert rules read back. Then
   * until both readers have read the output to its end. The lag must be seen at zero twice: the
   * end offsets of one look are read before its committed offsets, so one look can catch news.raw
   * committed but not yet the records that the same transaction wrote downstream.
   */
  private void awaitProcessed(Admin admin, String group, SignalTopology.Options options,
      OutputReader reader, AlertReader alertReader) {
    List<String> inputs = new ArrayList<>(SignalTopology.inputTopics(group, options));
    inputs.addAll(List.of(Topics.FUNDING, Topics.HIRING, Topics.EXPANSION));
    long deadline = System.nanoTime() + timeout.toNanos();
    int quietLooks = 0;
    while (System.nanoTime() < deadline) {
      reader.poll(Duration.ofMillis(200));
      alertReader.poll(Duration.ZERO);
      boolean caughtUp = ConsumerGroupLag.total(ConsumerGroupLag.of(admin, group, inputs)) == 0;
      quietLooks = caughtUp ? quietLooks + 1 : 0;
      if (quietLooks >= 2 && reader.atEnd() && alertReader.atEnd()) {
        return;
      }
    }
    throw new IllegalStateException(
        "Processing did not finish within " + timeout.toSeconds() + " s: see the lag of group "
            + group + " on " + inputs);
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("news-signals-demo-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a state folder for the demo", e);
    }
  }

  private static void deleteRecursively(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      // Only a temporary folder is left behind; the demo's result stands.
      LoggerFactory.getLogger(Demo.class).warn("Could not delete {}: {}", folder, e.toString());
    }
  }
}

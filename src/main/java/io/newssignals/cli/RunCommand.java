package io.newssignals.cli;

import io.newssignals.alerts.AlertRules;
import io.newssignals.app.Monitoring;
import io.newssignals.app.StreamsApp;
import io.newssignals.extract.LexiconSignalExtractor;
import io.newssignals.serde.HttpSchemaRegistryClient;
import io.newssignals.topology.DeadLetters;
import io.newssignals.topology.SignalTopology;
import io.newssignals.topology.StreamsSettings;
import io.newssignals.topology.TopicAdmin;
import io.newssignals.topology.Topics;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run}: the signal topology against an existing cluster and registry, until stopped
 * (SIGTERM or Ctrl-C close it cleanly, committing what was processed), serving {@code /metrics},
 * {@code /health} and {@code /ready} meanwhile.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the signal topology against an existing Kafka cluster and schema registry.")
public final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Mixin MonitoringOptions monitoringOptions;

  @Option(names = "--create-topics", description = "Create missing topics instead of failing.")
  boolean createTopics;

  @Option(names = "--partitions", defaultValue = "3",
      description = "Partitions of topics created with --create-topics (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--replication-factor", defaultValue = "1",
      description = "Replication of created and internal topics (default ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Option(names = "--start-timeout", defaultValue = "120",
      description = "Seconds to wait for Kafka Streams to reach RUNNING (default ${DEFAULT-VALUE}).")
  long startTimeoutSeconds;

  @Option(names = "--alert-rules",
      description = "YAML file of alert rules (default: the built-in rules, as in config/alert-rules.yaml).")
  Path alertRules;

  @Override
  public Integer call() throws InterruptedException {
    AlertRules rules = alertRules == null ? AlertRules.DEFAULTS : AlertRules.load(alertRules);
    String bootstrap = connection.bootstrapServers();
    HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(connection.schemaRegistryUrl());
    Properties clientSettings = connection.clientSettings();
    Map<String, Object> adminConfig = connection.clientSettingsMap();
    adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(adminConfig)) {
      if (createTopics) {
        List<String> created = TopicAdmin.createMissing(admin, partitions, replicationFactor);
        if (!created.isEmpty()) {
          spec.commandLine().getErr().println("Created topics " + created);
        }
      } else {
        List<String> missing = TopicAdmin.missing(admin);
        if (!missing.isEmpty()) {
          spec.commandLine().getErr().println(
              "error: missing topics " + missing + "; create them, or pass --create-topics");
          return ExitCodes.FAILURE;
        }
      }
    }
    Clock clock = Clock.systemUTC();
    Topics topics = new Topics(registry);
    try (Monitoring monitoring = monitoringOptions.start()) {
      spec.commandLine().getErr().println("Serving /metrics, /health and /ready on http://"
          + hostAndPort(monitoring));
      Properties overrides = new Properties();
      overrides.putAll(clientSettings);
      overrides.put(DeadLetters.METRICS_CONFIG, monitoring.metrics());
      Properties config =
          StreamsSettings.properties(bootstrap, registry, replicationFactor, overrides);
      String group = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
      try (StreamsApp app = StreamsApp.start(
          SignalTopology.build(topics, new LexiconSignalExtractor(clock), clock,
              SignalTopology.Options.DEFAULTS.withAlertRules(rules).withMetrics(monitoring.metrics())),
          config, Duration.ofSeconds(startTimeoutSeconds),
          streams -> monitoring.watch(streams, adminConfig, group, List.of(Topics.RAW)))) {
        spec.commandLine().getErr().println("Kafka Streams is RUNNING; Ctrl-C stops it.");
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "news-signals-shutdown"));
        return app.awaitStop() == KafkaStreams.State.ERROR ? ExitCodes.FAILURE : ExitCodes.OK;
      }
    }
  }

  /** @return {@code host:port} of the endpoint as bound, for the log line */
  static String hostAndPort(Monitoring monitoring) {
    return monitoring.address().getHostString() + ":" + monitoring.address().getPort();
  }
}

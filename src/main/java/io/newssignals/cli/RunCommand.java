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
import io.newssignals.app.Retry;
import io.newssignals.app.SecretMasking;
import io.newssignals.extract.LanguageDetector;
import io.newssignals.extract.TimeBoundedExtractor;
import io.newssignals.serde.SchemaRegistryException;
import java.io.PrintWriter;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run}: the signal topology against an existing cluster and registry, until stopped
 * (SIGTERM or Ctrl-C close it cleanly, committing what was processed), serving {@code /metrics},
 * {@code /health} and {@code /ready} meanwhile.
 *
 * <p>Startup: logs the configuration with secrets masked ({@link SecretMasking}); waits for the
 * broker and then the registry, retrying with back-off ({@link Retry}) up to {@code
 * --connect-timeout} and then failing with one line naming what is unreachable; checks the topics
 * (or creates them with {@code --create-topics}). Settings starting with {@code schema.registry.}
 * configure the registry client (basic auth, trust store: {@link HttpSchemaRegistryClient#fromSettings});
 * all others go to Kafka's clients (e.g. {@code security.protocol}, {@code sasl.*}, {@code ssl.*}).
 * Each item gets {@code --extraction-budget-ms} of extraction ({@link TimeBoundedExtractor}).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the signal topology against an existing Kafka cluster and schema registry.")
public final class RunCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  /** Timeout of each startup call to the broker, in ms; {@link Retry} tries again after it. */
  static final int ATTEMPT_TIMEOUT_MS = 5_000;

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

  @PositiveOptions.ZeroAllowed
  @Option(names = "--dedup-window", defaultValue = "P7D",
      description = "How long a story is remembered to drop its copies, ISO-8601 (default ${DEFAULT-VALUE});"
          + " PT0S turns dedup off.")
  Duration dedupWindow;

  @Option(names = "--connect-timeout", defaultValue = "120",
      description = "Seconds to keep retrying, with back-off, an unreachable broker or registry at startup"
          + " (default ${DEFAULT-VALUE}).")
  long connectTimeoutSeconds;

  @Option(names = "--extraction-budget-ms", defaultValue = "5000",
      description = "Longest time one item may spend in extraction before it is dead-lettered, in ms"
          + " (default ${DEFAULT-VALUE}).")
  long extractionBudgetMs;

  @Override
  public Integer call() throws Exception {
    AlertRules rules = alertRules == null ? AlertRules.DEFAULTS : AlertRules.load(alertRules);
    String bootstrap = connection.bootstrapServers();
    String registryUrl = connection.schemaRegistryUrl();
    Map<String, Object> settings = connection.clientSettingsMap();
    Map<String, Object> shown = new HashMap<>(settings);
    shown.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    shown.put("schema.registry.url", registryUrl);
    log.info("Configuration: {}", SecretMasking.masked(shown));

    // Registry settings go to the registry client only; Kafka clients would warn about them.
    Map<String, Object> registrySettings = new HashMap<>();
    Properties kafkaSettings = new Properties();
    settings.forEach((key, value) -> {
      if (key.startsWith(HttpSchemaRegistryClient.SETTINGS_PREFIX)) {
        registrySettings.put(key, value);
      } else {
        kafkaSettings.put(key, value);
      }
    });
    HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.fromSettings(registryUrl, registrySettings);
    PrintWriter err = spec.commandLine().getErr();
    Duration connectTimeout = Duration.ofSeconds(connectTimeoutSeconds);
    Map<String, Object> adminConfig = new HashMap<>(settings);
    adminConfig.keySet().removeAll(registrySettings.keySet());
    adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    // Each startup call gives up after a few seconds, so that Retry reports and backs off.
    adminConfig.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ATTEMPT_TIMEOUT_MS);
    adminConfig.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ATTEMPT_TIMEOUT_MS);
    try (Admin admin = Admin.create(adminConfig)) {
      Retry.until("Kafka at " + bootstrap, connectTimeout,
          () -> admin.describeCluster().nodes().get(),
          RunCommand::isTransientKafkaFailure, err::println);
      Retry.until("Schema registry at " + registryUrl, connectTimeout, registry::subjects,
          e -> e instanceof SchemaRegistryException r && (r.status() == -1 || r.status() >= 500),
          err::println);
      if (createTopics) {
        List<String> created = TopicAdmin.createMissing(admin, partitions, replicationFactor);
        if (!created.isEmpty()) {
          err.println("Created topics " + created);
        }
      } else {
        List<String> missing = TopicAdmin.missing(admin);
        if (!missing.isEmpty()) {
          err.println("error: missing topics " + missing + "; create them, or pass --create-topics");
          return ExitCodes.FAILURE;
        }
      }
      TopicLimitChecks.guarded(() -> TopicAdmin.undersized(admin))
          .forEach(warning -> err.println("warning: " + warning));
    }
    Clock clock = Clock.systemUTC();
    Topics topics = new Topics(registry);
    LanguageDetector.shared().warmUp();
    try (Monitoring monitoring = monitoringOptions.start()) {
      err.println("Serving /metrics, /health and /ready on http://" + hostAndPort(monitoring));
      Properties overrides = new Properties();
      overrides.putAll(kafkaSettings);
      overrides.put(DeadLetters.METRICS_CONFIG, monitoring.metrics());
      Properties config =
          StreamsSettings.properties(bootstrap, registry, replicationFactor, overrides);
      String group = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
      SignalTopology.Options options = SignalTopology.Options.DEFAULTS
          .withDedupWindow(dedupWindow)
          .withAlertRules(rules)
          .withMetrics(monitoring.metrics());
      try (TimeBoundedExtractor extractor = new TimeBoundedExtractor(
              new LexiconSignalExtractor(clock), Duration.ofMillis(extractionBudgetMs));
          StreamsApp app = StreamsApp.start(
              SignalTopology.build(topics, extractor, clock, options),
              config, Duration.ofSeconds(startTimeoutSeconds),
              streams -> monitoring.watch(streams, adminConfig, group,
                  SignalTopology.inputTopics(group, options)))) {
        err.println("Kafka Streams is RUNNING; Ctrl-C stops it.");
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "news-signals-shutdown"));
        return app.awaitStop() == KafkaStreams.State.ERROR ? ExitCodes.FAILURE : ExitCodes.OK;
      }
    }
  }

  /** @return {@code host:port} of the endpoint as bound, for the log line */
  static String hostAndPort(Monitoring monitoring) {
    return monitoring.address().getHostString() + ":" + monitoring.address().getPort();
  }

  /** Timeouts and lost connections are worth another try; authentication or config errors are not. */
  private static boolean isTransientKafkaFailure(Exception e) {
    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
    return cause instanceof RetriableException;
  }
}

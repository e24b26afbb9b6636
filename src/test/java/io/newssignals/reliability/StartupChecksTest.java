package io.newssignals.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newssignals.app.SecretMasking;
import io.newssignals.testing.AppProcess;
import io.newssignals.testing.CliRun;
import io.newssignals.testing.LocalStackExtension;
import io.newssignals.testing.OwnBroker;
import io.newssignals.testing.Pipeline;
import io.newssignals.topology.StreamsSettings;
import io.newssignals.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code run} does before it processes anything: missing topics are named (or created as
 * asked), an unreachable broker or registry is retried with back-off and then reported in one
 * line, and the logged configuration hides every secret.
 */
@ExtendWith(LocalStackExtension.class)
class StartupChecksTest {

  @RegisterExtension static final OwnBroker broker = new OwnBroker();

  @TempDir static Path dir;

  private record Outcome(int exitCode, String err) {}

  private static Outcome runInProcess(String... args) {
    CliRun cli = new CliRun();
    int code = cli.execute(args);
    return new Outcome(code, cli.err());
  }

  @Test
  void missingTopicsAreNamedThenCreatedWhenAsked() throws Exception {
    Outcome missing = runInProcess("run", "--bootstrap-servers", broker.bootstrapServers(),
        "--schema-registry-url", LocalStackExtension.schemaRegistryUrl());
    assertEquals(1, missing.exitCode());
    assertEquals("error: missing topics [news.raw, signals.funding, signals.hiring, signals.expansion, "
        + "news.deadletter, alerts]; create them, or pass --create-topics", missing.err().strip());

    Path config = Pipeline.configFile(dir.resolve("create.properties"),
        Pipeline.testAppSettings("startup-create", dir.resolve("state")));
    try (AppProcess app = AppProcess.start(dir.resolve("create.log"), List.of("run",
        "--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", LocalStackExtension.schemaRegistryUrl(),
        "--config", config.toString(), "--create-topics", "--partitions", "4", "--http-port", "0"));
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      app.awaitLine(AppProcess.RUNNING_LINE, Duration.ofSeconds(120));
      assertTrue(app.output().contains("Created topics " + Topics.ALL), app.tail());
      // The topics it just created have the limits it checks: no warning.
      assertFalse(app.output().contains("max.message.bytes"), app.tail());
      Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames().get();
      Map<String, String> shape = new TreeMap<>();
      topics.forEach((name, d) -> shape.put(name, d.partitions().size() + "x" + d.partitions().get(0).replicas().size()));
      assertEquals(Map.of("news.raw", "4x1", "signals.funding", "4x1", "signals.hiring", "4x1",
          "signals.expansion", "4x1", "news.deadletter", "4x1", "alerts", "4x1"), shape);
      ConfigResource deadLetter = new ConfigResource(ConfigResource.Type.TOPIC, Topics.DEAD_LETTER);
      assertEquals(Integer.toString(StreamsSettings.MAX_REQUEST_BYTES), admin.describeConfigs(List.of(deadLetter))
          .all().get().get(deadLetter).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
      ConfigResource raw = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RAW);
      assertEquals(Integer.toString(Topics.RAW_MAX_MESSAGE_BYTES), admin.describeConfigs(List.of(raw))
          .all().get().get(raw).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
      assertEquals(AppProcess.SIGTERM_EXIT, app.stop(Duration.ofSeconds(60)));
      assertTrue(app.output().contains(AppProcess.CLOSING_LINE), app.tail());
    }
  }

  @Test
  void anUnreachableRegistryIsRetriedWithBackOffThenReportedInOneLine() throws Exception {
    String url = "http://127.0.0.1:" + CliRun.closedPort() + "/apis/ccompat/v7";
    long start = System.nanoTime();
    Outcome outcome = runInProcess("run", "--bootstrap-servers", broker.bootstrapServers(),
        "--schema-registry-url", url, "--connect-timeout", "3");
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertEquals(1, outcome.exitCode());
    List<String> lines = outcome.err().strip().lines().toList();
    // Waits of 500, 1000 and then the 1500 ms left: three retries, then the error.
    assertEquals(4, lines.size(), outcome.err());
    assertTrue(lines.get(0).startsWith("Schema registry at " + url + " is unreachable (SchemaRegistryException: "),
        lines.get(0));
    assertTrue(lines.get(0).endsWith("attempt 1, retrying in 500 ms"), lines.get(0));
    assertTrue(lines.get(1).endsWith("attempt 2, retrying in 1000 ms"), lines.get(1));
    assertTrue(lines.get(3).startsWith("error: Schema registry at " + url + " is unreachable: gave up after 4 attempts in 3 s"),
        lines.get(3));
    assertTrue(tookMs >= 3_000 && tookMs < 20_000, "took " + tookMs + " ms");
  }

  @Test
  void anUnreachableBrokerIsReportedWithoutAStackTraceAndSecretsAreNeverLogged() throws Exception {
    String broker = "127.0.0.1:" + CliRun.closedPort();
    Path config = Pipeline.configFile(dir.resolve("secrets.properties"), Map.of(
        "security.protocol", "SASL_PLAINTEXT",
        "sasl.mechanism", "PLAIN",
        "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"alice\" password=\"jaas-secret-1\";",
        "ssl.truststore.password", "truststore-secret-2",
        "schema.registry.basic.auth.user.info", "bob:registry-secret-3"));
    // Each attempt waits up to 5 s for the broker (RunCommand.ATTEMPT_TIMEOUT_MS): 12 s allow three.
    try (AppProcess app = AppProcess.start(dir.resolve("secrets.log"), List.of("run",
        "--bootstrap-servers", broker, "--schema-registry-url", LocalStackExtension.schemaRegistryUrl(),
        "--config", config.toString(), "--connect-timeout", "12"))) {
      assertEquals(1, app.awaitExit(Duration.ofSeconds(90)));
      String out = app.output();
      for (String secret : List.of("jaas-secret-1", "truststore-secret-2", "registry-secret-3")) {
        assertFalse(out.contains(secret), "secret " + secret + " logged:\n" + out);
      }
      String hidden = SecretMasking.HIDDEN;
      assertTrue(out.contains("sasl.jaas.config=" + hidden + ", sasl.mechanism=PLAIN"), out);
      assertTrue(out.contains("schema.registry.basic.auth.user.info=" + hidden), out);
      assertTrue(out.contains("ssl.truststore.password=" + hidden), out);
      assertTrue(out.contains("Kafka at " + broker + " is unreachable ("), out);
      assertTrue(out.contains("attempt 2, retrying in 1000 ms"), out);
      assertTrue(out.contains("error: Kafka at " + broker + " is unreachable: gave up after"), out);
      assertFalse(out.contains("\tat "), "stack trace in:\n" + out);
    }
  }
}

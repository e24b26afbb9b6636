package io.newssignals.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * {@link SeedArticleScenario} against the images of docker/docker-compose.yml: Kafka in KRaft mode
 * ({@code apache/kafka}) and Confluent Schema Registry. Runs where a Docker engine answers; where
 * none does, JUnit reports it skipped with Testcontainers' reason, "disabledWithoutDocker is true
 * and Docker is not available", {@link SayWhySkipped} prints why on stderr (in the Surefire report
 * under Maven), and {@link DemoEndToEndTest} still runs the same scenario on the local default.
 */
@ExtendWith(ContainersEndToEndTest.SayWhySkipped.class)
@Testcontainers(disabledWithoutDocker = true)
class ContainersEndToEndTest {

  /**
   * Prints why the class is skipped where no Docker engine answers; leaves the decision itself to
   * {@code @Testcontainers(disabledWithoutDocker = true)}.
   */
  static final class SayWhySkipped implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (context.getTestMethod().isEmpty() && !DockerClientFactory.instance().isDockerAvailable()) {
        System.err.println("SKIPPED " + context.getDisplayName() + ": no Docker engine answers, so"
            + " the apache/kafka and cp-schema-registry containers cannot start."
            + " DemoEndToEndTest runs the same scenario on the local default.");
      }
      return ConditionEvaluationResult.enabled("the Docker check is @Testcontainers'");
    }
  }

  private static final Network NETWORK = Network.newNetwork();

  /** Reached by the registry at kafka:19092 inside the network, by the test at a mapped port. */
  @Container
  private static final KafkaContainer KAFKA =
      new KafkaContainer("apache/kafka:4.3.1")
          .withNetwork(NETWORK)
          .withNetworkAliases("kafka")
          .withListener("kafka:19092");

  @Container
  private static final GenericContainer<?> REGISTRY =
      new GenericContainer<>("confluentinc/cp-schema-registry:8.0.0")
          .withNetwork(NETWORK)
          .withExposedPorts(8081)
          .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
          .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
          .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
          .dependsOn(KAFKA)
          .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));

  @Test
  void theSeedArticleBecomesItsThreeSignals() throws Exception {
    SeedArticleScenario.run(
        KAFKA.getBootstrapServers(),
        "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8081));
  }
}

package io.newssignals.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * One bounded check that a Kafka cluster answers, before a command starts producing: a producer
 * that cannot reach its cluster blocks each send for {@code max.block.ms} (60 s by default), item
 * after item.
 */
final class KafkaReachability {

  private KafkaReachability() {}

  /**
   * Asks the cluster to describe itself, once, waiting at most {@code timeout}.
   *
   * @param bootstrapServers {@code host:port[,host:port...]}
   * @param settings further client settings (security...), may be empty
   * @return empty if the cluster answered; else why not, naming the bootstrap servers, e.g. {@code
   *     Kafka at 127.0.0.1:9092 did not answer within 15 s}
   * @throws InterruptedException if interrupted while waiting
   */
  static Optional<String> problem(String bootstrapServers, Map<String, Object> settings,
      Duration timeout) throws InterruptedException {
    Map<String, Object> config = new HashMap<>(settings);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    String where = "Kafka at " + bootstrapServers;
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster(new DescribeClusterOptions()
          .timeoutMs((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))).nodes().get();
      return Optional.empty();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException) {
        return Optional.of(where + " did not answer within " + timeout.toSeconds() + " s");
      }
      return Optional.of(where + " cannot be used: " + e.getCause().getMessage());
    } catch (KafkaException e) {
      // Admin.create fails so when no bootstrap address resolves.
      String reason = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
      return Optional.of(where + " cannot be used: " + reason);
    }
  }
}

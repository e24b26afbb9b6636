package io.newssignals.cli;

import io.newssignals.topology.TopicAdmin;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/**
 * The startup checks of the topics' {@code max.message.bytes} ({@link TopicAdmin}): {@code run}'s
 * of the topics it reads and writes, and {@code ingest}'s and {@code feeds}' of the two they write,
 * since news may be ingested before {@code run} ever created them, into a {@code news.raw} that the
 * broker creates on first use with its own limits. Either is a check, not a condition to start.
 */
final class TopicLimitChecks {

  private TopicLimitChecks() {}

  /**
   * @param connection the cluster and client settings
   * @param prefix the {@code --topic-prefix}
   * @param timeout how long each call to the cluster may take
   * @return the lines to print after {@code warning: } ({@link TopicAdmin#ingestWarnings}); one
   *     saying the check failed if the cluster could not be asked (no DescribeConfigs rights, say):
   *     a check, not a condition to ingest
   */
  static List<String> forIngest(ConnectionOptions connection, String prefix, Duration timeout) {
    Map<String, Object> config = new HashMap<>(connection.clientSettingsMap());
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    return guarded(() -> {
      try (Admin admin = Admin.create(config)) {
        return TopicAdmin.ingestWarnings(admin, prefix);
      }
    });
  }

  /**
   * @param check a {@link TopicAdmin} check returning warning lines
   * @return its lines; or one saying the check failed if it threw (no DescribeConfigs rights, a
   *     cluster that stopped answering, an answer of another shape)
   */
  static List<String> guarded(Supplier<List<String>> check) {
    try {
      return check.get();
    } catch (RuntimeException e) {
      return List.of("could not check the topics' max.message.bytes: "
          + (e instanceof KafkaException ? e.getMessage() : e.toString()));
    }
  }
}

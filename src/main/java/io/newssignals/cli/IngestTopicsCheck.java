package io.newssignals.cli;

import io.newssignals.topology.TopicAdmin;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/**
 * The check {@code ingest} and {@code feeds} make of the topics they write, once the cluster has
 * answered: {@code run} creates or checks the topics, but news may be ingested before it ever ran,
 * into a {@code news.raw} that the broker creates on first use with its own limits.
 */
final class IngestTopicsCheck {

  private IngestTopicsCheck() {}

  /**
   * @param connection the cluster and client settings
   * @param prefix the {@code --topic-prefix}
   * @param timeout how long each call to the cluster may take
   * @return the lines to print after {@code warning: } ({@link TopicAdmin#ingestWarnings}); one
   *     saying the check failed if the cluster could not be asked (no DescribeConfigs rights, say):
   *     a check, not a condition to ingest
   */
  static List<String> warnings(ConnectionOptions connection, String prefix, Duration timeout) {
    Map<String, Object> config = new HashMap<>(connection.clientSettingsMap());
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    try (Admin admin = Admin.create(config)) {
      return TopicAdmin.ingestWarnings(admin, prefix);
    } catch (RuntimeException e) {
      // No DescribeConfigs rights, a cluster that stopped answering, or an answer of another
      // shape: a check, not a condition to ingest.
      return List.of("could not check the topics' max.message.bytes: "
          + (e instanceof KafkaException ? e.getMessage() : e.toString()));
    }
  }
}

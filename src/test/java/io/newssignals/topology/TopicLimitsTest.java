package io.newssignals.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.testing.OwnBroker;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link TopicAdmin#undersized} against a real broker's topic configs. */
class TopicLimitsTest {

  @RegisterExtension static final OwnBroker broker = new OwnBroker();

  @Test
  void topicsItCreatesPassAndANewsRawLoweredToTheBrokerDefaultIsNamed() throws Exception {
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopicAdmin.createMissing(admin, 1, (short) 1);
      assertEquals(List.of(), TopicAdmin.undersized(admin));

      ConfigResource raw = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RAW);
      admin.incrementalAlterConfigs(Map.of(raw, List.of(new AlterConfigOp(
          new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048588"), AlterConfigOp.OpType.SET))))
          .all().get();
      // The broker applies an altered config through its metadata log, a moment after it
      // acknowledges the change: describe until it shows, so that the check reads the new value.
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!"1048588".equals(admin.describeConfigs(List.of(raw)).all().get().get(raw)
          .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }

      assertEquals(
          List.of("news.raw has max.message.bytes 1048588, below the 2097152 news-signals gives it:"
              + " larger records will be refused; raise it with kafka-configs --alter --entity-type topics"
              + " --entity-name news.raw --add-config max.message.bytes=2097152"),
          TopicAdmin.undersized(admin));
    }
  }
}

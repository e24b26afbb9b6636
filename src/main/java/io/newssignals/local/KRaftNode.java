package io.newssignals.local;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/** Formats the storage of, and runs, one {@code kafka.server.KafkaRaftServer}. */
final class KRaftNode {

  private final KafkaRaftServer server;

  private KRaftNode(KafkaRaftServer server) {
    this.server = server;
  }

  /**
   * Writes meta.properties and the bootstrap metadata into {@code dir}, as {@code kafka-storage
   * format} does, through Kafka's {@link Formatter} (which, unlike {@code
   * kafka.tools.StorageTool.main}, never calls {@code System.exit}).
   */
  static void format(int nodeId, String dir, String controllerListener) throws Exception {
    Formatter formatter = new Formatter();
    formatter.setPrintStream(new PrintStream(OutputStream.nullOutputStream()));
    formatter.setNodeId(nodeId);
    formatter.setClusterId(Uuid.randomUuid().toString());
    formatter.addDirectory(dir);
    formatter.setMetadataLogDirectory(dir);
    formatter.setControllerListenerName(controllerListener);
    formatter.setReleaseVersion(MetadataVersion.LATEST_PRODUCTION);
    formatter.run();
  }

  /** Validates {@code props} as a KafkaConfig and starts the node; returns once it is up. */
  static KRaftNode start(Properties props) {
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    server.startup();
    return new KRaftNode(server);
  }

  /** Shuts the node down (controlled, as a broker leaving) and waits until it has stopped. */
  void shutdown() {
    server.shutdown();
    server.awaitShutdown();
  }
}

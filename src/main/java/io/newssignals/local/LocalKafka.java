package io.newssignals.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka 4.3.1 cluster in this JVM: one KRaft node that is both broker and
 * controller, with every listener on 127.0.0.1 and its data in a temp folder removed on close.
 *
 * <p>Use: {@code try (LocalKafka kafka = new LocalKafka().start()) { kafka.bootstrapServers(); }}.
 * Settings suit one node: replication factor 1 and min ISR 1 for the internal topics, no initial
 * rebalance delay. A JVM shutdown hook closes it if the JVM exits first.
 */
public final class LocalKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);
  private static final String HOST = "127.0.0.1";
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  /** Default time {@link #start()} waits for the broker to answer, 60 s. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

  private final Duration startTimeout;
  private Path dataDir;
  private KRaftNode server;
  // Volatile: read by the accessors from any thread.
  private volatile int brokerPort;
  private volatile int controllerPort;
  private final ClosingHook closing = new ClosingHook("local-kafka-shutdown");
  private volatile boolean started;

  /** A node that {@link #start()} waits up to {@link #DEFAULT_START_TIMEOUT} for. */
  public LocalKafka() {
    this(DEFAULT_START_TIMEOUT);
  }

  /** @param startTimeout how long {@link #start()} waits for the broker to answer */
  public LocalKafka(Duration startTimeout) {
    this.startTimeout = startTimeout;
  }

  /**
   * Formats a fresh temp storage folder, starts the node and waits until an Admin {@code
   * describeCluster} sees it.
   *
   * @return this
   * @throws IllegalStateException if already started or closed, or if the node does not start or
   *     answer within the start timeout; whatever was started is closed again
   */
  public synchronized LocalKafka start() {
    if (started || closing.isClosed()) {
      throw new IllegalStateException(
          "LocalKafka can be started once; it is " + (closing.isClosed() ? "closed" : "running"));
    }
    started = true;
    try {
      dataDir = Files.createTempDirectory("news-signals-kafka-");
      int[] ports = FreePorts.pick(2);
      brokerPort = ports[0];
      controllerPort = ports[1];
      KRaftNode.format(NODE_ID, dataDir.toString(), CONTROLLER_LISTENER);
      closing.register(this::close);
      server = KRaftNode.start(nodeProperties());
      awaitBroker();
      log.info("Kafka up at {} (data in {})", bootstrapServers(), dataDir);
      return this;
    } catch (Exception e) {
      close();
      throw new IllegalStateException("Local Kafka on " + HOST + ":" + brokerPort + " failed to start: " + e.getMessage(), e);
    }
  }

  /**
   * Stops the node (controlled shutdown) and starts it again on the same ports with the same data
   * folder, so clients reconnect to the same address and find their topics, committed offsets and
   * transaction state; waits until it answers again. For tests of broker outages.
   *
   * @throws IllegalStateException if not running, or if the node does not come back within the
   *     start timeout
   */
  public synchronized void restart() {
    if (!started || closing.isClosed() || server == null) {
      throw new IllegalStateException("LocalKafka is not running");
    }
    server.shutdown();
    server = null;
    try {
      server = KRaftNode.start(nodeProperties());
      awaitBroker();
      log.info("Kafka restarted at {}", bootstrapServers());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("Local Kafka at " + bootstrapServers() + " failed to restart: " + e.getMessage(), e);
    }
  }

  /** @return {@code 127.0.0.1:<port>} of the PLAINTEXT listener, for {@code bootstrap.servers} */
  public String bootstrapServers() {
    if (!started) {
      throw new IllegalStateException("LocalKafka is not started");
    }
    return HOST + ":" + brokerPort;
  }

  /** @return the port of the CONTROLLER listener on 127.0.0.1 */
  public int controllerPort() {
    return controllerPort;
  }

  private Properties nodeProperties() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", dataDir.toString());
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    // Fewer internal partitions than the defaults (50) make the first group and transaction faster.
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
    // The cleaner's default 128 MiB dedupe buffer is far more than local topics need.
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    return p;
  }

  private void awaitBroker() throws InterruptedException {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    Throwable last = null;
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      while (System.nanoTime() < deadline) {
        int remainingMs = (int) Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis());
        try {
          Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(remainingMs)).nodes().get();
          if (!nodes.isEmpty()) {
            return;
          }
        } catch (ExecutionException e) {
          last = e.getCause();
        }
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException(
        "broker at " + bootstrapServers() + " did not answer describeCluster within " + startTimeout.toMillis() + " ms",
        last);
  }

  /** Stops the node and deletes its data folder; idempotent, and a no-op if never started. */
  @Override
  public synchronized void close() {
    if (!closing.close()) {
      return;
    }
    if (server != null) {
      try {
        server.shutdown();
      } catch (Exception e) {
        log.warn("Kafka at {} did not shut down cleanly: {}", bootstrapServers(), e.toString());
      }
    }
    TempFolders.delete(dataDir, "Kafka data folder");
  }
}

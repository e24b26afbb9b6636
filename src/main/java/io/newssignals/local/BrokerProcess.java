package io.newssignals.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LocalKafka} in a JVM of its own, a child process of this one, for measurements that
 * must not mix the broker's heap, threads and JIT compiler with the application's ({@code bench}).
 *
 * <p>The child runs {@link #main} from this JVM's class path with {@value #HEAP} of heap, writes
 * its bootstrap address to a file once the broker answers, and logs to a file in a temp folder.
 * {@link #close()} sends it SIGTERM, on which {@link LocalKafka}'s shutdown hook stops the broker
 * and deletes its data; SIGKILL follows if it has not exited within {@link #STOP_WAIT}.
 */
public final class BrokerProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BrokerProcess.class);

  /** Heap of the broker's JVM: a single local node needs little. */
  static final String HEAP = "-Xmx512m";

  /** How long {@link #close()} waits after SIGTERM, and again after SIGKILL. */
  static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final Duration startTimeout;
  private Path dir;
  private Process process;
  private final ClosingHook closing = new ClosingHook("broker-process-shutdown");
  private volatile String bootstrapServers;

  /** A broker that {@link #start()} waits up to {@link LocalKafka#DEFAULT_START_TIMEOUT} for. */
  public BrokerProcess() {
    this(LocalKafka.DEFAULT_START_TIMEOUT);
  }

  /** @param startTimeout how long {@link #start()} waits for the child to report its broker up */
  public BrokerProcess(Duration startTimeout) {
    this.startTimeout = startTimeout;
  }

  /**
   * Starts the child JVM and waits until its broker answers.
   *
   * @return this
   * @throws IllegalStateException if already started or closed, or if the child exits or does not
   *     report its broker within the start timeout (the message ends with its log's last lines);
   *     the child is stopped again
   */
  public synchronized BrokerProcess start() {
    if (process != null || closing.isClosed()) {
      throw new IllegalStateException(
          "BrokerProcess can be started once; it is " + (closing.isClosed() ? "closed" : "running"));
    }
    Path logFile = null;
    try {
      dir = Files.createTempDirectory("news-signals-broker-");
      logFile = dir.resolve("broker.log");
      Path addressFile = dir.resolve("bootstrap-servers");
      closing.register(this::close);
      process = new ProcessBuilder(List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              HEAP,
              "-cp", System.getProperty("java.class.path"),
              BrokerProcess.class.getName(),
              addressFile.toString()))
          .redirectErrorStream(true)
          .redirectOutput(logFile.toFile())
          .start();
      process.getOutputStream().close();
      long deadline = System.nanoTime() + startTimeout.toNanos();
      while (!Files.exists(addressFile)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException((process.isAlive() ? "no broker within " + startTimeout.toSeconds() + " s"
              : "the broker's JVM exited with code " + process.exitValue()) + "; its log ends:\n" + tail(logFile));
        }
        Thread.sleep(50);
      }
      bootstrapServers = Files.readString(addressFile, StandardCharsets.UTF_8).trim();
      log.info("Kafka up at {} in its own JVM (pid {}, log {})", bootstrapServers, process.pid(), logFile);
      return this;
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      close();
      throw e instanceof IllegalStateException ise ? ise
          : new IllegalStateException("Local Kafka in its own JVM failed to start: " + e.getMessage(), e);
    }
  }

  /** @return {@code 127.0.0.1:<port>}, for {@code bootstrap.servers} */
  public String bootstrapServers() {
    if (bootstrapServers == null) {
      throw new IllegalStateException("BrokerProcess is not started");
    }
    return bootstrapServers;
  }

  /** @return the broker JVM's process id */
  public synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException("BrokerProcess is not started");
    }
    return process.pid();
  }

  /** Stops the child (SIGTERM, then SIGKILL) and deletes its folder; idempotent. */
  @Override
  public synchronized void close() {
    if (!closing.close()) {
      return;
    }
    if (process != null) {
      ChildProcesses.terminate(process.toHandle(), STOP_WAIT);
    }
    TempFolders.delete(dir, "the broker's folder");
  }

  private static String tail(Path logFile) {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * The child's entry point: starts a {@link LocalKafka}, writes its bootstrap address to the file
   * named by {@code args[0]} (whole, by a rename), and runs until the JVM is stopped.
   *
   * @param args the file to write the address to
   * @throws Exception if the broker cannot start or the file cannot be written: the JVM exits
   */
  public static void main(String[] args) throws Exception {
    LocalKafka kafka = new LocalKafka().start();
    Path file = Path.of(args[0]);
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.writeString(partial, kafka.bootstrapServers(), StandardCharsets.UTF_8);
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    Thread.currentThread().join();
  }
}

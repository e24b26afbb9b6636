package io.newssignals.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real schema registry for the local default: Apicurio Registry 3.0.9, run as a child JVM from
 * its unpacked distribution, in-memory storage, listening on 127.0.0.1 only.
 *
 * <p>Clients use its Confluent-compatible API at {@link #url()}. It is started with {@code
 * apicurio.ccompat.use-canonical-hash=true} so that registering a schema that differs only in
 * formatting returns the existing id, as the Confluent registry does. Its HTTP server (Quarkus) is
 * the only socket it listens on; the management interface is off by default in 3.0.9 and is pinned
 * to 127.0.0.1 as well in case it gets enabled. A JVM shutdown hook stops the child if this JVM
 * exits first, Ctrl-C included.
 */
public final class LocalSchemaRegistry implements AutoCloseable {

  /** System property naming the unpacked Apicurio distribution; surefire sets it. */
  public static final String HOME_PROPERTY = "newssignals.registry.home";
  /** Environment variable naming the unpacked Apicurio distribution, used if the property is unset. */
  public static final String HOME_ENV = "NEWS_SIGNALS_REGISTRY_HOME";
  /** The runnable jar inside the distribution folder. */
  public static final String RUNNER_JAR = "apicurio-registry-app-3.0.9-runner.jar";
  /** Default time {@link #start()} waits for the registry to answer, 180 s: it took over 90 s on 2 cores shared with other builds. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(180);

  private static final Logger log = LoggerFactory.getLogger(LocalSchemaRegistry.class);
  private static final String HOST = "127.0.0.1";
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);
  private static final int LOG_TAIL_LINES = 40;

  private final Path home;
  private final Duration startTimeout;
  // Volatile: the shutdown hook reads it without the lock, which start() may hold for 90 s.
  private volatile Process process;
  private volatile Path logDir;
  // Volatile: read by url() from any thread.
  private volatile int port;
  private final ClosingHook closing = new ClosingHook("local-schema-registry-shutdown");
  private volatile boolean started;

  /** @param home the unpacked Apicurio Registry 3.0.9 distribution (holds {@link #RUNNER_JAR}) */
  public LocalSchemaRegistry(Path home) {
    this(home, DEFAULT_START_TIMEOUT);
  }

  /**
   * @param home the unpacked Apicurio Registry 3.0.9 distribution (holds {@link #RUNNER_JAR})
   * @param startTimeout how long {@link #start()} waits for the registry to answer
   */
  public LocalSchemaRegistry(Path home, Duration startTimeout) {
    this.home = home.toAbsolutePath();
    this.startTimeout = startTimeout;
  }

  /**
   * @return the distribution folder: system property {@value #HOME_PROPERTY}, else environment
   *     variable {@value #HOME_ENV}, else {@code target/apicurio-registry} under the working
   *     directory (where {@code mvn generate-resources} unpacks it)
   */
  public static Path defaultHome() {
    String fromProperty = System.getProperty(HOME_PROPERTY);
    if (fromProperty != null && !fromProperty.isBlank()) {
      return Path.of(fromProperty);
    }
    String fromEnv = System.getenv(HOME_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    return Path.of("target", "apicurio-registry");
  }

  /**
   * Starts the registry and waits until {@code GET /apis/ccompat/v7/subjects} answers 200.
   *
   * @return this
   * @throws IllegalStateException if the distribution is missing, if already started or closed, or
   *     if the registry exits or does not answer within the start timeout; the message names the
   *     log file and ends with its last lines, and the child is stopped again
   */
  public synchronized LocalSchemaRegistry start() {
    if (started || closing.isClosed()) {
      throw new IllegalStateException(
          "LocalSchemaRegistry can be started once; it is " + (closing.isClosed() ? "closed" : "running"));
    }
    Path jar = home.resolve(RUNNER_JAR);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("No Apicurio Registry 3.0.9 in " + home + " (missing " + RUNNER_JAR + "). "
          + "Run `mvn generate-resources` in the project folder to unpack it into target/apicurio-registry, "
          + "or point system property " + HOME_PROPERTY + " or environment variable " + HOME_ENV
          + " at an unpacked apicurio-registry-app 3.0.9 distribution.");
    }
    started = true;
    Path logFile = null;
    try {
      logDir = Files.createTempDirectory("news-signals-registry-");
      logFile = logDir.resolve("apicurio-registry.log");
      int[] ports = FreePorts.pick(2);
      port = ports[0];
      closing.register(() -> {
        killProcessTree();
        deleteLogDir();
      });
      List<String> command = List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m",
          "-Dquarkus.http.host=" + HOST,
          "-Dquarkus.http.port=" + port,
          "-Dquarkus.management.host=" + HOST,
          "-Dquarkus.management.port=" + ports[1],
          "-Dapicurio.ccompat.use-canonical-hash=true",
          "-jar", RUNNER_JAR);
      process = new ProcessBuilder(command)
          .directory(home.toFile())
          .redirectErrorStream(true)
          .redirectOutput(logFile.toFile())
          .start();
      process.getOutputStream().close();
      long startedAt = System.nanoTime();
      awaitReady();
      log.info("Schema registry up at {} in {} ms (pid {}, log {})", url(), (System.nanoTime() - startedAt) / 1_000_000,
          process.pid(), logFile);
      return this;
    } catch (IOException | RuntimeException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      String message = "Schema registry (Apicurio " + home + ") failed to start on " + HOST + ":" + port + ": "
          + e.getMessage() + (logFile == null ? "" : "\nIts log: " + logFile + "\n" + tail(logFile));
      stop(false);
      throw new IllegalStateException(message, e);
    }
  }

  private void awaitReady() throws InterruptedException {
    URI probe = URI.create(url() + "/subjects");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + startTimeout.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("it exited with code " + process.exitValue());
      }
      try {
        HttpResponse<Void> response = http.send(
            HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
        last = "HTTP " + response.statusCode();
      } catch (ConnectException notListeningYet) {
        last = "connection refused";
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("GET " + probe + " gave no 200 within " + startTimeout.toMillis() + " ms (last: " + last + ")");
  }

  private static String tail(Path logFile) {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** @return the Confluent-compatible API root, {@code http://127.0.0.1:<port>/apis/ccompat/v7} */
  public String url() {
    if (!started) {
      throw new IllegalStateException("LocalSchemaRegistry is not started");
    }
    return "http://" + HOST + ":" + port + "/apis/ccompat/v7";
  }

  /** @return the child JVM's process, to check that it is alive or gone */
  public synchronized ProcessHandle processHandle() {
    if (process == null) {
      throw new IllegalStateException("LocalSchemaRegistry is not started");
    }
    return process.toHandle();
  }

  /**
   * Stops the child JVM and any processes it started: SIGTERM, up to 10 s to exit, then SIGKILL.
   * Deletes its log folder. Idempotent, and a no-op if never started.
   */
  @Override
  public synchronized void close() {
    if (closing.isClosed()) {
      return;
    }
    stop(true);
  }

  private void stop(boolean deleteLog) {
    closing.close();
    killProcessTree();
    if (deleteLog) {
      deleteLogDir();
    }
  }

  private void deleteLogDir() {
    TempFolders.delete(logDir, "registry log folder");
  }

  private void killProcessTree() {
    Process child = process;
    if (child != null) {
      // Descendants are listed before the parent goes, since they are re-parented once it is gone.
      List<ProcessHandle> descendants = child.descendants().toList();
      ChildProcesses.terminate(child.toHandle(), STOP_WAIT);
      descendants.forEach(handle -> ChildProcesses.terminate(handle, STOP_WAIT));
    }
  }
}

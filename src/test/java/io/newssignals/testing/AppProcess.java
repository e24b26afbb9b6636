package io.newssignals.testing;

import io.newssignals.local.TempFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The application as a real child JVM: {@code java -cp <this test classpath> io.newssignals.cli.Main
 * <args>}, with stdout and stderr in one log file. Close it in {@code finally} or {@code @AfterAll}:
 * {@link #close()} kills it if it still runs, and deletes its temp folder.
 *
 * <p>Each child has a temp folder of its own ({@code java.io.tmpdir}): RocksDB copies its native
 * library (15 MB) into the temp folder and deletes it only on a normal exit, so every child a test
 * kills left a copy in the machine's temp folder.
 */
public final class AppProcess implements AutoCloseable {

  /** Exit code of a JVM that ends on SIGTERM (128 + 15), after its shutdown hooks ran. */
  public static final int SIGTERM_EXIT = 143;

  /** What {@code run} logs once its shutdown hook has begun closing Kafka Streams cleanly. */
  public static final String CLOSING_LINE = "RUNNING -> PENDING_SHUTDOWN";

  /** What {@code run} prints on stderr once Kafka Streams is RUNNING. */
  public static final String RUNNING_LINE = "Kafka Streams is RUNNING";

  private final Process process;
  private final Path log;
  private final Path tempFolder;

  private AppProcess(Process process, Path log, Path tempFolder) {
    this.process = process;
    this.log = log;
    this.tempFolder = tempFolder;
  }

  /**
   * Starts {@code Main} with {@code args} in a JVM of at most 1 GiB heap.
   *
   * @param log file that receives stdout and stderr
   */
  public static AppProcess start(Path log, List<String> args) {
    Path tempFolder;
    try {
      tempFolder = Files.createTempDirectory("news-signals-app-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temp folder for the application", e);
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + tempFolder,
        "-cp", System.getProperty("java.class.path"),
        "io.newssignals.cli.Main"));
    command.addAll(args);
    try {
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .start();
      return new AppProcess(process, log, tempFolder);
    } catch (IOException e) {
      TempFolders.delete(tempFolder, "the application's temp folder");
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /**
   * Waits until the log has {@code line}.
   *
   * @throws IllegalStateException if the process exits first or the timeout passes; the message
   *     carries the log's tail
   */
  public AppProcess awaitLine(String line, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (output().contains(line)) {
        return this;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("exited with " + process.exitValue() + " before \"" + line + "\":\n" + tail());
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no \"" + line + "\" within " + timeout.toSeconds() + " s:\n" + tail());
  }

  /** SIGKILL: the JVM dies at once, no shutdown hook, no commit. Waits until it is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /**
   * SIGTERM: the shutdown hook closes Kafka Streams cleanly.
   *
   * @return the exit code
   * @throws IllegalStateException if it has not exited within {@code timeout} (it is then killed)
   */
  public int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      throw new IllegalStateException("did not stop within " + timeout.toSeconds() + " s:\n" + tail());
    }
    return process.exitValue();
  }

  /**
   * Waits for the process to exit by itself.
   *
   * @return the exit code
   * @throws IllegalStateException if it still runs after {@code timeout} (it is then killed)
   */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      throw new IllegalStateException("did not exit within " + timeout.toSeconds() + " s:\n" + tail());
    }
    return process.exitValue();
  }

  /** @return everything it printed so far */
  public String output() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the last 60 lines it printed */
  public String tail() {
    List<String> lines = output().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  /** Kills the process if it still runs, then deletes its temp folder. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
    TempFolders.delete(tempFolder, "the application's temp folder");
  }
}

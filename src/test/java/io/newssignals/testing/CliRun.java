package io.newssignals.testing;

import io.newssignals.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import picocli.CommandLine;

/**
 * Runs the news-signals command line in this JVM and keeps what it prints through picocli's out
 * and err writers (a command that writes to {@code System.out} itself, as {@code classify} does,
 * still does so). Not thread-safe; one per test.
 */
public final class CliRun {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** @return the exit code of {@code news-signals args...} */
  public int execute(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** @return everything printed to out so far */
  public String out() {
    return out.toString();
  }

  /** @return everything printed to err so far */
  public String err() {
    return err.toString();
  }

  /** Forgets what was printed, for a test that runs several commands. */
  public void clear() {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
  }

  /** @return a loopback port that nothing listens on: bound by the system, then released */
  public static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.newssignals.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code java -jar news-signals.jar}: one subcommand per job.
 *
 * <p>Exit codes: see {@link ExitCodes}. Numeric and duration options must be positive (see {@link
 * PositiveOptions}).
 */
@Command(
    name = "news-signals",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Turns AI-industry news into funding, hiring and expansion signals on Kafka.",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      IngestCommand.class,
      FeedsCommand.class,
      ClassifyCommand.class,
      EvaluateCommand.class,
      TailCommand.class,
      AlertsCommand.class,
      LagCommand.class,
      BenchCommand.class
    })
public final class Main implements Runnable {

  @Spec CommandSpec spec;

  /** Runs the command line and exits the JVM with the command's exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** @return the command line with every subcommand, for tests and {@link #main} */
  public static CommandLine commandLine() {
    // Usage errors keep picocli's own exit code, ExitCodes.USAGE; so do numbers out of range.
    return new CommandLine(new Main())
        .setExecutionStrategy(PositiveOptions.checkedBefore(new CommandLine.RunLast()))
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("error: " + describe(e));
          return ExitCodes.FAILURE;
        });
  }

  /** File errors carry only the path as message; say what happened to it. */
  private static String describe(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file: " + e.getMessage();
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied: " + e.getMessage();
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getFile() + ": " + f.getReason();
    }
    return e.getMessage();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version from the jar's manifest, or "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"news-signals " + (v == null ? "dev" : v)};
    }
  }
}

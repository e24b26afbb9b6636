package io.newssignals.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code java -jar news-signals.jar}: one subcommand per job.
 *
 * <p>Exit codes: see {@link ExitCodes}.
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
      TailCommand.class
    })
public final class Main implements Runnable {

  @Spec CommandSpec spec;

  /** Runs the command line and exits the JVM with the command's exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** @return the command line with every subcommand, for tests and {@link #main} */
  public static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setExitCodeExceptionMapper(e -> ExitCodes.FAILURE)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("error: " + e.getMessage());
          return ExitCodes.FAILURE;
        });
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

package io.newssignals.cli;

import io.newssignals.alerts.AlertLines;
import io.newssignals.alerts.AlertRules;
import io.newssignals.app.Demo;
import io.newssignals.app.Monitoring;
import io.newssignals.avro.Alert;
import io.newssignals.avro.Signal;
import io.newssignals.local.LocalStack;
import io.newssignals.output.SignalJson;
import io.newssignals.output.SignalLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the whole pipeline on the local default. Starts a KRaft broker and a schema
 * registry on 127.0.0.1, ingests sample news, runs the topology, prints each signal as it arrives,
 * then the alerts the signals raised, and stops everything once all input has been processed.
 * Serves {@code /metrics}, {@code /health} and {@code /ready} while it runs.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole pipeline on a local broker and schema registry.",
      "Both run on 127.0.0.1 and are started and stopped for you. Ingests news, prints each signal",
      "as it arrives, then the alerts they raised, and exits once all input is processed: 0, or 3",
      "if some input was rejected."
    })
public final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin MonitoringOptions monitoringOptions;

  @Option(
      names = "--input",
      defaultValue = "samples",
      description = "A .txt, .html, .htm or .jsonl file (or its .gz), or a folder (default: ${DEFAULT-VALUE}).")
  Path input;

  @Option(names = "--output", description = "Also write every signal to this file, as JSON Lines.")
  Path output;

  @Option(
      names = "--timeout",
      defaultValue = "120",
      description = "Seconds processing may take after ingest (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(
      names = "--alert-rules",
      description = "YAML file of alert rules (default: the built-in rules, as in config/alert-rules.yaml).")
  Path alertRules;

  @Override
  public Integer call() throws IOException {
    if (!Files.exists(input)) {
      throw new IllegalArgumentException(
          "No input at " + input.toAbsolutePath()
              + ": give an existing file or folder with --input (the default, samples, is in the project folder)");
    }
    // Checked now rather than after the whole run, which would then lose its output.
    Path outputFolder = output == null ? null : output.toAbsolutePath().getParent();
    if (outputFolder != null && !Files.isDirectory(outputFolder)) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '--output': no folder " + outputFolder);
    }
    AlertRules rules = alertRules == null ? AlertRules.DEFAULTS : AlertRules.load(alertRules);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    err.println("Starting a local Kafka broker and schema registry on 127.0.0.1...");
    Demo.Result result;
    // The stack is closed last: the monitor's lag checks talk to its broker until they stop.
    try (LocalStack stack = new LocalStack().start();
        Monitoring monitoring = monitoringOptions.start()) {
      err.println("Kafka at " + stack.bootstrapServers() + ", schema registry at "
          + stack.schemaRegistryUrl() + ", /metrics, /health and /ready on http://"
          + RunCommand.hostAndPort(monitoring));
      Demo demo = new Demo(stack.bootstrapServers(), stack.schemaRegistryUrl(),
          Duration.ofSeconds(timeoutSeconds), rules, monitoring);
      result = demo.run(List.of(input),
          signal -> { out.println(SignalLines.of(signal)); out.flush(); },
          dead -> { out.println("DEAD-LETTER " + SignalLines.of(dead)); out.flush(); });
    }
    // Alerts follow their signals by a commit or more: printed together, in a stable order.
    out.println();
    out.println("Alerts:");
    result.alerts().stream()
        .sorted(Comparator.comparing(Alert::getCompanyId).thenComparing(Alert::getRule)
            .thenComparing(Alert::getSummary))
        .forEach(alert -> out.println(AlertLines.of(alert)));
    if (result.alerts().isEmpty()) {
      out.println("(none)");
    }
    out.flush();
    if (output != null) {
      write(output, result.signals());
    }
    err.printf("ingest: %s%nsignals: %d, dead letters: %d, alerts: %d%n",
        result.ingest(), result.signals().size(), result.deadLetters().size(),
        result.alerts().size());
    if (result.ingest().failed() > 0) {
      return ExitCodes.FAILURE;
    }
    return result.ingest().rejected() > 0 ? ExitCodes.REJECTED_INPUT : ExitCodes.OK;
  }

  private static void write(Path file, List<Signal> signals) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Signal s : signals) {
        w.write(SignalJson.toLine(s));
        w.write('\n');
      }
    }
  }
}

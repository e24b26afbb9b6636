package io.newssignals.cli;

import io.newssignals.alerts.AlertFilter;
import io.newssignals.alerts.AlertJson;
import io.newssignals.alerts.AlertLines;
import io.newssignals.alerts.AlertPage;
import io.newssignals.alerts.AlertReader;
import io.newssignals.alerts.WebhookSink;
import io.newssignals.avro.Alert;
import io.newssignals.avro.Severity;
import io.newssignals.serde.HttpSchemaRegistryClient;
import io.newssignals.topology.Topics;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code alerts}: follow the alerts topic for analysts. Prints each alert that passes the filters
 * as a readable line (or JSON), and optionally posts it to a webhook and shows it on the live page
 * at {@code http://127.0.0.1:PORT/}. Reads read_committed, without a consumer group. {@code
 * --idle-timeout} counts from the moment the reader has its partitions, not from the start.
 */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description = {
      "Follow the alerts topic: print alerts, optionally post them to a webhook and serve a live",
      "page on 127.0.0.1. Filters apply to all three; repeat an option for alternatives."
    })
public final class AlertsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Mixin ReachabilityOption reachability;

  @Option(names = "--rule", description = "Only alerts of this rule name (repeatable).")
  List<String> rules = new ArrayList<>();

  @Option(names = "--severity", description = "Only this severity: ${COMPLETION-CANDIDATES} (repeatable).")
  List<Severity> severities = new ArrayList<>();

  @Option(names = "--company", description = "Only this company, by id or name, any case (repeatable).")
  List<String> companies = new ArrayList<>();

  @Option(names = "--json", description = "One JSON object a line instead of readable lines.")
  boolean json;

  @Option(names = "--from-beginning", description = "Start with the oldest alert kept, not at the end.")
  boolean fromBeginning;

  @Option(names = "--webhook", description = "POST each alert as JSON to this http(s) URL.")
  URI webhook;

  @Option(names = "--webhook-attempts", defaultValue = "5",
      description = "Attempts per alert before giving up on it (default ${DEFAULT-VALUE}).")
  int webhookAttempts;

  @Option(names = "--webhook-backoff-ms", defaultValue = "500",
      description = "Wait before the first retry, doubled for each next one (default ${DEFAULT-VALUE}).")
  long webhookBackoffMs;

  @Option(names = "--page", description = "Serve the live alerts page on 127.0.0.1.")
  boolean page;

  @PositiveOptions.Port
  @Option(names = "--port", defaultValue = "8088",
      description = "Port of the live page; 0 picks a free one (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--max-alerts", description = "Stop after this many alerts.")
  Long maxAlerts;

  @Option(names = "--idle-timeout",
      description = "Stop when no alert arrives for this many seconds once reading (default: never).")
  Long idleSeconds;

  @Override
  public Integer call() throws InterruptedException {
    AlertFilter filter = new AlertFilter(
        Set.copyOf(rules), new HashSet<>(severities), Set.copyOf(companies));
    WebhookSink sink;
    try {
      sink = webhook == null ? null : new WebhookSink(
          webhook, webhookAttempts, Duration.ofMillis(webhookBackoffMs), Duration.ofSeconds(10));
    } catch (IllegalArgumentException badUrl) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '--webhook': " + badUrl.getMessage());
    }
    Topics topics = new Topics(new HttpSchemaRegistryClient(connection.schemaRegistryUrl()));
    // Else the reader's consumer retries for a minute, logging each attempt.
    Optional<String> unreachable = reachability.problem(connection);
    if (unreachable.isPresent()) {
      spec.commandLine().getErr().println("error: " + unreachable.get());
      return ExitCodes.FAILURE;
    }
    PrintWriter out = spec.commandLine().getOut();
    List<Alert> batch = new ArrayList<>();
    long shown = 0;
    try (AlertPage livePage = page ? new AlertPage(port, 500) : null;
        AlertReader reader = new AlertReader(connection.clientSettingsMap(),
            connection.bootstrapServers(), Topics.ALERTS,
            topics.alerts().valueSerde().deserializer(), fromBeginning, batch::add)) {
      if (livePage != null) {
        spec.commandLine().getErr().println("Live alerts page at " + livePage.url());
      }
      // The reader has its partitions now: connecting to the cluster was not idle time.
      IdleTimeout idle = IdleTimeout.startingNow(idleSeconds);
      while (maxAlerts == null || shown < maxAlerts) {
        batch.clear();
        reader.poll(Duration.ofMillis(500));
        for (Alert alert : batch) {
          if (!filter.test(alert) || (maxAlerts != null && shown >= maxAlerts)) {
            continue;
          }
          out.println(json ? AlertJson.toLine(alert) : AlertLines.of(alert));
          out.flush();
          if (livePage != null) {
            livePage.accept(alert);
          }
          if (sink != null) {
            sink.deliver(alert);
          }
          shown++;
        }
        if (!batch.isEmpty()) {
          idle.activity();
        } else if (idle.expired()) {
          break;
        }
      }
    }
    return ExitCodes.OK;
  }
}

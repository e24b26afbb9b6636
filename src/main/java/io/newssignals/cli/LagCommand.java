package io.newssignals.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newssignals.ops.LagReport;
import io.newssignals.topology.StreamsSettings;
import io.newssignals.topology.Topics;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lag}: how far consumer groups are behind, per topic and partition, in records and in time
 * (age of the oldest unprocessed record), with totals per group. Always reports the Streams
 * application's group ({@code application.id} from {@code --config}, else {@value
 * StreamsSettings#DEFAULT_APPLICATION_ID}) on {@code news.raw} and the topics it has committed on,
 * plus each {@code --group}.
 */
@Command(
    name = "lag",
    mixinStandardHelpOptions = true,
    description = {
      "Show the lag of the Streams application's consumer group (and of any --group):",
      "committed offset, log-end offset, lag in records and in time, per partition and in total."
    })
public final class LagCommand implements Callable<Integer> {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Mixin ReachabilityOption reachability;

  @Option(names = "--group", description = "Another consumer group to report (repeatable).")
  List<String> groups = new ArrayList<>();

  @Option(
      names = "--topic",
      description = "Report these topics (repeatable) instead of those each group has committed on.")
  List<String> topics = new ArrayList<>();

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table or json (one JSON object per report) (default ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--watch", description = "Refresh every --interval seconds until Ctrl-C.")
  boolean watch;

  @Option(
      names = "--interval",
      defaultValue = "5",
      description = "Seconds between two reports with --watch (default ${DEFAULT-VALUE}).")
  long intervalSeconds;

  /** Output formats. */
  enum Format { table, json }

  @Override
  public Integer call() throws InterruptedException, ExecutionException {
    // Else the admin client and consumer retry for a minute, logging each attempt.
    Optional<String> unreachable = reachability.problem(connection);
    if (unreachable.isPresent()) {
      spec.commandLine().getErr().println("error: " + unreachable.get());
      return ExitCodes.FAILURE;
    }
    Map<String, Object> settings = connection.clientSettingsMap();
    settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
    String appGroup = (String) settings.getOrDefault(
        StreamsConfig.APPLICATION_ID_CONFIG, StreamsSettings.DEFAULT_APPLICATION_ID);
    // Streams-only keys would only make the clients warn about unknown settings.
    settings.remove(StreamsConfig.APPLICATION_ID_CONFIG);
    Set<String> allGroups = new LinkedHashSet<>();
    allGroups.add(appGroup);
    allGroups.addAll(groups);
    PrintWriter out = spec.commandLine().getOut();
    try (Admin admin = Admin.create(settings);
        KafkaConsumer<byte[], byte[]> consumer = LagReport.consumer(settings)) {
      while (true) {
        Map<String, Set<String>> topicsByGroup = new LinkedHashMap<>();
        for (String group : allGroups) {
          Set<String> reported = new LinkedHashSet<>(topics);
          if (topics.isEmpty()) {
            // news.raw even before the application has committed there, once the topic exists.
            if (group.equals(appGroup) && admin.listTopics().names().get().contains(Topics.RAW)) {
              reported.add(Topics.RAW);
            }
            reported.addAll(LagReport.committedTopics(admin, group));
          }
          topicsByGroup.put(group, reported);
        }
        LagReport report = LagReport.read(
            admin, consumer, topicsByGroup, Clock.systemUTC(), LagReport.FETCH_TIMEOUT);
        out.print(format == Format.json ? json(report) + "\n" : table(report));
        out.flush();
        if (!watch) {
          return ExitCodes.OK;
        }
        Thread.sleep(Duration.ofSeconds(intervalSeconds).toMillis());
      }
    }
  }

  /** @return the report as one line of JSON: {@code {"at","groups":[{"group","lag","lagMs","partitions":[...]}]}} */
  static String json(LagReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("at", report.at().toString());
    ArrayNode groups = root.putArray("groups");
    for (LagReport.Group g : report.groups()) {
      ObjectNode group = groups.addObject();
      group.put("group", g.group());
      group.put("lag", g.lag());
      group.put("lagMs", g.lagMs());
      ArrayNode partitions = group.putArray("partitions");
      for (LagReport.Partition p : g.partitions()) {
        partitions.addObject()
            .put("topic", p.topic())
            .put("partition", p.partition())
            .put("committedOffset", p.committedOffset())
            .put("endOffset", p.endOffset())
            .put("lag", p.lag())
            .put("lagMs", p.lagMs());
      }
    }
    return root.toString();
  }

  /** @return the report as an aligned table, one row per partition and a TOTAL row per group */
  static String table(LagReport report) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"GROUP", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG", "LAG-TIME"});
    for (LagReport.Group g : report.groups()) {
      for (LagReport.Partition p : g.partitions()) {
        rows.add(new String[] {
          g.group(), p.topic(), Integer.toString(p.partition()),
          p.committedOffset() < 0 ? "-" : Long.toString(p.committedOffset()),
          Long.toString(p.endOffset()), Long.toString(p.lag()), duration(p.lagMs())
        });
      }
      rows.add(new String[] {
        g.group(), "TOTAL", "", "", "", Long.toString(g.lag()), duration(g.lagMs())
      });
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder text = new StringBuilder(report.at().toString()).append('\n');
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(String.format("%-" + widths[i] + "s", row[i])).append("  ");
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }

  /** @return ms as {@code 0 s}, {@code 4.2 s}, {@code 3 min 5 s}, {@code 2 h 3 min}; {@code ?} when unknown */
  static String duration(long ms) {
    if (ms < 0) {
      return "?";
    }
    Duration d = Duration.ofMillis(ms);
    if (d.toMinutes() == 0) {
      return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    if (d.toHours() == 0) {
      return d.toMinutesPart() + " min " + d.toSecondsPart() + " s";
    }
    return d.toHours() + " h " + d.toMinutesPart() + " min";
  }
}

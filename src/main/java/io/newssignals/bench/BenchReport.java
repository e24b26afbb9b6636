package io.newssignals.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of one bench run and their table.
 *
 * @param items items timed in each throughput stage
 * @param itemBytes target size of each item, UTF-8 bytes of title plus body
 * @param ceiling plain producer to plain consumer through the broker
 * @param identity identity Kafka Streams topology under exactly_once_v2
 * @param full the signal topology from the raw topic to the signal topics
 * @param fullThreads how each stream thread of the full pipeline spent its time, in thread order
 * @param fullThreadsWindow the span Kafka Streams averaged those ratios over
 * @param latencyWarmUpItems items the latency stage sent at its rate, untimed, before those it
 *     measured
 * @param offeredRate items/s sent in the latency stage
 * @param latencyItems items measured in the latency stage, after the untimed ones
 * @param latencyLost of those, items whose signal was not readable before the stage's deadline
 * @param latencyP50Ms median produce-to-readable latency, ms
 * @param latencyP99Ms 99th percentile, ms
 * @param latencyMaxMs worst, ms
 * @param peakHeapMb highest used heap sampled in this JVM (the app and its clients, and the broker
 *     when it runs in this JVM), MB
 * @param maxHeapMb the JVM's heap limit ({@code -Xmx}), MB
 * @param peakResidentMb peak resident set of this process ({@code VmHWM}), MB; -1 off Linux
 * @param brokerResidentMb peak resident set of the broker's own JVM, MB; -1 when the broker runs
 *     elsewhere or in this JVM, or off Linux
 */
public record BenchReport(
    int items,
    int itemBytes,
    Stage ceiling,
    Stage identity,
    Stage full,
    List<ThreadTime> fullThreads,
    RatioWindow fullThreadsWindow,
    int latencyWarmUpItems,
    int offeredRate,
    int latencyItems,
    int latencyLost,
    double latencyP50Ms,
    double latencyP99Ms,
    double latencyMaxMs,
    double peakHeapMb,
    double maxHeapMb,
    double peakResidentMb,
    double brokerResidentMb) {

  /**
   * One throughput stage.
   *
   * @param itemsPerSecond timed items over the time from their first send until the last one's
   *     output was readable
   * @param warmUpItems items sent through the stage, untimed, before the timed ones
   * @param warmUpSeconds how long that took
   * @param warmUpSettled whether the warm-up ended because the JIT compiler settled, rather than
   *     at the {@code --warm-up} limit (or with no warm-up at all)
   * @param jitShare JIT compiler time per wall-clock time during the timed items (0.1: a tenth
   *     of one core), the part of the machine the timed items did not get
   */
  public record Stage(double itemsPerSecond, int warmUpItems, double warmUpSeconds, boolean warmUpSettled,
      double jitShare) {

    /**
     * @return e.g. {@code 2,000 items after 8,000 warm-up (12 s); JIT 6%}, with {@code , limit
     *     reached} after the seconds when the warm-up stopped before the compiler settled
     */
    String note(int items) {
      return fixed(items, 0) + " items after " + fixed(warmUpItems, 0) + " warm-up (" + fixed(warmUpSeconds, 0)
          + " s" + (warmUpItems > 0 && !warmUpSettled ? ", limit reached" : "") + "); JIT "
          + fixed(100 * jitShare, 0) + "%";
    }
  }

  /**
   * How a stream thread spent its wall-clock time, from Kafka Streams' own thread metrics (group
   * {@code stream-thread-metrics}: {@code process-ratio}, {@code punctuate-ratio}, {@code
   * poll-ratio}, {@code commit-ratio}), each a share from 0 to 1 averaged over Kafka's metrics
   * window ({@link RatioWindow}). Kafka Streams records 0 for a thread that did nothing; NaN here
   * means it did not report the ratio at all.
   *
   * @param thread the thread's id, e.g. {@code <client id>-StreamThread-1}
   * @param process running records through the tasks' processors
   * @param punctuate running scheduled punctuations (the dedup store's purge)
   * @param poll polling the consumer, waiting for records included
   * @param commit committing the tasks: under exactly-once, flushing the producer and committing
   *     its transaction
   */
  public record ThreadTime(String thread, double process, double punctuate, double poll, double commit) {

    /**
     * @return the thread's own work, processing and punctuations, 0 to 1; a ratio not reported
     *     counts as 0 unless neither was
     */
    double busy() {
      if (Double.isNaN(process) && Double.isNaN(punctuate)) {
        return Double.NaN;
      }
      return (Double.isNaN(process) ? 0 : process) + (Double.isNaN(punctuate) ? 0 : punctuate);
    }

    /** @return e.g. {@code 74/4/14/7}: the four shares in per cent */
    String shares() {
      return percent(process) + "/" + percent(punctuate) + "/" + percent(poll) + "/" + percent(commit);
    }

    private static String percent(double share) {
      return Double.isNaN(share) ? "n/a" : fixed(100 * share, 0);
    }
  }

  /**
   * The span of Kafka's metrics that a ratio averages over: the current sample and the ones
   * before it, {@code metrics.num.samples} samples of {@code metrics.sample.window.ms} each (2 of
   * 30 s by default, so the last 30 to 60 s).
   *
   * @param samples {@code metrics.num.samples}
   * @param sampleSeconds {@code metrics.sample.window.ms}, in seconds
   */
  public record RatioWindow(int samples, double sampleSeconds) {

    /** @return e.g. {@code last 30-60 s}: as short as the current sample has just begun */
    String describe() {
      return "last " + fixed((samples - 1) * sampleSeconds, 0) + "-" + fixed(samples * sampleSeconds, 0) + " s";
    }
  }

  /** Row labels of {@link #table()}, in order. */
  public static final List<String> ROWS = List.of(
      "broker ceiling", "identity streams", "full pipeline", "stream thread", "full / identity", "full / ceiling",
      "latency p50", "latency p99", "latency max", "peak heap", "peak resident");

  /** @return full pipeline over the identity topology: the cost of our own processing */
  public double fullOverIdentity() {
    return full.itemsPerSecond() / identity.itemsPerSecond();
  }

  /** @return full pipeline over the plain-client ceiling */
  public double fullOverCeiling() {
    return full.itemsPerSecond() / ceiling.itemsPerSecond();
  }

  /** @return one row per {@link #ROWS} label: label, value, unit, what it is measured against */
  public List<List<String>> rows() {
    List<List<String>> rows = new ArrayList<>();
    String latencyNote = "at " + offeredRate + " items/s, " + latencyItems + " items"
        + (latencyLost > 0 ? ", " + latencyLost + " not seen" : "") + ", after "
        + latencyWarmUpItems + " untimed";
    rows.add(List.of(ROWS.get(0), fixed(ceiling.itemsPerSecond(), 0), "items/s",
        "plain producer -> consumer; " + ceiling.note(items)));
    rows.add(List.of(ROWS.get(1), fixed(identity.itemsPerSecond(), 0), "items/s",
        "exactly_once_v2, copy only; " + identity.note(items)));
    rows.add(List.of(ROWS.get(2), fixed(full.itemsPerSecond(), 0), "items/s",
        "raw -> signal topics; " + full.note(items)));
    rows.add(streamThreadRow());
    rows.add(List.of(ROWS.get(4), fixed(fullOverIdentity(), 2), "ratio", "target >= 0.80"));
    rows.add(List.of(ROWS.get(5), fixed(fullOverCeiling(), 2), "ratio", ""));
    rows.add(List.of(ROWS.get(6), fixed(latencyP50Ms, 0), "ms", latencyNote));
    rows.add(List.of(ROWS.get(7), fixed(latencyP99Ms, 0), "ms", "target < 250 ms at 1000 items/s"));
    rows.add(List.of(ROWS.get(8), fixed(latencyMaxMs, 0), "ms", "produce -> read_committed"));
    rows.add(List.of(ROWS.get(9), fixed(peakHeapMb, 0), "MB", "this JVM, of " + fixed(maxHeapMb, 0) + " MB max; target < 512"));
    rows.add(List.of(ROWS.get(10), peakResidentMb < 0 ? "n/a" : fixed(peakResidentMb, 0), "MB",
        "VmHWM of this JVM" + (brokerResidentMb < 0 ? "" : "; the broker's own JVM: " + fixed(brokerResidentMb, 0) + " MB")));
    return rows;
  }

  /**
   * @return the busiest stream thread's {@link ThreadTime#busy()} in per cent, and each thread's
   *     shares; {@code n/a} when no thread recorded any
   */
  List<String> streamThreadRow() {
    double busiest = fullThreads.stream().mapToDouble(ThreadTime::busy).filter(busy -> !Double.isNaN(busy))
        .max().orElse(Double.NaN);
    String shares = fullThreads.stream().map(ThreadTime::shares).collect(Collectors.joining(", "));
    return List.of(ROWS.get(3), Double.isNaN(busiest) ? "n/a" : fixed(100 * busiest, 0), "%",
        "busiest thread's process + punctuate; process/punctuate/poll/commit "
            + (shares.isEmpty() ? "n/a" : shares) + "% (Kafka Streams' thread ratios, "
            + fullThreadsWindow.describe() + ")");
  }

  /** @return the rows as an aligned text table with a header line */
  public String table() {
    List<List<String>> lines = new ArrayList<>();
    lines.add(List.of("figure", "value", "unit", "note"));
    lines.addAll(rows());
    int[] widths = new int[4];
    for (List<String> line : lines) {
      for (int i = 0; i < 4; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> line : lines) {
      out.append(String.format(Locale.ROOT, "%-" + widths[0] + "s  %" + widths[1] + "s  %-" + widths[2] + "s  %s",
          line.get(0), line.get(1), line.get(2), line.get(3)).stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** Writes every field and both ratios as one JSON object. */
  public void writeJson(Path file) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>(new ObjectMapper().convertValue(this, Map.class));
    json.put("fullOverIdentity", fullOverIdentity());
    json.put("fullOverCeiling", fullOverCeiling());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
  }

  private static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }
}

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

/**
 * The figures of one bench run and their table.
 *
 * @param items items timed in each throughput stage
 * @param warmUpItems items sent through each throughput stage, untimed, before the timed ones
 * @param itemBytes target size of each item, UTF-8 bytes of title plus body
 * @param ceilingItemsPerSecond plain producer to plain consumer through the broker, items/s
 * @param identityItemsPerSecond identity Kafka Streams topology under exactly_once_v2, items/s
 * @param fullItemsPerSecond the signal topology from the raw topic to the signal topics, items/s
 * @param offeredRate items/s sent in the latency stage
 * @param latencyItems items sent in the latency stage
 * @param latencyLost of those, items whose signal was not readable before the stage's deadline
 * @param latencyP50Ms median produce-to-readable latency, ms
 * @param latencyP99Ms 99th percentile, ms
 * @param latencyMaxMs worst, ms
 * @param peakHeapMb highest used heap sampled in this JVM (app, broker and clients), MB
 * @param maxHeapMb the JVM's heap limit ({@code -Xmx}), MB
 * @param peakResidentMb peak resident set of this process ({@code VmHWM}), MB; -1 off Linux
 */
public record BenchReport(
    int items,
    int warmUpItems,
    int itemBytes,
    double ceilingItemsPerSecond,
    double identityItemsPerSecond,
    double fullItemsPerSecond,
    int offeredRate,
    int latencyItems,
    int latencyLost,
    double latencyP50Ms,
    double latencyP99Ms,
    double latencyMaxMs,
    double peakHeapMb,
    double maxHeapMb,
    double peakResidentMb) {

  /** Row labels of {@link #table()}, in order. */
  public static final List<String> ROWS = List.of(
      "broker ceiling", "identity streams", "full pipeline", "full / identity", "full / ceiling",
      "latency p50", "latency p99", "latency max", "peak heap", "peak resident");

  /** @return full pipeline over the identity topology: the cost of our own processing */
  public double fullOverIdentity() {
    return fullItemsPerSecond / identityItemsPerSecond;
  }

  /** @return full pipeline over the plain-client ceiling */
  public double fullOverCeiling() {
    return fullItemsPerSecond / ceilingItemsPerSecond;
  }

  /** @return one row per {@link #ROWS} label: label, value, unit, what it is measured against */
  public List<List<String>> rows() {
    List<List<String>> rows = new ArrayList<>();
    String latencyNote = "at " + offeredRate + " items/s, " + latencyItems + " items"
        + (latencyLost > 0 ? ", " + latencyLost + " not seen" : "");
    rows.add(List.of(ROWS.get(0), fixed(ceilingItemsPerSecond, 0), "items/s",
        "plain producer -> consumer; " + items + " items after " + warmUpItems + " warm-up"));
    rows.add(List.of(ROWS.get(1), fixed(identityItemsPerSecond, 0), "items/s", "exactly_once_v2, copy only"));
    rows.add(List.of(ROWS.get(2), fixed(fullItemsPerSecond, 0), "items/s", "raw -> signal topics"));
    rows.add(List.of(ROWS.get(3), fixed(fullOverIdentity(), 2), "ratio", "target >= 0.80"));
    rows.add(List.of(ROWS.get(4), fixed(fullOverCeiling(), 2), "ratio", ""));
    rows.add(List.of(ROWS.get(5), fixed(latencyP50Ms, 0), "ms", latencyNote));
    rows.add(List.of(ROWS.get(6), fixed(latencyP99Ms, 0), "ms", "target < 250 ms"));
    rows.add(List.of(ROWS.get(7), fixed(latencyMaxMs, 0), "ms", "produce -> read_committed"));
    rows.add(List.of(ROWS.get(8), fixed(peakHeapMb, 0), "MB", "of " + fixed(maxHeapMb, 0) + " MB max; target < 512"));
    rows.add(List.of(ROWS.get(9), peakResidentMb < 0 ? "n/a" : fixed(peakResidentMb, 0), "MB",
        "VmHWM; broker in-process"));
    return rows;
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

package io.newssignals.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Scores of one evaluation run: detection counts per language and signal type, exact-match counts
 * per field, and every miss with its item id.
 *
 * <p>Precision is TP / (TP + FP), recall TP / (TP + FN), F1 their harmonic mean. A language's
 * macro F1 is the mean F1 over the signal types that occur in it (labelled or returned); a type
 * with neither has no F1 and is left out rather than counted as perfect or as zero.
 */
public final class EvaluationReport {

  /** Outcome of one (item, type) decision. */
  public enum Outcome { TP, FP, FN }

  /** Signal types, in report order. */
  public static final List<String> TYPES = List.of("FUNDING", "HIRING", "EXPANSION");

  /** Fields scored by exact match, in report order. */
  public static final List<String> FIELDS = List.of("amount", "valuation", "company", "locations");

  private final String split;
  private final Map<String, int[]> counts = new TreeMap<>();
  private final Map<String, int[]> items = new TreeMap<>();
  private final Map<String, int[]> fields = new TreeMap<>();
  private final List<String> misses = new ArrayList<>();

  EvaluationReport(String split) {
    this.split = split;
  }

  void item(String language, boolean languageDetected) {
    int[] c = items.computeIfAbsent(language, k -> new int[2]);
    c[0]++;
    c[1] += languageDetected ? 1 : 0;
  }

  void detection(CorpusItem item, String type, Outcome outcome, String detail) {
    counts.computeIfAbsent(item.language() + "/" + type, k -> new int[3])[outcome.ordinal()]++;
    if (outcome != Outcome.TP) {
      misses.add(item.id() + " [" + item.split() + "] " + outcome + " " + type + ": " + detail);
    }
  }

  void field(CorpusItem item, String field, boolean matched, String detail) {
    int[] c = fields.computeIfAbsent(field, k -> new int[2]);
    c[0]++;
    c[1] += matched ? 1 : 0;
    if (!matched) {
      misses.add(item.id() + " [" + item.split() + "] " + field + ": " + detail);
    }
  }

  /** Languages evaluated, as ISO 639-1 codes in alphabetical order. */
  public List<String> languages() {
    return List.copyOf(items.keySet());
  }

  /** F1 of one type in one language; empty when the type neither was labelled nor returned there. */
  public OptionalDouble f1(String language, String type) {
    int[] c = counts.getOrDefault(language + "/" + type, new int[3]);
    if (c[0] + c[1] + c[2] == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(2.0 * c[0] / (2.0 * c[0] + c[1] + c[2]));
  }

  /** Mean F1 over the types that occur in {@code language}; 1 when none does (nothing to get wrong). */
  public double macroF1(String language) {
    return TYPES.stream().map(t -> f1(language, t)).filter(OptionalDouble::isPresent)
        .mapToDouble(OptionalDouble::getAsDouble).average().orElse(1.0);
  }

  /** Share of scored cases where {@code field} matched exactly; 1 when none was scored. */
  public double exactMatch(String field) {
    int[] c = fields.getOrDefault(field, new int[2]);
    return c[0] == 0 ? 1.0 : (double) c[1] / c[0];
  }

  /** Every false positive, false negative and field mismatch, one line each. */
  public List<String> misses() {
    return List.copyOf(misses);
  }

  /** The report as text: a table per language and type, the exact-match rates, the misses. */
  public String format() {
    StringBuilder out = new StringBuilder();
    int total = items.values().stream().mapToInt(c -> c[0]).sum();
    out.append(String.format(Locale.ROOT, "split %s: %d items%n", split, total));
    out.append(String.format(Locale.ROOT, "%-5s %5s %8s", "lang", "items", "lang-ok"));
    for (String type : TYPES) {
      out.append(String.format(Locale.ROOT, " | %-9s %5s %5s %5s", type, "P", "R", "F1"));
    }
    out.append(String.format(Locale.ROOT, " | %s%n", "macro-F1"));
    for (String language : items.keySet()) {
      int[] i = items.get(language);
      out.append(String.format(Locale.ROOT, "%-5s %5d %8.3f", language, i[0], (double) i[1] / i[0]));
      for (String type : TYPES) {
        int[] c = counts.getOrDefault(language + "/" + type, new int[3]);
        out.append(String.format(Locale.ROOT, " | %3d/%2d/%2d %5s %5s %5s", c[0], c[1], c[2],
            ratio(c[0], c[0] + c[1]), ratio(c[0], c[0] + c[2]),
            f1(language, type).isPresent() ? String.format(Locale.ROOT, "%.3f", f1(language, type).getAsDouble()) : "-"));
      }
      out.append(String.format(Locale.ROOT, " | %.3f%n", macroF1(language)));
    }
    out.append("(TP/FP/FN per type)\n");
    out.append("exact match:");
    for (String field : FIELDS) {
      int[] c = fields.getOrDefault(field, new int[2]);
      out.append(String.format(Locale.ROOT, " %s %.3f (%d/%d)", field, exactMatch(field), c[1], c[0]));
    }
    out.append('\n');
    out.append("misses: ").append(misses.size()).append('\n');
    misses.forEach(m -> out.append("  ").append(m).append('\n'));
    return out.toString();
  }

  private static String ratio(int numerator, int denominator) {
    return denominator == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) numerator / denominator);
  }
}

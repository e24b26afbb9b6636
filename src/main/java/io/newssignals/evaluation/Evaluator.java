package io.newssignals.evaluation;

import io.newssignals.avro.Money;
import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.extract.CompanyIds;
import io.newssignals.extract.LanguageDetector;
import io.newssignals.extract.SignalExtractor;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs an extractor over labelled items and scores it against the labels.
 *
 * <p>Detection is scored per item and signal type: an expected type the extractor returns is a
 * true positive, one it misses a false negative, one it returns without a label a false positive.
 * Fields are scored on true positives only, as exact matches: the company by its id ({@link
 * CompanyIds#normalise} of the label); amount and valuation by value (relative difference below
 * 1e-9) and currency, wherever the label or the signal has one; the locations of an EXPANSION as
 * the set of English names. Items are given to the extractor without a language hint, so language
 * detection is part of what is scored.
 */
public final class Evaluator {

  private static final double SAME_VALUE = 1e-9;
  private static final Instant INGESTED = Instant.EPOCH;

  private final SignalExtractor extractor;

  /** An evaluator of {@code extractor}. */
  public Evaluator(SignalExtractor extractor) {
    this.extractor = extractor;
  }

  /** Scores the extractor on {@code items}; {@code split} is the label of the report ("dev", "test", "all"). */
  public EvaluationReport evaluate(List<CorpusItem> items, String split) {
    EvaluationReport report = new EvaluationReport(split);
    for (CorpusItem item : items) {
      NewsItem news = NewsItem.newBuilder()
          .setId(item.id())
          .setTitle(item.title())
          .setBody(item.body())
          .setIngestedAt(INGESTED)
          .build();
      List<Signal> signals = extractor.extract(news);
      Optional<String> detected = LanguageDetector.shared().detect(item.title() + "\n" + item.body());
      report.item(item.language(), detected.map(item.language()::equals).orElse(false));
      score(item, signals, report);
    }
    return report;
  }

  private static void score(CorpusItem item, List<Signal> signals, EvaluationReport report) {
    Map<String, Signal> byType = signals.stream()
        .collect(Collectors.toMap(s -> s.getType().name(), Function.identity(), (a, b) -> a));
    Set<String> expectedTypes = new HashSet<>();
    for (CorpusItem.Expected e : item.expected()) {
      expectedTypes.add(e.type());
      Signal s = byType.get(e.type());
      if (s == null) {
        report.detection(item, e.type(), EvaluationReport.Outcome.FN, "expected " + e.company());
        continue;
      }
      report.detection(item, e.type(), EvaluationReport.Outcome.TP, null);
      String expectedId = CompanyIds.normalise(e.company());
      report.field(item, "company", expectedId.equals(s.getCompanyId()),
          e.type() + " company " + e.company() + " [" + expectedId + "], got " + s.getCompany() + " [" + s.getCompanyId() + "]");
      if (e.type().equals("FUNDING")) {
        if (e.amount() != null || s.getAmount() != null) {
          report.field(item, "amount", same(e.amount(), s.getAmount()),
              "amount " + show(e.amount()) + ", got " + show(s.getAmount()));
        }
        if (e.valuation() != null || s.getValuation() != null) {
          report.field(item, "valuation", same(e.valuation(), s.getValuation()),
              "valuation " + show(e.valuation()) + ", got " + show(s.getValuation()));
        }
      }
      if (e.type().equals("EXPANSION")) {
        Set<String> got = s.getLocations().stream().map(l -> l.getName()).collect(Collectors.toSet());
        report.field(item, "locations", got.equals(Set.copyOf(e.locations())),
            "locations " + e.locations() + ", got " + got);
      }
    }
    for (Signal s : signals) {
      if (!expectedTypes.contains(s.getType().name())) {
        report.detection(item, s.getType().name(), EvaluationReport.Outcome.FP,
            "got " + s.getCompany() + " from \"" + s.getEvidence().get(0).getText() + "\"");
      }
    }
  }

  private static boolean same(CorpusItem.Sum expected, Money actual) {
    if (expected == null || actual == null) {
      return false;
    }
    double scale = Math.max(Math.abs(expected.value()), 1);
    return expected.currency().equals(actual.getCurrency())
        && Math.abs(expected.value() - actual.getValue()) / scale < SAME_VALUE;
  }

  private static String show(CorpusItem.Sum sum) {
    return sum == null ? "none" : sum.value() + " " + sum.currency();
  }

  private static String show(Money money) {
    return money == null ? "none" : money.getValue() + " " + money.getCurrency() + " (\"" + money.getText() + "\")";
  }
}

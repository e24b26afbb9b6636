package io.newssignals.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newssignals.extract.LexiconSignalExtractor;
import io.newssignals.testing.ProjectFiles;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The extractor on the whole labelled corpus (corpus/*.jsonl): fails when any language's macro F1
 * drops below 0.90 or amount exact match below 0.95; and the corpus keeps the size and mix the
 * issue asks for.
 */
class CorpusEvaluationTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
  private static List<CorpusItem> items;
  private static EvaluationReport report;

  @BeforeAll
  static void evaluate() {
    items = Corpus.read(ProjectFiles.corpusDir());
    report = new Evaluator(new LexiconSignalExtractor(CLOCK)).evaluate(items, "all");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"en", "es", "fr", "de", "pt", "it"})
  void macroF1OfEveryLanguageIsAtLeast090(String language) {
    assertTrue(report.macroF1(language) >= 0.90, () -> language + " macro F1 " + report.macroF1(language)
        + "\n" + report.format());
  }

  @Test
  void amountsMatchExactlyAtLeast95PercentOfTheTime() {
    assertTrue(report.exactMatch("amount") >= 0.95, report::format);
  }

  @Test
  void corpusHasAtLeast420ItemsAnd60PerLanguageAndAThirdNegativeOrHard() {
    Map<String, Long> perLanguage = items.stream().collect(Collectors.groupingBy(CorpusItem::language, Collectors.counting()));
    long negativeOrHard = items.stream().filter(i -> !i.kind().equals("positive")).count();

    assertTrue(items.size() >= 420, "items: " + items.size());
    assertEquals(List.of("de", "en", "es", "fr", "it", "pt"), perLanguage.keySet().stream().sorted().toList());
    perLanguage.forEach((language, n) -> assertTrue(n >= 60, language + ": " + n));
    assertTrue(negativeOrHard * 3 >= items.size(), "negative or hard: " + negativeOrHard);
  }

  @Test
  void negativesHaveNoExpectedSignal() {
    assertEquals(List.of(), items.stream()
        .filter(i -> i.kind().equals("negative") && !i.expected().isEmpty()).map(CorpusItem::id).toList());
  }

}

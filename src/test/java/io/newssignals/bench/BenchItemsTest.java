package io.newssignals.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.extract.LexiconSignalExtractor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BenchItemsTest {

  private final List<NewsItem> items = BenchItems.generate(60, 3072, BenchItems.LANGUAGES, false, 8);

  @Test
  void theSameSeedGivesTheSameItems() {
    assertEquals(items, BenchItems.generate(60, 3072, BenchItems.LANGUAGES, false, 8));
    assertEquals(60, items.stream().map(NewsItem::getId).distinct().count());
  }

  @Test
  void eachItemReachesItsSizeByLessThanOneSentence() {
    for (NewsItem item : items) {
      int bytes = (item.getTitle() + item.getBody()).getBytes(StandardCharsets.UTF_8).length;
      assertEquals(true, bytes >= 3072 && bytes < 3072 + 200, item.getId() + ": " + bytes);
    }
  }

  @Test
  void everyItemYieldsOneSignalAndLanguagesAndTypesAreEven() {
    LexiconSignalExtractor extractor = new LexiconSignalExtractor(Clock.systemUTC());
    Map<String, Integer> counts = new TreeMap<>();
    for (NewsItem item : items) {
      List<Signal> signals = extractor.extract(item);
      assertEquals(1, signals.size(), item.getTitle());
      counts.merge(signals.get(0).getLanguage() + " " + signals.get(0).getType(), 1, Integer::sum);
    }
    assertEquals(Map.of("en EXPANSION", 10, "en FUNDING", 10, "en HIRING", 10,
        "es EXPANSION", 10, "es FUNDING", 10, "es HIRING", 10), counts);
  }

  @Test
  void aLaterBatchHasItsOwnIdsAndTwoWordCompaniesAndStartsAtTheTimeGiven() {
    Instant start = Instant.parse("2025-01-05T08:00:00Z");
    List<NewsItem> later = BenchItems.generate(10_000_000, 3, 800, BenchItems.LANGUAGES, false, 8, start);
    assertEquals(List.of("https://bench.news-signals.invalid/en/10000000",
            "https://bench.news-signals.invalid/es/10000001", "https://bench.news-signals.invalid/en/10000002"),
        later.stream().map(NewsItem::getUrl).toList());
    assertEquals(List.of(start, start.plusSeconds(1), start.plusSeconds(2)),
        later.stream().map(NewsItem::getPublishedAt).toList());
    // 10,000,000 = 38,461 * 260 + 140: word 140 of 260 (Sol-ada), then word 38,461 mod 260 = 241 (Kiv-ara).
    assertEquals(true, later.get(0).getTitle().startsWith("Solada Kivara "), later.get(0).getTitle());
  }

  @Test
  void companiesOfTwoWordsYieldOneSignalEachNamingTheWholeCompany() {
    LexiconSignalExtractor extractor = new LexiconSignalExtractor(Clock.systemUTC());
    List<NewsItem> later = BenchItems.generate(67_000, 60, 3072, BenchItems.LANGUAGES, false, 8,
        BenchItems.FIRST_PUBLISHED);
    for (NewsItem item : later) {
      List<Signal> signals = extractor.extract(item);
      assertEquals(1, signals.size(), item.getTitle());
      String company = signals.get(0).getCompany();
      assertEquals(true, item.getTitle().startsWith(company + " ") && company.split(" ").length >= 2,
          company + " / " + item.getTitle());
    }
  }
}

package io.newssignals.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.extract.LexiconSignalExtractor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
}

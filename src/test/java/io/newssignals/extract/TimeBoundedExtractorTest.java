package io.newssignals.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newssignals.avro.NewsItem;
import io.newssignals.extract.TimeBoundedExtractor.ExtractionTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimeBoundedExtractorTest {

  private static final NewsItem ITEM = TestItems.item("item-7", "Acme raises $5 million", "Acme raised $5 million.", "en");

  @Test
  void anItemOverItsBudgetIsAbandonedWithTheBudgetInTheReason() throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    SignalExtractor stuck = item -> {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.onSpinWait();
      }
      stopped.countDown();
      return List.of();
    };
    try (TimeBoundedExtractor bounded = new TimeBoundedExtractor(stuck, Duration.ofMillis(200))) {
      long start = System.nanoTime();
      ExtractionTimeoutException e = assertThrows(ExtractionTimeoutException.class, () -> bounded.extract(ITEM));
      long tookMs = (System.nanoTime() - start) / 1_000_000;

      assertEquals("extraction of item item-7 exceeded its time budget of 200 ms", e.getMessage());
      assertTrue(tookMs >= 200 && tookMs < 5_000, "took " + tookMs + " ms");
      assertTrue(stopped.await(5, TimeUnit.SECONDS), "the worker was not interrupted");
    }
  }

  @Test
  void theDelegatesResultAndExceptionsPassThroughUnchanged() {
    IllegalStateException boom = new IllegalStateException("boom");
    SignalExtractor real = new LexiconSignalExtractor(TestItems.CLOCK);
    try (TimeBoundedExtractor bounded = new TimeBoundedExtractor(real, Duration.ofSeconds(60));
        TimeBoundedExtractor failing = new TimeBoundedExtractor(item -> { throw boom; }, Duration.ofSeconds(60))) {
      assertEquals(real.extract(ITEM), bounded.extract(ITEM));
      assertSame(boom, assertThrows(IllegalStateException.class, () -> failing.extract(ITEM)));
    }
  }

  @Test
  void theLexiconExtractorStopsSoonAfterAnOverrunOnHugeText() throws Exception {
    // About 1 MiB of funding sentences: far more than 100 ms of work on any machine.
    String body = "Acme Robotics raised $45 million in a Series B round led by Granite Ridge Ventures. ".repeat(12_000);
    NewsItem huge = TestItems.item("huge", "Acme Robotics raises $45 million", body, "en");
    try (TimeBoundedExtractor bounded =
        new TimeBoundedExtractor(new LexiconSignalExtractor(TestItems.CLOCK), Duration.ofMillis(100))) {
      ExtractionTimeoutException e = assertThrows(ExtractionTimeoutException.class, () -> bounded.extract(huge));
      assertEquals("extraction of item huge exceeded its time budget of 100 ms", e.getMessage());
      // The per-sentence interrupt check ends the abandoned work instead of finishing 12,000 sentences.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (bounded.running() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(0, bounded.running());
    }
  }

  @Test
  void aBudgetMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new TimeBoundedExtractor(item -> List.of(), Duration.ZERO));
  }
}

package io.newssignals.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarmUpTest {

  /** A round as the warm-up asked for it: its first item's index and published time. */
  private record Round(int first, Instant published) {}

  private final List<Round> rounds = new ArrayList<>();
  private final List<Integer> batchesRun = new ArrayList<>();

  @Test
  void afterTheRoundsABridgeRoundIsPublishedInTheSecondsJustBeforeTheTimedItems() throws Exception {
    BenchReport.Stage stage = warmUp(Duration.ofMillis(100), 4).thenTime(batchOf(3), deadline(), this::run);

    int n = rounds.size();
    assertEquals(true, n >= 2, "rounds: " + rounds);
    for (int k = 0; k < n - 1; k++) {
      assertEquals(new Round(Bench.FIRST_WARM_UP_INDEX + 4 * k, Bench.WARM_UP_PUBLISHED.plusSeconds(4L * k)),
          rounds.get(k));
    }
    assertEquals(new Round(Bench.FIRST_WARM_UP_INDEX + 4 * (n - 1), BenchItems.FIRST_PUBLISHED.minusSeconds(4)),
        rounds.get(n - 1));
    // Every round, the bridge included, then the timed batch, which alone is timed.
    assertEquals(4 * n, stage.warmUpItems());
    assertEquals(n + 1, batchesRun.size());
    assertEquals(3, batchesRun.get(n));
  }

  @Test
  void withoutWarmUpNoBridgeIsSent() throws Exception {
    BenchReport.Stage stage = warmUp(Duration.ZERO, 4).thenTime(batchOf(3), deadline(), this::run);

    assertEquals(List.of(), rounds);
    assertEquals(List.of(3), batchesRun);
    assertEquals(0, stage.warmUpItems());
  }

  @Test
  void threadsAreOrderedByTheNumberTheirIdEndsWith() {
    assertEquals(List.of(2L, 10L, -1L),
        List.of(Bench.threadNumber("app-StreamThread-2"), Bench.threadNumber("app-StreamThread-10"),
            Bench.threadNumber("app-StreamThread-")));
  }

  private Bench.WarmUp warmUp(Duration limit, int items) {
    return new Bench.WarmUp(limit, items, (first, published) -> {
      rounds.add(new Round(first, published));
      return batchOf(items);
    });
  }

  private double run(Bench.Batch batch, Bench.Deadline deadline) throws InterruptedException {
    batchesRun.add(batch.size());
    // Long enough that a 100 ms warm-up holds a few rounds, not thousands.
    Thread.sleep(20);
    return 1000;
  }

  private static Bench.Deadline deadline() {
    return new Bench.Deadline(Duration.ofSeconds(10));
  }

  private static Bench.Batch batchOf(int items) {
    return new Bench.Batch(new byte[items][], new byte[items][], Map.of());
  }
}

package io.newssignals.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyStageTest {

  @Test
  void theLeadIsFiveSecondsAtTheRateButNoMoreThanTheItemsMeasured() {
    assertEquals(List.of(3000, 5000, 6, 5),
        List.of(Bench.latencyWarmUpItems(1000, 3000), Bench.latencyWarmUpItems(1000, 10_000),
            Bench.latencyWarmUpItems(20, 6), Bench.latencyWarmUpItems(1, 7)));
  }

  @Test
  void onlyTheItemsAfterTheLeadAreMeasuredAndCountedLost() {
    long[] due = {100, 200, 300, 400, 500};
    // Item 1 of the lead was never seen, nor was item 3 of the measured ones.
    long[] seenAt = {5_000_100, 0, 7_000_300, 0, 9_000_500};

    Bench.Latencies latencies = Bench.Latencies.of(due, seenAt, 2);

    assertArrayEquals(new long[] {7_000_000, 9_000_000}, latencies.nanos());
    assertEquals(1, latencies.lost());
    assertEquals(List.of(7.0, 9.0, 9.0), List.of(latencies.percentileMs(50), latencies.percentileMs(99),
        latencies.percentileMs(100)));
  }
}

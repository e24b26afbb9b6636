package io.newssignals.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BenchReportTest {

  @Test
  void aStageNoteSaysWhenItsWarmUpStoppedAtTheLimitRatherThanSettling() {
    assertEquals("2,000 items after 48,000 warm-up (44 s); JIT 13%",
        new BenchReport.Stage(1107, 48_000, 44.4, true, 0.13).note(2000));
    assertEquals("2,000 items after 64,000 warm-up (61 s, limit reached); JIT 38%",
        new BenchReport.Stage(1140, 64_000, 61.2, false, 0.38).note(2000));
    assertEquals("2,000 items after 0 warm-up (0 s); JIT 40%",
        new BenchReport.Stage(800, 0, 0, false, 0.4).note(2000));
  }
}

package io.newssignals.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {

  private static final BenchReport.RatioWindow KAFKA_DEFAULT = new BenchReport.RatioWindow(2, 30);

  @Test
  void aStageNoteSaysWhenItsWarmUpStoppedAtTheLimitRatherThanSettling() {
    assertEquals("2,000 items after 48,000 warm-up (44 s); JIT 13%",
        new BenchReport.Stage(1107, 48_000, 44.4, true, 0.13).note(2000));
    assertEquals("2,000 items after 64,000 warm-up (61 s, limit reached); JIT 38%",
        new BenchReport.Stage(1140, 64_000, 61.2, false, 0.38).note(2000));
    assertEquals("2,000 items after 0 warm-up (0 s); JIT 40%",
        new BenchReport.Stage(800, 0, 0, false, 0.4).note(2000));
  }

  @Test
  void theStreamThreadRowGivesTheBusiestThreadAndEachThreadsShares() {
    List<BenchReport.ThreadTime> twoThreads = List.of(
        new BenchReport.ThreadTime("app-StreamThread-1", 0.373, 0.001, 0.546, 0.064),
        new BenchReport.ThreadTime("app-StreamThread-2", 0.706, 0.057, 0.17, 0.078));
    assertEquals(List.of("stream thread", "76", "%", "busiest thread's process + punctuate; "
            + "process/punctuate/poll/commit 37/0/55/6, 71/6/17/8% (Kafka Streams' thread ratios, last 30-60 s)"),
        report(twoThreads, KAFKA_DEFAULT).streamThreadRow());
  }

  @Test
  void theRowNamesTheMetricsWindowInUse() {
    List<BenchReport.ThreadTime> one = List.of(new BenchReport.ThreadTime("app-StreamThread-1", 0.5, 0.04, 0.4, 0.06));
    assertEquals("busiest thread's process + punctuate; process/punctuate/poll/commit 50/4/40/6% "
            + "(Kafka Streams' thread ratios, last 10-15 s)",
        report(one, new BenchReport.RatioWindow(3, 5)).streamThreadRow().get(3));
  }

  @Test
  void aRatioNotReportedIsNotApplicableAndCountsAsNoWork() {
    double none = Double.NaN;
    assertEquals(List.of("stream thread", "n/a", "%", "busiest thread's process + punctuate; "
            + "process/punctuate/poll/commit n/a% (Kafka Streams' thread ratios, last 30-60 s)"),
        report(List.of(), KAFKA_DEFAULT).streamThreadRow());
    assertEquals(List.of("stream thread", "n/a", "%", "busiest thread's process + punctuate; "
            + "process/punctuate/poll/commit n/a/n/a/n/a/n/a% (Kafka Streams' thread ratios, last 30-60 s)"),
        report(List.of(new BenchReport.ThreadTime("app-StreamThread-1", none, none, none, none)), KAFKA_DEFAULT)
            .streamThreadRow());
    assertEquals(List.of("stream thread", "50", "%", "busiest thread's process + punctuate; "
            + "process/punctuate/poll/commit 50/n/a/30/10% (Kafka Streams' thread ratios, last 30-60 s)"),
        report(List.of(new BenchReport.ThreadTime("app-StreamThread-1", 0.5, none, 0.3, 0.1)), KAFKA_DEFAULT)
            .streamThreadRow());
  }

  private static BenchReport report(List<BenchReport.ThreadTime> threads, BenchReport.RatioWindow window) {
    BenchReport.Stage stage = new BenchReport.Stage(1000, 0, 0, false, 0);
    return new BenchReport(2000, 3072, stage, stage, stage, threads, window, 3000, 1000, 3000, 0, 200, 300, 400, 250, 512,
        600, -1);
  }
}

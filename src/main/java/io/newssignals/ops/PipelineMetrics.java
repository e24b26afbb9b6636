package io.newssignals.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.newssignals.avro.FailureStage;
import io.newssignals.avro.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The pipeline's own metrics, recorded by the topology, the dead-letter handlers and the lag
 * monitor into a Micrometer registry. The names below are the Prometheus names that {@code
 * /metrics} exposes (Micrometer adds {@code _total} to counters and {@code _seconds} to timers).
 *
 * <p>One instance is shared by every stream thread: Micrometer meters are thread-safe. A step that
 * drops records of its own (e.g. deduplication) gets this instance from {@code SignalTopology.build}
 * and calls {@link #duplicateDropped()}.
 *
 * <p>Counts are of processing attempts, not of committed output. The topology counts a record
 * when it processes it, before the exactly-once transaction that writes the result commits; when
 * that transaction is aborted (a crash, a lost broker, a rebalance that fences the task) the
 * records are processed again and counted again, while read_committed consumers see their output
 * once. So after an abort, {@link #ITEMS_CONSUMED}, {@link #SIGNALS_PRODUCED}, {@link
 * #DUPLICATES_DROPPED}, {@link #DEAD_LETTERS} and the two histograms over-count what was
 * committed by the records of every aborted transaction. Kafka Streams offers no per-record hook
 * at commit time, so exact counts would need a read_committed consumer of the outputs; Kafka
 * Streams' own {@code process-total} metrics count attempts the same way.
 */
public final class PipelineMetrics {

  /** Counter: {@code news.raw} records deserialised and handed to validation, in records. */
  public static final String ITEMS_CONSUMED = "news_signals_items_consumed_total";

  /**
   * Counter: signals routed to their topic (extracted, and kept by dedup when it is on), tagged
   * {@code type} (FUNDING, HIRING, EXPANSION) and {@code language}.
   */
  public static final String SIGNALS_PRODUCED = "news_signals_signals_produced_total";

  /** Counter: dead letters written by the topology, tagged {@code stage} (the {@link FailureStage}). */
  public static final String DEAD_LETTERS = "news_signals_dead_letters_total";

  /** Counter: items dropped as duplicates of an item already processed. */
  public static final String DUPLICATES_DROPPED = "news_signals_duplicates_dropped_total";

  /** Histogram: time to extract the signals of one item, in seconds. */
  public static final String EXTRACTION_SECONDS = "news_signals_extraction_seconds";

  /**
   * Histogram: from an item's publication time (its {@code ingestedAt} when the source gave none)
   * to its signal's {@code processedAt}, in seconds.
   */
  public static final String END_TO_END_LATENCY_SECONDS = "news_signals_end_to_end_latency_seconds";

  /** Gauge: records not yet processed, tagged {@code group}, {@code topic}, {@code partition}. */
  public static final String CONSUMER_LAG_RECORDS = "news_signals_consumer_lag_records";

  /** Gauge: age of the oldest unprocessed record in seconds, tagged like the lag in records. */
  public static final String CONSUMER_LAG_SECONDS = "news_signals_consumer_lag_seconds";

  /** The stages in which the topology writes dead letters; each counter starts at 0. */
  static final List<FailureStage> TOPOLOGY_STAGES =
      List.of(
          FailureStage.DESERIALIZATION,
          FailureStage.VALIDATION,
          FailureStage.PROCESSING,
          FailureStage.PRODUCTION);

  private final MeterRegistry registry;
  private final Counter itemsConsumed;
  private final Counter duplicatesDropped;
  private final Map<FailureStage, Counter> deadLetters = new EnumMap<>(FailureStage.class);
  private final Timer extraction;
  private final Timer endToEnd;
  private final MultiGauge lagRecords;
  private final MultiGauge lagSeconds;

  /**
   * Registers every meter of the pipeline (those with open-ended tags, signals per type and
   * language and lag per partition, appear once they have a value).
   *
   * @param registry where to record, e.g. the {@code PrometheusMeterRegistry} behind {@code /metrics}
   */
  public PipelineMetrics(MeterRegistry registry) {
    this.registry = registry;
    itemsConsumed =
        Counter.builder("news.signals.items.consumed")
            .description("news.raw records deserialised and handed to validation")
            .register(registry);
    duplicatesDropped =
        Counter.builder("news.signals.duplicates.dropped")
            .description("Items dropped as duplicates of an item already processed")
            .register(registry);
    for (FailureStage stage : TOPOLOGY_STAGES) {
      deadLetters.put(stage, deadLetterCounter(stage));
    }
    // Fixed buckets rather than Micrometer's ~70 generated ones: fewer series, stable dashboards.
    extraction =
        Timer.builder("news.signals.extraction")
            .description("Time to extract the signals of one item")
            .serviceLevelObjectives(
                millis(1), millis(5), millis(10), millis(25), millis(50), millis(100),
                millis(250), millis(500), Duration.ofSeconds(1), Duration.ofSeconds(5))
            .register(registry);
    // News is often read hours after it was published: buckets from 1 s to a day.
    endToEnd =
        Timer.builder("news.signals.end.to.end.latency")
            .description("From an item's publication (or ingestion) time to its signal")
            .serviceLevelObjectives(
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
                Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1))
            .register(registry);
    lagRecords =
        MultiGauge.builder("news.signals.consumer.lag.records")
            .description("Records of the partition the group has not processed yet")
            .register(registry);
    lagSeconds =
        MultiGauge.builder("news.signals.consumer.lag.seconds")
            .description("Age of the oldest record of the partition the group has not processed")
            .register(registry);
  }

  /** @return metrics that record nothing: for callers that expose no endpoint */
  public static PipelineMetrics discarding() {
    // A composite registry without children hands out no-op meters.
    return new PipelineMetrics(new CompositeMeterRegistry());
  }

  /** Counts one item read from {@code news.raw}. */
  public void itemConsumed() {
    itemsConsumed.increment();
  }

  /** Counts one item dropped as a duplicate. */
  public void duplicateDropped() {
    duplicatesDropped.increment();
  }

  /** Counts one dead letter written in a stage. */
  public void deadLetter(FailureStage stage) {
    deadLetters.computeIfAbsent(stage, this::deadLetterCounter).increment();
  }

  /**
   * Runs an extraction and records how long it took (also when it throws).
   *
   * @return what {@code extraction} returned
   */
  public <T> T timeExtraction(Supplier<T> extraction) {
    return this.extraction.record(extraction);
  }

  /**
   * Counts a signal routed to its topic by type and language, and records its end-to-end latency:
   * from {@code signal.publishedAt} (its item's publication time), or {@code itemIngestedAt} when
   * that is null, to {@code signal.processedAt}. A negative latency (a publication time in the
   * future) is not recorded.
   *
   * @param itemIngestedAt {@code ingestedAt} of the signal's news item
   */
  public void signalProduced(Signal signal, Instant itemIngestedAt) {
    Counter.builder("news.signals.signals.produced")
        .description("Signals routed to their topic, by type and language")
        .tags("type", signal.getType().name(), "language", signal.getLanguage())
        .register(registry)
        .increment();
    Instant start = signal.getPublishedAt() != null ? signal.getPublishedAt() : itemIngestedAt;
    Duration latency = Duration.between(start, signal.getProcessedAt());
    if (!latency.isNegative()) {
      endToEnd.record(latency);
    }
  }

  /**
   * Replaces the lag gauges with a report's rows: partitions absent from the report disappear. A
   * row whose age is unknown ({@code lagMs < 0}) has no {@link #CONSUMER_LAG_SECONDS} value.
   */
  public void recordLag(LagReport report) {
    List<LagReport.Group> groups = report.groups();
    lagRecords.register(
        groups.stream()
            .flatMap(g -> g.partitions().stream().map(p -> MultiGauge.Row.of(tags(g, p), p.lag())))
            .toList(),
        true);
    lagSeconds.register(
        groups.stream()
            .flatMap(g -> g.partitions().stream()
                .filter(p -> p.lagMs() >= 0)
                .map(p -> MultiGauge.Row.of(tags(g, p), p.lagMs() / 1000.0)))
            .toList(),
        true);
  }

  private static Tags tags(LagReport.Group group, LagReport.Partition partition) {
    return Tags.of(
        "group", group.group(),
        "topic", partition.topic(),
        "partition", Integer.toString(partition.partition()));
  }

  private Counter deadLetterCounter(FailureStage stage) {
    return Counter.builder("news.signals.dead.letters")
        .description("Dead letters written by the topology, by failure stage")
        .tag("stage", stage.name())
        .register(registry);
  }

  private static Duration millis(long ms) {
    return Duration.ofMillis(ms);
  }
}

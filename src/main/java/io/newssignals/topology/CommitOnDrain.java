package io.newssignals.topology;

import java.time.Duration;

/**
 * Decides when the dedup task asks Kafka Streams for a commit of its own, between the regular
 * ones of {@code commit.interval.ms}.
 *
 * <p>Why: under exactly-once a record of the dedup-input repartition topic is readable only once
 * the transaction that wrote it commits. The dedup task then reads what that commit released in
 * one burst, and the burst's signals used to become readable at the next regular commit, a whole
 * interval later: an item waited for two commits, 200 ms at worst at the default 100 ms (README,
 * Performance). Committing as soon as the dedup task has drained the burst cuts the second wait to
 * the time the burst takes.
 *
 * <p>How: Kafka Streams honours a request ({@code ProcessorContext.commit()}) at the end of the
 * loop iteration in which it was made, after a few records of each task, so a request made from
 * {@code process} would commit only the head of the burst. So a wall-clock punctuation, every
 * {@link #CHECK_INTERVAL}, calls {@link #due}: a commit is due when the task forwarded items
 * since its last request and processed none since the previous check (its input is drained). Two
 * requests are at least four fifths of the commit interval apart: the records that a requested
 * commit releases (those the other tasks processed during the burst) wait for the regular commit
 * instead of starting a chain of requests. So the thread commits about twice as often: one
 * regular and one requested commit an interval.
 *
 * <p>Measured ({@code bench}, README "The dedup hop's own commit"): latency p50 at 1,000 items/s
 * 115 to 153 ms against 201 to 215, at 20 items/s 126 and 140 ms against 236 (with {@link
 * StreamsSettings#POLL_MS} at 20 ms in both cases); the p99 tail at 1,000 items/s, set by CPU
 * contention on 2 cores, did not fall with it. It needs short polls ({@link
 * StreamsSettings#POLL_MS}): the punctuation runs only between them.
 *
 * <p>Not thread-safe: one instance per dedup task, used on its stream thread.
 */
final class CommitOnDrain {

  /** How often the dedup task checks whether its input is drained, wall-clock. */
  static final Duration CHECK_INTERVAL = Duration.ofMillis(5);

  private final long spacingMs;
  private boolean processedSinceCheck;
  private boolean forwardedSinceRequest;
  private long lastRequestMs;
  private boolean requested;

  /**
   * @param commitIntervalMs the application's {@code commit.interval.ms}; requests are at least
   *     four fifths of it apart
   */
  CommitOnDrain(long commitIntervalMs) {
    this.spacingMs = 4 * commitIntervalMs / 5;
  }

  /** Counts a record the dedup task is processing, kept or dropped. */
  void processed() {
    processedSinceCheck = true;
  }

  /**
   * Notes that the dedup task forwarded a kept item's signals: a commit would release them (a
   * dropped copy releases nothing downstream).
   */
  void forwarded() {
    forwardedSinceRequest = true;
  }

  /**
   * @param nowMs wall-clock time of the check, epoch ms
   * @return whether to request a commit now; if so, the request is counted as made at {@code nowMs}
   */
  boolean due(long nowMs) {
    boolean drained = !processedSinceCheck;
    processedSinceCheck = false;
    if (!forwardedSinceRequest || !drained || (requested && nowMs - lastRequestMs < spacingMs)) {
      return false;
    }
    forwardedSinceRequest = false;
    requested = true;
    lastRequestMs = nowMs;
    return true;
  }
}

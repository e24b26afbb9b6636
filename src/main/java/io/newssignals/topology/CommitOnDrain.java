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
 * since its last request and processed none since the previous check (its input is drained).
 *
 * <p>A requested commit releases a burst of its own: the records the other tasks processed while
 * the dedup task judged the last one. Requesting again for it would start a chain of commits, and
 * once the requests drift out of step with the regular commits, the burst that a regular commit
 * releases waits for the next request. So a drained burst less than half the commit interval after
 * the last request counts as the request's own, and its signals wait for the regular commit; the
 * next burst, a regular commit's, is requested at once. The thread commits at most twice as often
 * as without: one regular and one requested commit an interval when the dedup task keeps up, fewer
 * under a backlog, where its input is seldom drained.
 *
 * <p>Measured ({@code bench}, README "The dedup hop's own commit"), together with {@link
 * StreamsSettings#POLL_MS} at 20 ms: latency p50 at 1,000 items/s 111 to 123 ms against 201 to
 * 215 before both (189 and 203 with the short poll alone), p99 198 to 313 ms against 292 to 387;
 * at 20 items/s p50 126 to 140 ms against 236. It needs the short poll: the punctuation runs
 * only between polls.
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
   * @param commitIntervalMs the application's {@code commit.interval.ms}; a drained burst within
   *     half of it after the last request is left to the regular commit
   */
  CommitOnDrain(long commitIntervalMs) {
    this.spacingMs = commitIntervalMs / 2;
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
   * @return whether to request a commit now; if so, the request is counted as made at {@code nowMs}.
   *     A drained burst that is not due (too soon after the last request) is forgotten: its
   *     signals go with the regular commit.
   */
  boolean due(long nowMs) {
    boolean drained = !processedSinceCheck;
    processedSinceCheck = false;
    if (!forwardedSinceRequest || !drained) {
      return false;
    }
    forwardedSinceRequest = false;
    if (requested && nowMs - lastRequestMs < spacingMs) {
      return false;
    }
    requested = true;
    lastRequestMs = nowMs;
    return true;
  }
}

package io.newssignals.app;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs a startup step again after a transient failure, waiting longer each time (exponential
 * back-off), until it succeeds, fails for good, or a deadline passes. Each failed attempt is
 * reported as one line (what failed and why, and when the next try is), never as a stack trace.
 */
public final class Retry {

  /** First wait after a failed attempt, 500 ms; it doubles after each further failure. */
  public static final Duration FIRST_DELAY = Duration.ofMillis(500);

  /** Longest wait between two attempts, 10 s. */
  public static final Duration MAX_DELAY = Duration.ofSeconds(10);

  private Retry() {}

  /**
   * Tries {@code attempt} until it returns.
   *
   * @param what names the step in reports and errors, e.g. {@code "Kafka at 127.0.0.1:9092"}
   * @param timeout total time allowed, attempts and waits together
   * @param attempt the step; it should bound its own duration (e.g. a request timeout)
   * @param transient which failures are worth another try; any other is rethrown at once
   * @param report receives one line per failed attempt that will be retried
   * @return what the successful attempt returned
   * @throws IllegalStateException when the deadline passes, naming {@code what}, the time and the
   *     last failure
   * @throws Exception a non-transient failure of {@code attempt}, unchanged
   */
  public static <T> T until(
      String what,
      Duration timeout,
      Callable<T> attempt,
      Predicate<Exception> isTransient,
      Consumer<String> report)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration delay = FIRST_DELAY;
    for (int tries = 1; ; tries++) {
      try {
        return attempt.call();
      } catch (Exception e) {
        if (!isTransient.test(e)) {
          throw e;
        }
        long leftMs = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMs <= 0) {
          throw new IllegalStateException(
              what + " is unreachable: gave up after " + tries + " attempts in " + timeout.toSeconds() + " s; last error: "
                  + describe(e), e);
        }
        long waitMs = Math.min(delay.toMillis(), leftMs);
        report.accept(what + " is unreachable (" + describe(e) + "); attempt " + tries + ", retrying in " + waitMs + " ms");
        Thread.sleep(waitMs);
        delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
      }
    }
  }

  /**
   * @return the exception's class and message, and those of its root cause when it has one; an
   *     {@link ExecutionException} wrapper (Kafka's futures) is skipped
   */
  static String describe(Throwable failure) {
    Throwable e = failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String own = e.getClass().getSimpleName() + ": " + e.getMessage();
    return root == e ? own : own + " (cause " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
  }
}

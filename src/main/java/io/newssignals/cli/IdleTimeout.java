package io.newssignals.cli;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The {@code --idle-timeout} of the readers ({@code tail}, {@code alerts}): expired once nothing
 * has arrived for the timeout. Make it only once the consumer has its partitions, so that
 * connecting to the cluster is not counted as idle time. Not thread-safe.
 */
final class IdleTimeout {

  private final Long timeoutNanos;
  private final LongSupplier nanoTime;
  private long lastActivity;

  /**
   * @param timeout how long nothing may arrive; null for never
   * @param nanoTime the clock, {@link System#nanoTime} but in tests
   */
  IdleTimeout(Duration timeout, LongSupplier nanoTime) {
    this.timeoutNanos = timeout == null ? null : timeout.toNanos();
    this.nanoTime = nanoTime;
    this.lastActivity = nanoTime.getAsLong();
  }

  /** @return a timeout of {@code seconds} (null for never) on the system clock, counting from now */
  static IdleTimeout startingNow(Long seconds) {
    return new IdleTimeout(seconds == null ? null : Duration.ofSeconds(seconds), System::nanoTime);
  }

  /** Something arrived: the idle time starts again from now. */
  void activity() {
    lastActivity = nanoTime.getAsLong();
  }

  /** @return true once more than the timeout has passed since the start or the last activity */
  boolean expired() {
    return timeoutNanos != null && nanoTime.getAsLong() - lastActivity > timeoutNanos;
  }
}

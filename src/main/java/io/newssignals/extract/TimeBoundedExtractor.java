package io.newssignals.extract;

import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each item a time budget: runs another extractor on a worker thread and waits at most the
 * budget, then throws {@link ExtractionTimeoutException} (which the topology's processing
 * exception handler turns into a PROCESSING dead letter) and interrupts the worker.
 *
 * <p>Why a worker thread rather than only a deadline checked inside the extractor's loops: the
 * wait is a hard bound wherever the time goes, also in code with no loop of ours (lingua's language
 * detection, one regular expression on one huge sentence), so a stream thread always gets back to
 * {@code poll()} well within {@code max.poll.interval.ms} and keeps its group membership. The
 * interrupt is the cooperative half: {@link LexiconSignalExtractor} checks it once per sentence, so
 * an abandoned item stops burning a core soon after its budget; {@link #running()} counts
 * extractions still on a worker, abandoned ones included. The cost is one thread hand-off per item,
 * microseconds against the milliseconds an extraction takes.
 *
 * <p>Workers are daemon threads from a cached pool: one per stream thread extracting at the moment,
 * plus any abandoned one still running. Thread-safe, as {@link SignalExtractor} requires. Close it
 * to stop the workers.
 */
public final class TimeBoundedExtractor implements SignalExtractor, AutoCloseable {

  /**
   * Default budget per item, 5 s: hundreds of times what a news article takes (milliseconds), and
   * far below half the consumer's default {@code max.poll.interval.ms} of 300 s, which is how long
   * Kafka Streams keeps processing between two polls.
   */
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(TimeBoundedExtractor.class);

  private final SignalExtractor delegate;
  private final Duration budget;
  private final ExecutorService workers;
  private final AtomicInteger running = new AtomicInteger();

  /**
   * @param delegate the extractor to bound; it should stop when its thread is interrupted
   * @param budget longest time one item may take, positive
   * @throws IllegalArgumentException if the budget is not positive
   */
  public TimeBoundedExtractor(SignalExtractor delegate, Duration budget) {
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("extraction budget must be positive: " + budget);
    }
    this.delegate = delegate;
    this.budget = budget;
    AtomicInteger threads = new AtomicInteger();
    this.workers = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "signal-extraction-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** @return the budget per item */
  public Duration budget() {
    return budget;
  }

  /**
   * Extracts with the delegate within the budget.
   *
   * @throws ExtractionTimeoutException if the delegate took longer than the budget
   * @throws RuntimeException or {@link Error} the delegate threw, unchanged
   * @throws CancellationException if the calling thread is interrupted while waiting (its interrupt
   *     flag is set again)
   */
  @Override
  public List<Signal> extract(NewsItem item) {
    Future<List<Signal>> result = workers.submit(() -> {
      running.incrementAndGet();
      try {
        return delegate.extract(item);
      } finally {
        running.decrementAndGet();
      }
    });
    try {
      return result.get(budget.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      log.warn("Extraction of item {} exceeded its budget of {} ms; abandoned", item.getId(), budget.toMillis());
      throw new ExtractionTimeoutException(item.getId(), budget);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      // extract() declares no checked exception, so the cause is unchecked; kept for safety.
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      result.cancel(true);
      Thread.currentThread().interrupt();
      CancellationException cancelled = new CancellationException("interrupted while extracting item " + item.getId());
      cancelled.initCause(e);
      throw cancelled;
    }
  }

  /** @return extractions running on a worker now, including abandoned ones that have not stopped */
  public int running() {
    return running.get();
  }

  /** Interrupts the workers and lets them die; extract() must not be called afterwards. */
  @Override
  public void close() {
    workers.shutdownNow();
  }

  /** An item took longer than its extraction budget. */
  public static final class ExtractionTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param itemId the item
     * @param budget the budget it exceeded; the message names it in ms
     */
    public ExtractionTimeoutException(String itemId, Duration budget) {
      super("extraction of item " + itemId + " exceeded its time budget of " + budget.toMillis() + " ms");
    }
  }
}

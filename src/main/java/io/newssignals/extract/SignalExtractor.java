package io.newssignals.extract;

import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import java.util.List;

/**
 * Turns one validated news item into the business signals it reports.
 *
 * <p>Implementations are pure functions of the item (plus the clock for {@code processedAt}): no
 * I/O, no Kafka, thread-safe, so one instance serves every stream thread.
 */
@FunctionalInterface
public interface SignalExtractor {

  /**
   * Finds the signals in an item.
   *
   * @param item a validated item: non-blank title or body
   * @return the signals found, at most one per (type, company), in a stable order; empty when the
   *     item reports none or is in a language that is not supported
   */
  List<Signal> extract(NewsItem item);
}

package io.newssignals.topology;

import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.NewsItem;

/**
 * Outcome of validating one item: exactly one of the two is set.
 *
 * @param item the item, when valid
 * @param rejection the VALIDATION dead letter, when not
 */
record Checked(NewsItem item, DeadLetter rejection) {

  static Checked valid(NewsItem item) {
    return new Checked(item, null);
  }

  static Checked rejected(DeadLetter rejection) {
    return new Checked(null, rejection);
  }

  boolean isRejected() {
    return rejection != null;
  }
}

package io.newssignals.alerts;

import io.newssignals.avro.Signal;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of a signal for the alert rules, in epoch ms: the news item's publish time ({@code
 * Signal.publishedAt}), but never later than the record's own timestamp; the record's timestamp
 * when the source gave no publish time. The record timestamp is when the item was sent to {@code
 * news.raw}, carried through the topology to the signal topics: an item cannot have been
 * published after it reached us, so a later {@code publishedAt} (a feed's wrong time zone, a
 * mistyped year) is counted at the time it arrived. The signal itself keeps its {@code
 * publishedAt}.
 *
 * <p>Why the bound: Kafka Streams stamps everything it writes downstream of this source with this
 * time: the alerts, and the changelog records of the rules' stores. A broker refuses a timestamp
 * more than {@code message.timestamp.after.max.ms} (default one hour) ahead of its clock with an
 * {@code InvalidTimestampException}, which under exactly-once aborts the transaction, and the task
 * fails again on the same record after every restart. The record timestamp was accepted by the
 * broker once, so it is never too far ahead. Bounding it here, rather than at the alerts sink,
 * also covers the changelogs and keeps one far-future signal from moving stream time ahead, which
 * would close every open window and drop the signals that follow as late. Unlike a bound by the
 * wall clock, it gives the same result when the topics are processed again.
 */
public final class SignalEventTime implements TimestampExtractor {

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.value() instanceof Signal s && s.getPublishedAt() != null) {
      return Math.min(s.getPublishedAt().toEpochMilli(), record.timestamp());
    }
    return record.timestamp();
  }
}

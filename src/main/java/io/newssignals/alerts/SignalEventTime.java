package io.newssignals.alerts;

import io.newssignals.avro.Signal;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of a signal for the alert rules: the news item's publish time ({@code
 * Signal.publishedAt}), or the record's own timestamp when the source gave none (the ingest time,
 * carried through the topology).
 */
public final class SignalEventTime implements TimestampExtractor {

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.value() instanceof Signal s && s.getPublishedAt() != null) {
      return s.getPublishedAt().toEpochMilli();
    }
    return record.timestamp();
  }
}

package io.newssignals.topology;

import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.FailureStage;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that cannot be deserialized to the dead-letter topic and goes on with the next.
 *
 * <p>Configured as {@code deserialization.exception.handler} (the 4.x name; {@code
 * default.deserialization.exception.handler} is deprecated). The dead letter has stage {@code
 * DESERIALIZATION}, the exception message as reason, and the consumed key and value bytes as they
 * were. It is returned in the handler's {@link Response} (KIP-1034), so Streams writes it with the
 * task's producer, inside the exactly-once transaction that also commits the skipped offset. Needs
 * the configs described in {@link DeadLetters}.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  private DeadLetters deadLetters;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = DeadLetters.fromConfigs(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    LOG.warn(
        "Cannot deserialize {}-{}@{}, sending it to {}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        deadLetters.topic(),
        exception.toString());
    DeadLetter deadLetter =
        deadLetters.describe(
            FailureStage.DESERIALIZATION,
            exception,
            record.topic(),
            record.partition(),
            record.offset(),
            record.timestamp(),
            record.key(),
            record.value());
    return Response.resume(List.of(deadLetters.record(deadLetter, record.timestamp())));
  }
}

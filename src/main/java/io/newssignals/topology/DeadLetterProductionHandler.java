package io.newssignals.topology;

import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.FailureStage;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the source record of an output that cannot be serialized or produced to the dead-letter
 * topic and goes on with the next record.
 *
 * <p>Configured as {@code production.exception.handler} (the 4.x name; {@code
 * default.production.exception.handler} is deprecated). The dead letter has stage {@code
 * PRODUCTION}, the exception message as reason, and the source record's coordinates and raw bytes
 * from the {@link ErrorHandlerContext} (KIP-1034). It is returned in the handler's {@link Response},
 * so Streams writes it with the task's producer, inside the exactly-once transaction.
 *
 * <p>A {@link RetriableException} (e.g. a timeout) is answered with {@code RETRY} (KIP-1065)
 * rather than a dead letter, since the same send may well succeed. A failure to write a dead letter
 * itself is logged and skipped rather than sent to the dead-letter topic again, which could loop.
 * Needs the configs described in {@link DeadLetters}.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

  private DeadLetters deadLetters;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = DeadLetters.fromConfigs(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (exception instanceof RetriableException) {
      return Response.retry();
    }
    return deadLetter(context, record, exception);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Response handleSerializationError(
      ErrorHandlerContext context,
      ProducerRecord record,
      Exception exception,
      SerializationExceptionOrigin origin) {
    return deadLetter(context, record, exception);
  }

  private Response deadLetter(
      ErrorHandlerContext context, ProducerRecord<?, ?> record, Exception exception) {
    if (deadLetters.topic().equals(record.topic())) {
      LOG.error(
          "Cannot write a dead letter for {}-{}@{} to {}; it is lost",
          context.topic(),
          context.partition(),
          context.offset(),
          record.topic(),
          exception);
      return Response.resume();
    }
    LOG.warn(
        "Cannot produce to {} for {}-{}@{}, sending the source record to {}",
        record.topic(),
        context.topic(),
        context.partition(),
        context.offset(),
        deadLetters.topic(),
        exception);
    DeadLetter deadLetter =
        deadLetters.describe(
            FailureStage.PRODUCTION,
            exception,
            context.topic(),
            context.partition(),
            context.offset(),
            context.timestamp(),
            context.sourceRawKey(),
            context.sourceRawValue());
    return Response.resume(List.of(deadLetters.record(deadLetter, context.timestamp())));
  }
}

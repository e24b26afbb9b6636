package io.newssignals.topology;

import io.newssignals.avro.FailureStage;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
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
 * <p>Only failures that are about the record itself are dead-lettered: it cannot be serialized, or
 * the broker or producer refuses it as too large or invalid ({@link #isAboutTheRecord}). A {@link
 * RetriableException} (e.g. a timeout) is answered with {@code RETRY} (KIP-1065), since the same
 * send may well succeed. Any other failure (the broker went away mid-transaction, an authorization
 * error) says nothing about the record, so it is answered with {@code FAIL}: dead-lettering it
 * would commit the input offset without the output, losing a good record. Under exactly-once the
 * open transaction is then aborted and the records are processed again from the last commit once
 * the stream thread is replaced ({@code StreamsApp}). A record-level failure to write a dead letter
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
    if (!isAboutTheRecord(exception)) {
      LOG.error(
          "Cannot produce to {} for {}-{}@{}, and not because of the record: failing, so that the"
              + " transaction is aborted and the input processed again",
          record.topic(),
          context.topic(),
          context.partition(),
          context.offset(),
          exception);
      return Response.fail();
    }
    return deadLetter(context, record, exception);
  }

  /**
   * @return whether a send failure is caused by the record itself (too large for the producer's
   *     {@code max.request.size} or the topic's {@code max.message.bytes}, or rejected as invalid by
   *     the broker), so that sending it again can never succeed
   */
  static boolean isAboutTheRecord(Exception exception) {
    return exception instanceof RecordTooLargeException
        || exception instanceof RecordBatchTooLargeException
        || exception instanceof InvalidRecordException;
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
    return Response.resume(
        List.of(deadLetters.forSourceOf(FailureStage.PRODUCTION, exception, context)));
  }
}

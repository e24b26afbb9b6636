package io.newssignals.topology;

import io.newssignals.avro.FailureStage;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the source record of a failed processing step (e.g. an extractor that throws) to the
 * dead-letter topic and goes on with the next record.
 *
 * <p>Configured as {@code processing.exception.handler} (KIP-1033). The dead letter has stage
 * {@code PROCESSING}, the exception message as reason, and the source record's topic, partition,
 * offset, timestamp and raw key and value bytes from the {@link ErrorHandlerContext} (KIP-1034), so
 * it describes the {@code news.raw} record, whatever node failed. It is returned in the handler's
 * {@link Response}, so Streams writes it with the task's producer, inside the exactly-once
 * transaction. Needs the configs described in {@link DeadLetters}.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

  private DeadLetters deadLetters;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = DeadLetters.fromConfigs(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    LOG.warn(
        "Processor {} failed on {}-{}@{}, sending the source record to {}",
        context.processorNodeId(),
        context.topic(),
        context.partition(),
        context.offset(),
        deadLetters.topic(),
        exception);
    return Response.resume(
        List.of(deadLetters.forSourceOf(FailureStage.PROCESSING, exception, context)));
  }
}

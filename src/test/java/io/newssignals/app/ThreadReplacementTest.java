package io.newssignals.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadReplacementTest {

  @Test
  void aDeadThreadIsReplacedFiveTimesThenTheClientShutsDown() {
    StreamsApp.ThreadReplacement handler = new StreamsApp.ThreadReplacement();
    List<StreamThreadExceptionResponse> responses = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      responses.add(handler.handle(new IllegalStateException("failure " + i)));
    }
    StreamThreadExceptionResponse replace = StreamThreadExceptionResponse.REPLACE_THREAD;
    StreamThreadExceptionResponse shutdown = StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    assertEquals(List.of(replace, replace, replace, replace, replace, shutdown, shutdown), responses);
  }
}

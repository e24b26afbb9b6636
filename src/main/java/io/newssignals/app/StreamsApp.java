package io.newssignals.app;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Kafka Streams application: starts the topology and waits until it is RUNNING, closes
 * it with a bounded wait.
 */
public final class StreamsApp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StreamsApp.class);

  /** How long {@link #close()} waits for the stream threads to commit and stop. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final CountDownLatch stopped;

  private StreamsApp(KafkaStreams streams, CountDownLatch stopped) {
    this.streams = streams;
    this.stopped = stopped;
  }

  /**
   * Starts the topology and blocks until every stream thread is RUNNING.
   *
   * @param topology what to run
   * @param config Streams properties, e.g. from {@code StreamsSettings}
   * @param timeout how long to wait for RUNNING
   * @return the running application
   * @throws IllegalStateException if it reached ERROR or NOT_RUNNING, or did not reach RUNNING in
   *     time; the application is closed again
   */
  public static StreamsApp start(Topology topology, Properties config, Duration timeout) {
    return start(topology, config, timeout, streams -> {});
  }

  /**
   * Like {@link #start(Topology, Properties, Duration)}, handing the instance to {@code
   * beforeStart} between its creation and its start, e.g. to {@link Monitoring#watch}.
   */
  public static StreamsApp start(
      Topology topology, Properties config, Duration timeout, Consumer<KafkaStreams> beforeStart) {
    KafkaStreams streams = new KafkaStreams(topology, config);
    beforeStart.accept(streams);
    CountDownLatch settled = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    // Kafka Streams takes one state listener, and only before start().
    streams.setStateListener((now, before) -> {
      log.info("Kafka Streams {} -> {}", before, now);
      if (now == State.RUNNING || now == State.ERROR || now == State.NOT_RUNNING) {
        settled.countDown();
      }
      if (now == State.ERROR || now == State.NOT_RUNNING) {
        stopped.countDown();
      }
    });
    streams.start();
    try {
      boolean inTime = settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      State state = streams.state();
      if (!inTime || state != State.RUNNING) {
        streams.close(CLOSE_TIMEOUT);
        throw new IllegalStateException(
            "Kafka Streams did not reach RUNNING within " + timeout.toSeconds() + " s (state "
                + state + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      streams.close(CLOSE_TIMEOUT);
      throw new IllegalStateException("Interrupted while starting Kafka Streams", e);
    }
    return new StreamsApp(streams, stopped);
  }

  /** @return the underlying Kafka Streams instance (state, metrics) */
  public KafkaStreams streams() {
    return streams;
  }

  /**
   * Blocks until the application stops: closed (NOT_RUNNING) or failed (ERROR).
   *
   * @return the state it stopped in
   */
  public State awaitStop() throws InterruptedException {
    stopped.await();
    return streams.state();
  }

  @Override
  public void close() {
    streams.close(CLOSE_TIMEOUT);
  }
}

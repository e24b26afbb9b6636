package io.newssignals.app;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Kafka Streams application: starts the topology and waits until it is RUNNING, replaces
 * a stream thread that dies ({@link ThreadReplacement}), closes it with a bounded wait.
 */
public final class StreamsApp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StreamsApp.class);

  /** Most stream-thread replacements within {@link #REPLACEMENT_WINDOW}, 5. */
  static final int MAX_REPLACEMENTS = 5;

  /** Window of {@link #MAX_REPLACEMENTS}, 10 minutes. */
  static final Duration REPLACEMENT_WINDOW = Duration.ofMinutes(10);

  /** How long {@link #close()} waits for the stream threads to commit and stop. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final CountDownLatch stopped;
  private final List<State> states;

  private StreamsApp(KafkaStreams streams, CountDownLatch stopped, List<State> states) {
    this.streams = streams;
    this.stopped = stopped;
    this.states = states;
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
    // The state that settled the start: the current one may already have moved on, e.g. RUNNING ->
    // REBALANCING when another instance joins the group a moment later, which is no failure.
    AtomicReference<State> settledIn = new AtomicReference<>();
    CountDownLatch stopped = new CountDownLatch(1);
    List<State> states = new CopyOnWriteArrayList<>(List.of(streams.state()));
    // Kafka Streams takes one state listener, and only before start().
    streams.setStateListener((now, before) -> {
      log.info("Kafka Streams {} -> {}", before, now);
      states.add(now);
      if (now == State.RUNNING || now == State.ERROR || now == State.NOT_RUNNING) {
        settledIn.compareAndSet(null, now);
        settled.countDown();
      }
      if (now == State.ERROR || now == State.NOT_RUNNING) {
        stopped.countDown();
      }
    });
    streams.setUncaughtExceptionHandler(new ThreadReplacement());
    streams.start();
    try {
      boolean inTime = settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      State state = inTime ? settledIn.get() : streams.state();
      if (state != State.RUNNING) {
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
    return new StreamsApp(streams, stopped, states);
  }

  /** @return every state it has been in so far, in order, from CREATED; e.g. to see whether it ever left RUNNING */
  public List<State> states() {
    return List.copyOf(states);
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

  /**
   * Replaces a stream thread that died of an exception, up to {@link #MAX_REPLACEMENTS} times in
   * {@link #REPLACEMENT_WINDOW}; beyond that the failure is taken as permanent (e.g. missing
   * authorization) and the client shuts down, so {@code run} exits 1. Under exactly-once a
   * replacement is safe: the dead thread's open transaction is aborted and its tasks resume from
   * the last committed offsets.
   */
  static final class ThreadReplacement implements StreamsUncaughtExceptionHandler {

    private final Deque<Long> replacedAtMs = new ArrayDeque<>();

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
      long now = System.currentTimeMillis();
      while (!replacedAtMs.isEmpty() && now - replacedAtMs.peekFirst() > REPLACEMENT_WINDOW.toMillis()) {
        replacedAtMs.removeFirst();
      }
      if (replacedAtMs.size() >= MAX_REPLACEMENTS) {
        log.error("Stream thread failed {} times within {} s; shutting down", MAX_REPLACEMENTS + 1,
            REPLACEMENT_WINDOW.toSeconds(), exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      }
      replacedAtMs.addLast(now);
      log.error("Stream thread failed; replacing it", exception);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
  }

  @Override
  public void close() {
    streams.close(CLOSE_TIMEOUT);
  }
}

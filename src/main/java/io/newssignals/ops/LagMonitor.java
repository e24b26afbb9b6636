package io.newssignals.ops;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a group's {@link LagReport} at a fixed interval, on a daemon thread of its own, into the
 * lag gauges of {@link PipelineMetrics}. A failed read is logged and the gauges keep their last
 * values until the next read succeeds.
 */
public final class LagMonitor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LagMonitor.class);

  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ScheduledExecutorService scheduler;

  private LagMonitor(
      Admin admin, KafkaConsumer<byte[], byte[]> consumer, ScheduledExecutorService scheduler) {
    this.admin = admin;
    this.consumer = consumer;
    this.scheduler = scheduler;
  }

  /**
   * Starts reading at once, then every {@code interval}.
   *
   * @param clientSettings bootstrap servers and any security settings of the cluster
   * @param group the consumer group (for Kafka Streams: the application id)
   * @param topics the topics whose partitions to report; one that does not exist (yet) is left out
   *     of a read
   * @param interval time between the end of one read and the start of the next
   * @param metrics where the lag goes
   */
  public static LagMonitor start(
      Map<String, Object> clientSettings,
      String group,
      Collection<String> topics,
      Duration interval,
      PipelineMetrics metrics) {
    Admin admin = Admin.create(new HashMap<>(clientSettings));
    KafkaConsumer<byte[], byte[]> consumer = LagReport.consumer(clientSettings);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "news-signals-lag");
      t.setDaemon(true);
      return t;
    });
    List<String> watched = List.copyOf(topics);
    Clock clock = Clock.systemUTC();
    // The consumer is only ever used on the scheduler's single thread, as KafkaConsumer requires.
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        // A topic that does not exist yet (a repartition topic before Kafka Streams has created
        // it) has no lag, and would fail the read of the others.
        Set<String> existing = admin.listTopics().names()
            .get(LagReport.FETCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, List<String>> topicsByGroup =
            Map.of(group, watched.stream().filter(existing::contains).toList());
        metrics.recordLag(
            LagReport.read(admin, consumer, topicsByGroup, clock, LagReport.FETCH_TIMEOUT));
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        log.warn("Cannot read the lag of group {}: {}", group, e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return new LagMonitor(admin, consumer, scheduler);
  }

  /** Stops reading (waiting for a read in progress, up to 15 s) and closes the clients. */
  @Override
  public void close() {
    // No interrupt: a read in progress ends normally rather than logging a spurious failure.
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    admin.close(Duration.ofSeconds(5));
  }
}

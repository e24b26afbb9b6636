package io.newssignals.app;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newssignals.ops.LagMonitor;
import io.newssignals.ops.OpsEndpoint;
import io.newssignals.ops.PipelineMetrics;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Everything an operator sees of a running application: one Prometheus registry with the {@link
 * PipelineMetrics}, Kafka Streams' own metrics and the consumer lag, served by an {@link
 * OpsEndpoint} ({@code /metrics}, {@code /health}, {@code /ready}).
 *
 * <p>Use: {@link #start} before the topology (so {@code /health} answers and {@code /ready} says
 * false while Kafka Streams starts), build the topology with {@link #metrics()}, then {@link #watch}
 * the {@code KafkaStreams} instance before starting it.
 */
public final class Monitoring implements AutoCloseable {

  /** Default time between two reads of the consumer lag. */
  public static final Duration DEFAULT_LAG_INTERVAL = Duration.ofSeconds(15);

  /**
   * How often Kafka Streams' metrics are checked for new ones (per-partition metrics appear once a
   * partition is assigned); Micrometer's default is a minute.
   */
  static final Duration STREAMS_METRICS_REFRESH = Duration.ofSeconds(10);

  private final PrometheusMeterRegistry registry;
  private final PipelineMetrics metrics;
  private final OpsEndpoint endpoint;
  private final Duration lagInterval;
  private volatile KafkaStreams streams;
  private ScheduledExecutorService streamsMetricsScheduler;
  private KafkaStreamsMetrics streamsMetrics;
  private LagMonitor lagMonitor;

  private Monitoring(InetSocketAddress address, Duration lagInterval) {
    this.lagInterval = lagInterval;
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    metrics = new PipelineMetrics(registry);
    endpoint = OpsEndpoint.start(address, registry, this::streamsState);
  }

  /**
   * Creates the registry and serves it.
   *
   * @param address where to serve; port 0 picks a free one
   * @param lagInterval time between two reads of the consumer lag, once {@link #watch watching}
   * @throws java.io.UncheckedIOException if the address cannot be bound
   */
  public static Monitoring start(InetSocketAddress address, Duration lagInterval) {
    return new Monitoring(address, lagInterval);
  }

  /** @return the pipeline's metrics, for {@code SignalTopology.build} and the handlers' configs */
  public PipelineMetrics metrics() {
    return metrics;
  }

  /** @return the endpoint's bound address, with the actual port */
  public InetSocketAddress address() {
    return endpoint.address();
  }

  /**
   * Follows a Kafka Streams instance: binds its metrics, reports its state on {@code /ready}, and
   * reads its group's lag on {@code topics} every lag interval. Call once, before {@code
   * streams.start()}.
   *
   * @param clientSettings bootstrap servers and any security settings, for the lag's own clients
   * @param group the application id
   * @throws IllegalStateException if already watching
   */
  public synchronized void watch(
      KafkaStreams streams,
      Map<String, Object> clientSettings,
      String group,
      Collection<String> topics) {
    if (this.streams != null) {
      throw new IllegalStateException("Already watching a Kafka Streams instance");
    }
    this.streams = streams;
    streamsMetricsScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "news-signals-streams-metrics");
      t.setDaemon(true);
      return t;
    });
    streamsMetrics =
        new KafkaStreamsMetrics(streams, List.of(), streamsMetricsScheduler, STREAMS_METRICS_REFRESH);
    streamsMetrics.bindTo(registry);
    lagMonitor = LagMonitor.start(clientSettings, group, topics, lagInterval, metrics);
  }

  private KafkaStreams.State streamsState() {
    KafkaStreams current = streams;
    return current == null ? null : current.state();
  }

  /** Stops the lag reads, unbinds Kafka Streams' metrics and stops serving. */
  @Override
  public synchronized void close() {
    if (lagMonitor != null) {
      lagMonitor.close();
      streamsMetrics.close();
      streamsMetricsScheduler.shutdownNow();
    }
    endpoint.close();
    registry.close();
  }
}

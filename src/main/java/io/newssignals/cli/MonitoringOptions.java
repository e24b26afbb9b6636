package io.newssignals.cli;

import io.newssignals.app.Monitoring;
import io.newssignals.ops.OpsEndpoint;
import java.net.InetSocketAddress;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where the operations endpoint ({@code /metrics}, {@code /health}, {@code /ready}) listens and how
 * often the lag is read: shared by {@code run} and {@code demo}.
 */
public final class MonitoringOptions {

  @Option(
      names = "--http-host",
      defaultValue = "${env:NEWS_SIGNALS_HTTP_HOST:-" + OpsEndpoint.DEFAULT_HOST + "}",
      description = "Address of /metrics, /health and /ready (default ${DEFAULT-VALUE}; "
          + "env NEWS_SIGNALS_HTTP_HOST; 0.0.0.0 for every interface, e.g. in a container).")
  String host;

  @PositiveOptions.Port
  @Option(
      names = "--http-port",
      defaultValue = "${env:NEWS_SIGNALS_HTTP_PORT:-" + OpsEndpoint.DEFAULT_PORT + "}",
      description = "Port of /metrics, /health and /ready (default ${DEFAULT-VALUE}; "
          + "env NEWS_SIGNALS_HTTP_PORT; 0 for any free port).")
  int port;

  @Option(
      names = "--lag-interval",
      defaultValue = "15",
      description = "Seconds between two reads of the consumer lag for /metrics (default ${DEFAULT-VALUE}).")
  long lagIntervalSeconds;

  /** @return the started monitoring, serving on the address given */
  Monitoring start() {
    return Monitoring.start(
        new InetSocketAddress(host, port), Duration.ofSeconds(lagIntervalSeconds));
  }
}

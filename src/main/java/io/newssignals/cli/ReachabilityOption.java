package io.newssignals.cli;

import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --connect-timeout} option of the producing commands ({@code ingest}, {@code feeds}),
 * and the one check it bounds: that the cluster answers before anything is sent, because a
 * producer that cannot reach its cluster blocks each send for {@code max.block.ms} (60 s).
 */
public final class ReachabilityOption {

  @Option(
      names = "--connect-timeout",
      defaultValue = "15",
      description = "Seconds to wait for the cluster to answer before sending (default ${DEFAULT-VALUE}).")
  long connectTimeoutSeconds;

  /**
   * @return empty if the cluster of {@code connection} answered within the timeout; else why not,
   *     naming the bootstrap servers (see {@link KafkaReachability#problem})
   * @throws InterruptedException if interrupted while waiting
   */
  Optional<String> problem(ConnectionOptions connection) throws InterruptedException {
    return KafkaReachability.problem(connection.bootstrapServers(), connection.clientSettingsMap(),
        Duration.ofSeconds(connectTimeoutSeconds));
  }
}

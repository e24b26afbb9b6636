package io.newssignals.cli;

import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --connect-timeout} option of the commands that talk to Kafka ({@code ingest}, {@code
 * feeds}, {@code tail}, {@code lag}, {@code alerts}), and the one check it bounds: that the cluster
 * answers before any client is made, because a producer that cannot reach its cluster blocks each
 * send for {@code max.block.ms} (60 s), and a consumer retries for as long, logging each attempt.
 */
public final class ReachabilityOption {

  @Option(
      names = "--connect-timeout",
      defaultValue = "15",
      description = "Seconds to wait for the cluster to answer before starting (default ${DEFAULT-VALUE}).")
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

  /** The check of {@link #problem}, replaceable by tests whose clients are mocks with no cluster. */
  @FunctionalInterface
  interface Check {
    /** @see ReachabilityOption#problem */
    Optional<String> problem(ConnectionOptions connection) throws InterruptedException;
  }
}

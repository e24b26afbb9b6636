package io.newssignals.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the cluster and the schema registry are, and extra client settings: shared by every
 * command that talks to Kafka.
 *
 * <p>Precedence, lowest first: the {@code --config} properties file, environment variables {@code
 * NEWS_SIGNALS_KAFKA_<KEY>} (upper case, '.' written '_': {@code NEWS_SIGNALS_KAFKA_SECURITY_PROTOCOL}
 * -> {@code security.protocol}), then the options, whose defaults come from {@code
 * NEWS_SIGNALS_BOOTSTRAP_SERVERS} and {@code NEWS_SIGNALS_SCHEMA_REGISTRY_URL}.
 */
public final class ConnectionOptions {

  /** Prefix of environment variables that carry Kafka client settings. */
  static final String ENV_PREFIX = "NEWS_SIGNALS_KAFKA_";

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "${env:NEWS_SIGNALS_BOOTSTRAP_SERVERS}",
      description = "Kafka brokers, host:port[,host:port] (env NEWS_SIGNALS_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(
      names = "--schema-registry-url",
      defaultValue = "${env:NEWS_SIGNALS_SCHEMA_REGISTRY_URL}",
      description = "Confluent-compatible schema registry base URL (env NEWS_SIGNALS_SCHEMA_REGISTRY_URL).")
  String schemaRegistryUrl;

  @Option(
      names = "--config",
      description = "Properties file of Kafka client and Streams settings (e.g. security.protocol).")
  Path configFile;

  /**
   * @return the merged extra settings, without bootstrap.servers
   * @throws IllegalArgumentException if the config file cannot be read
   */
  Properties clientSettings() {
    return merge(configFile, System.getenv());
  }

  /** @return {@link #clientSettings()} as a map, the shape Kafka's client constructors take */
  Map<String, Object> clientSettingsMap() {
    Map<String, Object> map = new java.util.HashMap<>();
    clientSettings().forEach((k, v) -> map.put((String) k, v));
    return map;
  }

  /** @return the bootstrap servers, from the option, its env default or the config file */
  String bootstrapServers() {
    String value = bootstrapServers != null ? bootstrapServers
        : merge(configFile, System.getenv()).getProperty("bootstrap.servers");
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "No Kafka cluster given: use --bootstrap-servers or NEWS_SIGNALS_BOOTSTRAP_SERVERS");
    }
    return value;
  }

  /** @return the schema registry URL */
  String schemaRegistryUrl() {
    if (schemaRegistryUrl == null || schemaRegistryUrl.isBlank()) {
      throw new IllegalArgumentException(
          "No schema registry given: use --schema-registry-url or NEWS_SIGNALS_SCHEMA_REGISTRY_URL");
    }
    return schemaRegistryUrl;
  }

  static Properties merge(Path file, Map<String, String> env) {
    Properties settings = new Properties();
    if (file != null) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        settings.load(in);
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read config file " + file + ": " + e.getMessage(), e);
      }
    }
    env.forEach((name, value) -> {
      if (name.startsWith(ENV_PREFIX)) {
        settings.setProperty(
            name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    return settings;
  }
}

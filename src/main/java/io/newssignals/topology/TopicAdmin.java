package io.newssignals.topology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the pipeline's five topics ({@link Topics#ALL}) with Kafka's {@link Admin}, for the
 * {@code demo} and {@code run} commands. Calls block for at most the admin client's {@code
 * default.api.timeout.ms}.
 */
public final class TopicAdmin {

  private TopicAdmin() {}

  /**
   * Names the pipeline topics the cluster lacks.
   *
   * @return missing names, in {@link Topics#ALL} order; empty when all exist
   * @throws KafkaException if the cluster cannot be asked (e.g. unreachable within the timeout)
   */
  public static List<String> missing(Admin admin) {
    return missingFrom(await(admin.listTopics().names()));
  }

  /**
   * Creates the pipeline topics the cluster lacks; existing ones are left as they are, even when
   * their partitions or replication differ. A topic created concurrently by another instance
   * counts as existing.
   *
   * @param partitions per topic, at least 1; the signal topics are keyed by company, so more
   *     partitions spread companies, not one company's signals
   * @param replicationFactor per topic, at most the number of brokers
   * @return the names this call created, in {@link Topics#ALL} order
   * @throws KafkaException if a topic cannot be created for another reason than existing
   */
  public static List<String> createMissing(Admin admin, int partitions, short replicationFactor) {
    List<String> missing = missing(admin);
    if (missing.isEmpty()) {
      return List.of();
    }
    Map<String, KafkaFuture<Void>> results =
        admin.createTopics(newTopics(missing, partitions, replicationFactor)).values();
    List<String> created = new ArrayList<>();
    for (String name : missing) {
      try {
        await(results.get(name));
        created.add(name);
      } catch (TopicExistsException raced) {
        // Another instance created it between the listing and now: the topic is there.
      }
    }
    return created;
  }

  /**
   * Warns of existing pipeline topics whose {@code max.message.bytes} is below what {@link
   * #configs} gives a topic it creates: {@link #createMissing} leaves existing topics as they are,
   * so a {@code news.raw} created by hand, by broker auto-creation or before this limit existed
   * refuses an item near the 1 MiB item limit that does not compress. Call it once the topics
   * exist ({@link #missing} empty, or after {@link #createMissing}).
   *
   * @return one line per such topic, in {@link Topics#ALL} order; empty when none
   * @throws KafkaException if the cluster cannot be asked, or a topic with a limit is missing
   */
  public static List<String> undersized(Admin admin) {
    List<String> limited = Topics.ALL.stream().filter(name -> !configs(name).isEmpty()).toList();
    return undersizedFrom(maxMessageBytes(admin, limited, ""), "");
  }

  /**
   * Warns of what would refuse items on their way in, for {@code ingest} and {@code feeds}: {@code
   * news.raw} or {@code news.deadletter} (under {@code prefix}) missing, which a broker that
   * creates topics on first use makes with its own defaults, or below {@link #configs}' {@code
   * max.message.bytes} (see {@link #undersized}).
   *
   * @param prefix put before each topic name, as {@code --topic-prefix}; empty for none
   * @return one line per such topic, the missing ones first, news.raw before news.deadletter;
   *     empty when none
   * @throws KafkaException if the cluster cannot be asked
   */
  public static List<String> ingestWarnings(Admin admin, String prefix) {
    Set<String> existing = await(admin.listTopics().names());
    List<String> warnings = new ArrayList<>();
    List<String> present = new ArrayList<>();
    for (String name : List.of(Topics.RAW, Topics.DEAD_LETTER)) {
      if (existing.contains(prefix + name)) {
        present.add(name);
      } else {
        warnings.add(prefix + name + " does not exist: a broker that creates topics on first use"
            + " makes it with its own max.message.bytes (1048588 unless set otherwise), below the "
            + configs(name).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG) + " news-signals gives it;"
            + (prefix.isEmpty()
                ? " create the topics first, e.g. with run --create-topics"
                : " create it first with that max.message.bytes, e.g. with kafka-topics --create"
                    + " (run --create-topics makes the names without a prefix)"));
      }
    }
    warnings.addAll(undersizedFrom(maxMessageBytes(admin, present, prefix), prefix));
    return warnings;
  }

  /**
   * @return each topic's {@code max.message.bytes} by unprefixed name, in the order given; a topic
   *     whose reply has no such value (a Kafka-compatible broker may leave it out) is left out
   */
  private static Map<String, String> maxMessageBytes(Admin admin, List<String> names, String prefix) {
    List<ConfigResource> resources = names.stream()
        .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, prefix + name))
        .toList();
    Map<ConfigResource, Config> described = await(admin.describeConfigs(resources).all());
    Map<String, String> maxMessageBytes = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      Config config = described.get(resources.get(i));
      ConfigEntry entry = config == null ? null : config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
      if (entry != null && entry.value() != null) {
        maxMessageBytes.put(names.get(i), entry.value());
      }
    }
    return maxMessageBytes;
  }

  /**
   * @param maxMessageBytes each topic's {@code max.message.bytes}, by unprefixed name
   * @param prefix put before each topic name in the warnings
   * @return a warning for each topic whose value is below {@link #configs}', with the command that
   *     raises it
   */
  static List<String> undersizedFrom(Map<String, String> maxMessageBytes, String prefix) {
    List<String> warnings = new ArrayList<>();
    maxMessageBytes.forEach((name, value) -> {
      String wanted = configs(name).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
      if (wanted != null && Long.parseLong(value) < Long.parseLong(wanted)) {
        warnings.add(prefix + name + " has max.message.bytes " + value + ", below the " + wanted
            + " news-signals gives it: larger records will be refused; raise it with kafka-configs"
            + " --alter --entity-type topics --entity-name " + prefix + name
            + " --add-config max.message.bytes=" + wanted);
      }
    });
    return warnings;
  }

  /** @return the names of {@link Topics#ALL} that are not in {@code existing}, in that order */
  static List<String> missingFrom(Set<String> existing) {
    return Topics.ALL.stream().filter(name -> !existing.contains(name)).toList();
  }

  /**
   * The specs of the given topics. {@code news.deadletter} accepts messages up to {@link
   * StreamsSettings#MAX_REQUEST_BYTES}, since a dead letter wraps a whole original record, and
   * {@code news.raw} up to {@link Topics#RAW_MAX_MESSAGE_BYTES} (see {@link #configs}).
   */
  static List<NewTopic> newTopics(
      Collection<String> names, int partitions, short replicationFactor) {
    if (partitions < 1 || replicationFactor < 1) {
      throw new IllegalArgumentException(
          "partitions and replication factor must be at least 1: "
              + partitions
              + ", "
              + replicationFactor);
    }
    return names.stream()
        .map(
            name -> {
              NewTopic topic = new NewTopic(name, partitions, replicationFactor);
              Map<String, String> configs = configs(name);
              return configs.isEmpty() ? topic : topic.configs(configs);
            })
        .toList();
  }

  /**
   * The topic configs that news-signals sets on creating a topic.
   *
   * @param name a topic's name without any prefix, one of {@link Topics#ALL}
   * @return {@code max.message.bytes} for {@code news.deadletter} ({@link
   *     StreamsSettings#MAX_REQUEST_BYTES}) and {@code news.raw} ({@link
   *     Topics#RAW_MAX_MESSAGE_BYTES}); empty for the others, which keep the broker's defaults
   */
  public static Map<String, String> configs(String name) {
    return switch (name) {
      case Topics.DEAD_LETTER -> Map.of(
          TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(StreamsSettings.MAX_REQUEST_BYTES));
      case Topics.RAW -> Map.of(
          TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(Topics.RAW_MAX_MESSAGE_BYTES));
      default -> Map.of();
    };
  }

  private static <T> T await(KafkaFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptException(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof KafkaException kafka) {
        throw kafka;
      }
      throw new KafkaException(e.getCause());
    }
  }
}

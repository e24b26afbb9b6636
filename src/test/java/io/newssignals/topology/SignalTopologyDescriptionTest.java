package io.newssignals.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.alerts.AlertRules;
import io.newssignals.serde.InMemorySchemaRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class SignalTopologyDescriptionTest {

  private final TopologyDescription description =
      SignalTopology.build(
              new Topics(new InMemorySchemaRegistry()), item -> List.of(), Clock.systemUTC(),
              SignalTopology.Options.DEFAULTS.withAlertRules(new AlertRules(List.of())))
          .describe();

  private Map<String, TopologyDescription.Node> nodes() {
    Map<String, TopologyDescription.Node> byName = new HashMap<>();
    for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
      subtopology.nodes().forEach(node -> byName.put(node.name(), node));
    }
    return byName;
  }

  @Test
  void everyNodeHasOneOfOurNames() {
    assertEquals(
        new TreeSet<>(
            Set.of(
                "news-raw-source",
                "validate",
                "validation-",
                "validation-rejected",
                "validation-valid",
                "rejection",
                "dead-letter-sink",
                "valid-item",
                "extract",
                "with-signals",
                "dedup-input-repartition-filter",
                "dedup-input-repartition-sink",
                "dedup-input-repartition-source",
                "dedup",
                "item-signals",
                "key-by-company",
                "route-",
                "route-funding",
                "route-hiring",
                "route-expansion",
                "funding-sink",
                "hiring-sink",
                "expansion-sink")),
        new TreeSet<>(nodes().keySet()));
  }

  private static Set<String> names(TopologyDescription.Subtopology subtopology) {
    return subtopology.nodes().stream()
        .map(TopologyDescription.Node::name)
        .collect(Collectors.toSet());
  }

  @Test
  void extractionReadsNewsRawAndDedupWithRoutingIsOneRepartitionLater() {
    List<TopologyDescription.Subtopology> subtopologies =
        description.subtopologies().stream()
            .sorted(Comparator.comparingInt(TopologyDescription.Subtopology::id))
            .toList();
    assertEquals(2, subtopologies.size());
    assertEquals(Set.of(), description.globalStores());
    assertEquals(
        Set.of(Topics.RAW),
        ((TopologyDescription.Source) nodes().get(SignalTopology.SOURCE)).topicSet());
    assertEquals(
        Set.of("dedup-input-repartition"),
        ((TopologyDescription.Source) nodes().get("dedup-input-repartition-source")).topicSet());
    assertEquals(
        Set.of("news-raw-source", "validate", "validation-", "validation-rejected",
            "validation-valid", "rejection", "dead-letter-sink", "valid-item", "extract",
            "with-signals", "dedup-input-repartition-filter", "dedup-input-repartition-sink"),
        names(subtopologies.get(0)));
    assertEquals(
        Set.of("dedup-input-repartition-source", "dedup", "item-signals", "key-by-company",
            "route-", "route-funding", "route-hiring", "route-expansion", "funding-sink",
            "hiring-sink", "expansion-sink"),
        names(subtopologies.get(1)));
    assertEquals(
        Set.of("dedup-index"),
        ((TopologyDescription.Processor) nodes().get(SignalTopology.DEDUP)).stores());
  }

  @Test
  void aZeroDedupWindowLeavesOneSubtopologyWithoutRepartitionOrStore() {
    TopologyDescription withoutDedup =
        SignalTopology.build(
                new Topics(new InMemorySchemaRegistry()), item -> List.of(), Clock.systemUTC(),
                SignalTopology.Options.DEFAULTS
                    .withDedupWindow(Duration.ZERO)
                    .withAlertRules(new AlertRules(List.of())))
            .describe();

    assertEquals(1, withoutDedup.subtopologies().size());
    assertEquals(
        Set.of("news-raw-source", "validate", "validation-", "validation-rejected",
            "validation-valid", "rejection", "dead-letter-sink", "valid-item", "extract",
            "item-signals", "key-by-company", "route-", "route-funding", "route-hiring", "route-expansion",
            "funding-sink", "hiring-sink", "expansion-sink"),
        names(withoutDedup.subtopologies().iterator().next()));
  }

  @Test
  void repartitionTopicsNamesTheDedupInputOnlyWhenDedupIsOn() {
    assertEquals(
        List.of("app-dedup-input-repartition"),
        SignalTopology.repartitionTopics("app", SignalTopology.Options.DEFAULTS));
    assertEquals(
        List.of(),
        SignalTopology.repartitionTopics(
            "app", SignalTopology.Options.DEFAULTS.withDedupWindow(Duration.ZERO)));
  }

  @Test
  void inputTopicsAreNewsRawThenTheDedupInput() {
    assertEquals(
        List.of("news.raw", "app-dedup-input-repartition"),
        SignalTopology.inputTopics("app", SignalTopology.Options.DEFAULTS));
    assertEquals(
        List.of("news.raw"),
        SignalTopology.inputTopics(
            "app", SignalTopology.Options.DEFAULTS.withDedupWindow(Duration.ZERO)));
  }

  @Test
  void eachSinkWritesItsTopic() {
    Map<String, String> topicBySink = new HashMap<>();
    nodes().values().stream()
        .filter(TopologyDescription.Sink.class::isInstance)
        .map(TopologyDescription.Sink.class::cast)
        .forEach(sink -> topicBySink.put(sink.name(), sink.topic()));
    assertEquals(
        Map.of(
            "dead-letter-sink", Topics.DEAD_LETTER,
            "dedup-input-repartition-sink", "dedup-input-repartition",
            "funding-sink", Topics.FUNDING,
            "hiring-sink", Topics.HIRING,
            "expansion-sink", Topics.EXPANSION),
        topicBySink);
  }
}

package io.newssignals.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicAdminTest {

  @Test
  void namesTheMissingTopicsInPipelineOrder() {
    assertEquals(
        List.of(Topics.RAW, Topics.HIRING, Topics.DEAD_LETTER, Topics.ALERTS),
        TopicAdmin.missingFrom(Set.of(Topics.FUNDING, Topics.EXPANSION, "unrelated")));
    assertEquals(List.of(), TopicAdmin.missingFrom(Set.copyOf(Topics.ALL)));
  }

  @Test
  void specsGiveEachTopicThePartitionsAndReplicationAndTheDeadLetterTopicRoomForBigRecords() {
    List<NewTopic> specs = TopicAdmin.newTopics(Topics.ALL, 3, (short) 1);

    assertEquals(Topics.ALL, specs.stream().map(NewTopic::name).toList());
    for (NewTopic spec : specs) {
      assertEquals(3, spec.numPartitions());
      assertEquals((short) 1, spec.replicationFactor());
    }
    assertEquals(
        Map.of("max.message.bytes", "4194304"),
        specs.get(Topics.ALL.indexOf(Topics.DEAD_LETTER)).configs());
    assertEquals(
        Map.of("max.message.bytes", "2097152"), specs.get(Topics.ALL.indexOf(Topics.RAW)).configs());
    assertNull(specs.get(Topics.ALL.indexOf(Topics.FUNDING)).configs());
  }

  @Test
  void warnsOfTopicsWhoseMessageLimitIsBelowWhatItGivesThem() {
    Map<String, String> limits = new LinkedHashMap<>();
    limits.put("news.raw", "1048588");
    limits.put("news.deadletter", "4194304");
    limits.put("signals.funding", "1048588");

    assertEquals(
        List.of("news.raw has max.message.bytes 1048588, below the 2097152 news-signals gives it:"
            + " larger records will be refused; raise it with kafka-configs --alter --entity-type topics"
            + " --entity-name news.raw --add-config max.message.bytes=2097152"),
        TopicAdmin.undersizedFrom(limits, ""));
    assertEquals(List.of(), TopicAdmin.undersizedFrom(Map.of("news.raw", "2097152", "news.deadletter", "8388608"), ""));
    assertEquals(
        List.of("staging.news.deadletter has max.message.bytes 1048588, below the 4194304 news-signals"
            + " gives it: larger records will be refused; raise it with kafka-configs --alter"
            + " --entity-type topics --entity-name staging.news.deadletter --add-config"
            + " max.message.bytes=4194304"),
        TopicAdmin.undersizedFrom(Map.of("news.deadletter", "1048588"), "staging."));
  }

  @Test
  void refusesZeroPartitionsOrReplicas() {
    assertThrows(
        IllegalArgumentException.class, () -> TopicAdmin.newTopics(Topics.ALL, 0, (short) 1));
    assertThrows(
        IllegalArgumentException.class, () -> TopicAdmin.newTopics(Topics.ALL, 1, (short) 0));
  }
}

package io.newssignals.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.newssignals.serde.InMemorySchemaRegistry;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

  @Test
  void defaults() {
    Properties props = StreamsSettings.properties("broker:9092", registry, 3, Map.of());

    StreamsConfig config = new StreamsConfig(props);
    assertEquals("news-signals", config.getString(StreamsConfig.APPLICATION_ID_CONFIG));
    assertEquals("exactly_once_v2", config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    assertEquals(3, config.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG));
    assertEquals(100L, config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
    assertEquals(20L, config.getLong(StreamsConfig.POLL_MS_CONFIG));
    assertNull(props.get(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG));
    assertNull(props.get(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG));
    assertEquals("earliest", config.getMainConsumerConfigs("g", "c", 0).get("auto.offset.reset"));
    assertEquals(4194304, config.getProducerConfigs("p").get("max.request.size"));
    assertEquals(
        Topics.DEAD_LETTER,
        config.getString(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG));
    assertSame(registry, props.get(DeadLetters.SCHEMA_REGISTRY_CONFIG));
  }

  @Test
  void theHandlersAreOursAndGetTheRegistryFromTheConfig() {
    StreamsConfig config =
        new StreamsConfig(StreamsSettings.properties("broker:9092", registry, 1, Map.of()));

    assertEquals(
        DeadLetterDeserializationHandler.class,
        config.deserializationExceptionHandler().getClass());
    assertEquals(
        DeadLetterProcessingHandler.class, config.processingExceptionHandler().getClass());
    assertEquals(
        DeadLetterProductionHandler.class, config.productionExceptionHandler().getClass());
  }

  @Test
  void overridesWin() {
    Properties overrides = new Properties();
    overrides.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, "news-signals-test");
    overrides.setProperty(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/news-signals");
    overrides.setProperty("consumer.auto.offset.reset", "latest");

    Properties props = StreamsSettings.properties("broker:9092", registry, 1, overrides);

    assertEquals("news-signals-test", props.get(StreamsConfig.APPLICATION_ID_CONFIG));
    assertEquals("/var/lib/news-signals", props.get(StreamsConfig.STATE_DIR_CONFIG));
    assertEquals("latest", props.get("consumer.auto.offset.reset"));
  }
}

package io.newssignals.alerts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde (UTF-8, Jackson) for the alert rules' internal state: the aggregates in their stores
 * and changelogs. Internal state is read only by this code, so it needs no schema registry; a
 * record that cannot be read raises Kafka's {@link SerializationException}.
 */
final class JsonSerde {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonSerde() {}

  /** @return a serde of {@code type}; null stays null */
  static <T> Serde<T> of(TypeReference<T> type) {
    // Resolved once: the mapper would otherwise look the type's (de)serializers up on every record.
    ObjectWriter writer = MAPPER.writerFor(type);
    ObjectReader reader = MAPPER.readerFor(type);
    Serializer<T> serializer = (topic, value) -> {
      try {
        return value == null ? null : writer.writeValueAsBytes(value);
      } catch (IOException e) {
        throw new SerializationException("Cannot write " + type.getType() + " as JSON", e);
      }
    };
    Deserializer<T> deserializer = (topic, bytes) -> {
      try {
        return bytes == null ? null : reader.readValue(bytes);
      } catch (IOException e) {
        throw new SerializationException("Cannot read " + type.getType() + " from JSON", e);
      }
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}

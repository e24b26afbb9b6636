package io.newssignals.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newssignals.avro.NewsItem;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final AvroSerde<NewsItem> serde = AvroSerde.forValues(registry, NewsItem.class);

  private static NewsItem item() {
    return NewsItem.newBuilder()
        .setId("abc")
        .setUrl("https://example.org/a")
        .setTitle("Acme raises $5 million")
        .setBody("Acme raised $5 million in a seed round.")
        .setIngestedAt(Instant.ofEpochMilli(1_700_000_000_000L))
        .build();
  }

  @Test
  void writesTheConfluentHeaderThenAvro() {
    byte[] bytes = serde.serialize("news.raw", item());

    assertEquals(0, bytes[0]);
    assertEquals(1, ByteBuffer.wrap(bytes, 1, 4).getInt());
    assertEquals(item(), serde.deserialize("news.raw", bytes));
    assertEquals(NewsItem.getClassSchema(), registry.schemaById(1));
  }

  @Test
  void nullIsATombstoneBothWays() {
    assertNull(serde.serialize("news.raw", null));
    assertNull(serde.deserialize("news.raw", null));
  }

  @Test
  void rejectsAWrongMagicByte() {
    byte[] bytes = serde.serialize("news.raw", item());
    bytes[0] = 7;
    SerializationException e =
        assertThrows(SerializationException.class, () -> serde.deserialize("news.raw", bytes));
    assertEquals("Not Confluent wire format: magic byte is 7, expected 0", e.getMessage());
  }

  @Test
  void rejectsBytesShorterThanTheHeader() {
    SerializationException e =
        assertThrows(
            SerializationException.class, () -> serde.deserialize("news.raw", new byte[] {0, 0}));
    assertEquals("Not Confluent wire format: 2 bytes, the header alone is 5", e.getMessage());
  }

  @Test
  void rejectsTruncatedAvro() {
    byte[] whole = serde.serialize("news.raw", item());
    byte[] truncated = Arrays.copyOf(whole, whole.length - 10);
    SerializationException e =
        assertThrows(SerializationException.class, () -> serde.deserialize("news.raw", truncated));
    assertTrue(
        e.getMessage().startsWith("Truncated or corrupt Avro data for schema id 1 in topic news.raw"),
        e.getMessage());
  }

  @Test
  void rejectsTrailingBytes() {
    byte[] whole = serde.serialize("news.raw", item());
    byte[] longer = Arrays.copyOf(whole, whole.length + 3);
    SerializationException e =
        assertThrows(SerializationException.class, () -> serde.deserialize("news.raw", longer));
    assertEquals(
        "Avro data for schema id 1 has trailing bytes after the record", e.getMessage());
  }

  @Test
  void rejectsALengthPrefixThatClaimsMoreThanTheLimit() {
    registry.register("news.raw-value", NewsItem.getClassSchema());
    // Schema 1, then the id field's length as a zig-zag varint: 2,000,000,000 bytes, then "abc".
    byte[] bytes = {0, 0, 0, 0, 1, (byte) 0x80, (byte) 0xd0, (byte) 0xac, (byte) 0xf3, 0x0e,
        'a', 'b', 'c'};
    SerializationException e =
        assertThrows(SerializationException.class, () -> serde.deserialize("news.raw", bytes));
    assertTrue(e.getMessage().contains("String length 2000000000 exceeds maximum allowed"),
        e.getMessage());
  }

  @Test
  void rejectsAnUnknownSchemaId() {
    byte[] bytes = {0, 0, 0, 0, 42, 2, 'a'};
    SerializationException e =
        assertThrows(SerializationException.class, () -> serde.deserialize("news.raw", bytes));
    assertEquals(
        "Unknown schema id 42: Schema 42 not found (in-memory registry)", e.getMessage());
  }

  @Test
  void readsARecordWrittenWithAnOlderSchema() throws Exception {
    // An earlier NewsItem without url, source, language and publishedAt.
    Schema old =
        SchemaBuilder.record("NewsItem").namespace("io.newssignals.avro").fields()
            .requiredString("id")
            .requiredString("title")
            .requiredString("body")
            .name("ingestedAt").type().longType().noDefault()
            .endRecord();
    int id = registry.register("news.raw-value", old);
    GenericRecord record = new GenericData.Record(old);
    record.put("id", "old-1");
    record.put("title", "T");
    record.put("body", "B");
    record.put("ingestedAt", 5L);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(old).write(record, encoder);
    encoder.flush();

    NewsItem read = serde.deserialize("news.raw", out.toByteArray());

    assertEquals(
        NewsItem.newBuilder().setId("old-1").setTitle("T").setBody("B")
            .setIngestedAt(Instant.ofEpochMilli(5)).build(),
        read);
  }

  @Test
  void registersOncePerSubject() {
    byte[] first = serde.serialize("news.raw", item());
    byte[] second = serde.serialize("other.topic", item());
    assertArrayEquals(first, second);
  }
}

package io.newssignals.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SystemLimitException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for generated Avro records in the Confluent wire format.
 *
 * <p>Bytes: {@code [0x00][schema id: 4 bytes, big-endian][Avro binary of the record]}, as
 * specified in Confluent's "Wire format" documentation. The serializer registers the record's
 * schema under the TopicNameStrategy subject ({@code <topic>-value}, or {@code <topic>-key} for a
 * key serde) on first use and caches the id per subject. The deserializer reads with the writer
 * schema looked up by id and resolves it to the compiled (reader) schema, so records written with
 * an older compatible schema still read.
 *
 * <p>Errors: a byte array that is not in this format (wrong magic byte, shorter than the 5-byte
 * header, truncated or trailing Avro data, an id the registry does not know) raises Kafka's {@link
 * SerializationException} with the reason, so Kafka Streams' exception handlers can route it to
 * the dead-letter topic. A registry that cannot be reached raises {@link SchemaRegistryException}.
 *
 * @param <T> the generated record class
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  /** Confluent wire format: magic byte, then the schema id. */
  static final byte MAGIC_BYTE = 0;

  static final int HEADER_BYTES = 5;

  /**
   * Largest string or bytes field a record may claim, in bytes: 16 MiB, far above any record the
   * topics accept (a few MiB), far below the heap.
   */
  static final int MAX_FIELD_BYTES = 16 * 1024 * 1024;

  /** Largest array or map a record may claim, in items. */
  static final int MAX_COLLECTION_ITEMS = 1_000_000;

  static {
    // Avro allocates what a length prefix claims before reading it, so 13 bytes claiming a 2 GB
    // string exhaust the heap. Avro 1.11.3+ checks lengths against these JVM-wide limits (read once,
    // when org.apache.avro.SystemLimitException is first used); a value set by the operator wins.
    limitIfUnset(SystemLimitException.MAX_STRING_LENGTH_PROPERTY, MAX_FIELD_BYTES);
    limitIfUnset(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, MAX_FIELD_BYTES);
    limitIfUnset(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY, MAX_COLLECTION_ITEMS);
  }

  private static void limitIfUnset(String property, int limit) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Integer.toString(limit));
    }
  }

  private final SchemaRegistry registry;
  private final Class<T> type;
  private final Schema readerSchema;
  private final SpecificData model;
  private final String subjectSuffix;
  private final Map<String, Integer> idBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, DatumReader<T>> readerByWriterId = new ConcurrentHashMap<>();
  private final SpecificDatumWriter<T> writer;

  /**
   * @param registry where schemas are registered and looked up
   * @param type the generated record class; its schema is the reader schema
   * @param isKey true for a key serde (subject {@code <topic>-key}), false for values
   */
  public AvroSerde(SchemaRegistry registry, Class<T> type, boolean isKey) {
    this.registry = registry;
    this.type = type;
    this.model = SpecificData.getForClass(type);
    this.readerSchema = model.getSchema(type);
    this.subjectSuffix = isKey ? "-key" : "-value";
    this.writer = new SpecificDatumWriter<>(readerSchema, model);
  }

  /** A value serde for {@code type}. */
  public static <T extends SpecificRecord> AvroSerde<T> forValues(
      SchemaRegistry registry, Class<T> type) {
    return new AvroSerde<>(registry, type, false);
  }

  /**
   * Encodes a record.
   *
   * @return wire-format bytes, or null for a null record (a tombstone)
   */
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    int id = idBySubject.computeIfAbsent(
        topic + subjectSuffix, subject -> registry.register(subject, readerSchema));
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(MAGIC_BYTE);
    out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot encode " + type.getSimpleName() + " for topic " + topic + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes wire-format bytes.
   *
   * @return the record, or null for null bytes
   * @throws SerializationException if the bytes are not a record of a known schema in this format
   */
  public T deserialize(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length < HEADER_BYTES) {
      throw new SerializationException(
          "Not Confluent wire format: " + bytes.length + " bytes, the header alone is 5");
    }
    if (bytes[0] != MAGIC_BYTE) {
      throw new SerializationException(
          "Not Confluent wire format: magic byte is " + bytes[0] + ", expected 0");
    }
    int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    DatumReader<T> reader = readerByWriterId.computeIfAbsent(id, this::readerFor);
    BinaryDecoder decoder =
        DecoderFactory.get().binaryDecoder(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES, null);
    try {
      T record = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new SerializationException(
            "Avro data for schema id " + id + " has trailing bytes after the record");
      }
      return record;
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerializationException serialization) {
        throw serialization;
      }
      throw new SerializationException(
          "Truncated or corrupt Avro data for schema id " + id + " in topic " + topic + ": " + e, e);
    }
  }

  private DatumReader<T> readerFor(int writerId) {
    Schema writerSchema;
    try {
      writerSchema = registry.schemaById(writerId);
    } catch (SchemaRegistryException e) {
      if (e.status() == 404) {
        throw new SerializationException("Unknown schema id " + writerId + ": " + e.getMessage(), e);
      }
      throw e;
    }
    return new SpecificDatumReader<>(writerSchema, readerSchema, model);
  }

  @Override
  public Serializer<T> serializer() {
    return this::serialize;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this::deserialize;
  }
}

package io.newssignals.serde;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API that the serdes need.
 *
 * <p>Ids are the registry's global schema ids, as carried in bytes 1..4 of the Confluent wire
 * format. Subjects follow TopicNameStrategy: {@code <topic>-value} and {@code <topic>-key}.
 */
public interface SchemaRegistry {

  /**
   * Registers a schema under a subject, or finds it if already there.
   *
   * @return the global schema id
   * @throws SchemaRegistryException if the registry is unreachable or refuses the schema
   */
  int register(String subject, Schema schema);

  /**
   * Looks a schema up by its global id.
   *
   * @throws SchemaRegistryException if the registry is unreachable or has no such id
   */
  Schema schemaById(int id);
}

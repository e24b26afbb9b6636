package io.newssignals.serde;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * A schema registry held in memory, for TopologyTestDriver tests where no HTTP registry runs.
 * Behaves like Confluent's: ids are global, and the same schema (by parsing canonical form) gets
 * the same id under any subject.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {

  private final Map<String, Integer> idByCanonicalForm = new HashMap<>();
  private final Map<Integer, Schema> schemaById = new HashMap<>();

  @Override
  public synchronized int register(String subject, Schema schema) {
    return idByCanonicalForm.computeIfAbsent(
        SchemaNormalization.toParsingForm(schema),
        form -> {
          int id = schemaById.size() + 1;
          schemaById.put(id, schema);
          return id;
        });
  }

  @Override
  public synchronized Schema schemaById(int id) {
    Schema schema = schemaById.get(id);
    if (schema == null) {
      throw new SchemaRegistryException("Schema " + id + " not found (in-memory registry)", 404, null);
    }
    return schema;
  }
}

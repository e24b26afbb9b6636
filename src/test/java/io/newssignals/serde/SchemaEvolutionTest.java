package io.newssignals.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newssignals.avro.Alert;
import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.Evidence;
import io.newssignals.avro.ExtractedItem;
import io.newssignals.avro.FailureStage;
import io.newssignals.avro.Location;
import io.newssignals.avro.Money;
import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.avro.Severity;
import io.newssignals.avro.SignalType;
import io.newssignals.serde.HttpSchemaRegistryClient.Compatibility;
import io.newssignals.testing.LocalStackExtension;
import io.newssignals.testing.ProjectFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every released schema version in {@code schemas/history/<Name>-v<N>.avsc} against the current
 * {@code schemas/<Name>.avsc}, on the real registry: the current schema is BACKWARD compatible
 * with all of them (the registry's own compatibility check, {@code BACKWARD_TRANSITIVE}), and a
 * record written with an old version is read by today's serde with the fields it had and the
 * defaults of the fields added since.
 */
@ExtendWith(LocalStackExtension.class)
class SchemaEvolutionTest {

  private static final Pattern HISTORY_FILE = Pattern.compile("(\\w+)-v(\\d+)\\.avsc");
  private static final Instant AT = Instant.parse("2026-11-29T12:00:00Z");

  private static final Signal SIGNAL = Signal.newBuilder()
      .setSignalId("sig-1").setItemId("item-1").setItemUrl("https://example.org/a")
      .setType(SignalType.FUNDING).setCompany("Acme").setCompanyId("acme")
      // Money's FX fields are left at their defaults: Signal-v1's Money has none to keep.
      .setAmount(Money.newBuilder().setValue(5.0e6).setCurrency("USD").setText("$5 million").build())
      .setValuation(Money.newBuilder().setValue(4.6e7).setCurrency("EUR").build())
      .setRound("seed").setInvestors(List.of("Granite Ridge"))
      .setLocations(List.of(new Location("London", "London", "CITY", "GB")))
      .setRoles(List.of("engineering")).setPeople(List.of("Dana Whitcombe")).setHeadcount(60)
      .setLanguage("en").setConfidence(0.85)
      .setEvidence(List.of(new Evidence("body", 0, 38, "Acme raised $5 million in a seed round.")))
      .setPublishedAt(AT).setProcessedAt(AT)
      .setLeadInvestor("Granite Ridge").setAiRelated(true).setAiCue("AI").build();

  /** One sample record per current schema, with every optional field set so that none is lost unseen. */
  private static final Map<String, SpecificRecord> SAMPLES = Map.of(
      "NewsItem", NewsItem.newBuilder()
          .setId("item-1").setUrl("https://example.org/a").setSource("feed")
          .setTitle("Acme raises $5 million").setBody("Acme raised $5 million in a seed round.")
          .setLanguage("en").setPublishedAt(AT).setIngestedAt(AT).build(),
      "Signal", SIGNAL,
      "Alert", Alert.newBuilder()
          .setAlertId("alert-1").setRule("momentum").setRuleType("momentum")
          .setSeverity(Severity.WARNING).setCompany("Acme").setCompanyId("acme")
          .setSignalIds(List.of("sig-1", "sig-2")).setItemUrls(List.of("https://example.org/a"))
          .setSummary("Acme shows momentum: FUNDING and HIRING signals within 14 days")
          .setWindowStart(AT).setWindowEnd(AT.plusSeconds(14 * 86_400)).setCreatedAt(AT).build(),
      "DeadLetter", DeadLetter.newBuilder()
          .setStage(FailureStage.PROCESSING).setReason("boom").setErrorClass("java.lang.IllegalStateException")
          .setOrigin("file.txt:3").setSourceTopic("news.raw").setSourcePartition(2).setSourceOffset(41L)
          .setSourceTimestamp(AT).setKey(ByteBuffer.wrap("k".getBytes(StandardCharsets.UTF_8)))
          .setValue(ByteBuffer.wrap(new byte[] {0, 1, 2})).setFailedAt(AT).build(),
      "ExtractedItem", ExtractedItem.newBuilder()
          .setItemId("item-1").setUrl("https://example.org/a").setIngestedAt(AT)
          .setFingerprint(ByteBuffer.wrap(new byte[64])).setBandKeys(List.of("band:0:00000000000000ff"))
          .setSignals(List.of(SIGNAL)).build());

  private record Version(String name, int number, Schema schema) {}

  @Test
  void everyCurrentSchemaHasAReleasedVersion() throws IOException {
    List<String> current;
    try (Stream<Path> files = Files.list(schemasDir())) {
      current = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".avsc")).map(n -> n.substring(0, n.length() - 5)).sorted().toList();
    }
    assertEquals(List.of("Alert", "DeadLetter", "ExtractedItem", "NewsItem", "Signal"), current);
    assertEquals(current, history().stream().map(Version::name).distinct().sorted().toList());
  }

  @Test
  void theRegistryFindsEachCurrentSchemaBackwardCompatibleWithAllReleasedVersions() throws IOException {
    HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(LocalStackExtension.schemaRegistryUrl());
    String run = UUID.randomUUID().toString();
    for (String name : SAMPLES.keySet()) {
      String subject = "evolution-" + run + "-" + name + "-value";
      registry.setCompatibility(subject, Compatibility.BACKWARD_TRANSITIVE);
      for (Version old : versionsOf(name)) {
        registry.register(subject, old.schema());
      }
      Schema current = SAMPLES.get(name).getSchema();
      assertTrue(registry.isCompatible(subject, current), name + " is not BACKWARD compatible");
      // The check can fail: a new field without a default cannot be read from old records.
      assertFalse(registry.isCompatible(subject, withRequiredField(current)),
          name + " with a new required field was accepted");
    }
  }

  @Test
  void recordsWrittenWithAnOldVersionAreReadByTodaysSerde() throws IOException {
    HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(LocalStackExtension.schemaRegistryUrl());
    String run = UUID.randomUUID().toString();
    for (Version old : history()) {
      SpecificRecord sample = SAMPLES.get(old.name());
      String subject = "evolution-" + run + "-" + old.name() + "-v" + old.number() + "-value";
      int id = registry.register(subject, old.schema());
      byte[] wire = wireFormat(id, asOldVersion(sample, old.schema()), old.schema());

      SpecificRecord read = new AvroSerde<>(registry, classOf(sample), false).deserialize("any", wire);

      for (Schema.Field field : sample.getSchema().getFields()) {
        Object expected = old.schema().getField(field.name()) != null
            ? sample.get(field.pos())
            : SpecificData.get().getDefaultValue(field);
        assertEquals(expected, read.get(field.pos()),
            old.name() + "-v" + old.number() + " field " + field.name());
      }
    }
  }

  /** The sample as the old version would have written it: the current record resolved to the old schema. */
  private static GenericRecord asOldVersion(SpecificRecord sample, Schema old) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<SpecificRecord>(sample.getSchema()).write(sample, encoder);
    encoder.flush();
    return new GenericDatumReader<GenericRecord>(sample.getSchema(), old)
        .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
  }

  private static byte[] wireFormat(int id, GenericRecord record, Schema schema) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  @SuppressWarnings("unchecked")
  private static Class<SpecificRecord> classOf(SpecificRecord record) {
    return (Class<SpecificRecord>) record.getClass();
  }

  private static Schema withRequiredField(Schema schema) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    fields.add(new Schema.Field("addedWithoutDefault", Schema.create(Schema.Type.LONG), "test", (Object) null));
    return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
  }

  private static List<Version> versionsOf(String name) throws IOException {
    return history().stream().filter(v -> v.name().equals(name)).toList();
  }

  /** @return every history file, by name then version number */
  private static List<Version> history() throws IOException {
    List<Version> versions = new ArrayList<>();
    try (Stream<Path> files = Files.list(schemasDir().resolve("history"))) {
      for (Path file : files.toList()) {
        Matcher m = HISTORY_FILE.matcher(file.getFileName().toString());
        assertTrue(m.matches(), "history file not named <Name>-v<N>.avsc: " + file);
        versions.add(new Version(m.group(1), Integer.parseInt(m.group(2)), new Schema.Parser().parse(file.toFile())));
      }
    }
    versions.sort(Comparator.comparing(Version::name).thenComparing(Version::number));
    return versions;
  }

  private static Path schemasDir() {
    return ProjectFiles.samplesDir().resolveSibling("schemas");
  }
}

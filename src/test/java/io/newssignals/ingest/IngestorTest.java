package io.newssignals.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.FailureStage;
import io.newssignals.avro.NewsItem;
import io.newssignals.serde.AvroSerde;
import io.newssignals.serde.InMemorySchemaRegistry;
import io.newssignals.topology.Topics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestorTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final MockProducer<byte[], byte[]> mock =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final NewsProducer producer = new NewsProducer(mock, new Topics(registry), CLOCK);
  private final Ingestor ingestor = new Ingestor(new NewsFiles(CLOCK), producer);

  @BeforeEach
  void files() throws IOException {
    Files.writeString(dir.resolve("a.txt"), "Nvidia expands\nNew campus in Taipei.");
    Files.writeString(
        dir.resolve("b.jsonl"),
        "{\"id\":\"b1\",\"title\":\"one\"}\n{\"title\":5}\n{\"id\":\"b3\",\"body\":\"three\"}\n");
    Files.writeString(dir.resolve("README.md"), "not news");
  }

  @Test
  void linksToFoldersAndToNothingAndFifosAreCountedAsSkipped() throws Exception {
    Files.createDirectory(dir.resolve("empty"));
    Files.createSymbolicLink(dir.resolve("linked"), dir.resolve("empty"));
    Files.createSymbolicLink(dir.resolve("gone.txt"), dir.resolve("missing.txt"));
    NewsFilesTest.mkfifo(dir.resolve("pipe.jsonl"));

    IngestSummary summary = ingestor.ingest(List.of(dir));

    // Skipped: README.md, linked, gone.txt and pipe.jsonl; the items are the four of a.txt and b.jsonl.
    assertEquals("read=4 published=3 rejected=1 duplicates=0 skipped=4 failed=0", summary.toString());
  }

  @Test
  void publishesAcceptedItemsAndDeadLettersRejections() {
    IngestSummary summary = ingestor.ingest(List.of(dir));

    assertEquals(new IngestSummary(4, 3, 1, 0, 1, 0), summary);
    assertEquals("read=4 published=3 rejected=1 duplicates=0 skipped=1 failed=0", summary.toString());

    AvroSerde<NewsItem> items = AvroSerde.forValues(registry, NewsItem.class);
    List<ProducerRecord<byte[], byte[]>> raw = sentTo(Topics.RAW);
    String textId = ItemIds.forText("Nvidia expands", "New campus in Taipei.");
    assertEquals(
        List.of(textId, "b1", "b3"), raw.stream().map(r -> new String(r.key(), UTF_8)).toList());
    assertEquals(
        NewsItem.newBuilder()
            .setId(textId)
            .setSource(dir.resolve("a.txt").toString())
            .setTitle("Nvidia expands")
            .setBody("New campus in Taipei.")
            .setIngestedAt(NOW)
            .build(),
        items.deserialize(Topics.RAW, raw.get(0).value()));
    assertEquals(
        NewsItem.newBuilder()
            .setId("b3")
            .setSource(dir.resolve("b.jsonl").toString())
            .setTitle("")
            .setBody("three")
            .setIngestedAt(NOW)
            .build(),
        items.deserialize(Topics.RAW, raw.get(2).value()));

    List<ProducerRecord<byte[], byte[]>> dead = sentTo(Topics.DEAD_LETTER);
    assertEquals(1, dead.size());
    assertNull(dead.get(0).key());
    assertEquals(
        DeadLetter.newBuilder()
            .setStage(FailureStage.INGEST)
            .setReason("field 'title' must be a string, got number")
            .setOrigin(dir.resolve("b.jsonl") + ":2")
            .setValue(ByteBuffer.wrap("{\"title\":5}".getBytes(UTF_8)))
            .setFailedAt(NOW)
            .build(),
        AvroSerde.forValues(registry, DeadLetter.class)
            .deserialize(Topics.DEAD_LETTER, dead.get(0).value()));
  }

  @Test
  void eachRunCountsOnlyItsOwnItems() {
    ingestor.ingest(List.of(dir));
    IngestSummary second =
        ingestor.ingest(
            new ByteArrayInputStream("{\"title\":\"piped\"}\n".getBytes(UTF_8)),
            "stdin",
            NewsFiles.Format.JSON_LINES);

    assertEquals(new IngestSummary(1, 1, 0, 0, 0, 0), second);
  }

  @Test
  void anItemAlreadySentIsADuplicateAndNotSentAgain() throws IOException {
    Files.writeString(dir.resolve("c.jsonl"), "{\"id\":\"b1\",\"title\":\"one again\"}\n");

    IngestSummary first = ingestor.ingest(List.of(dir));
    IngestSummary second = ingestor.ingest(List.of(dir.resolve("a.txt"), dir.resolve("b.jsonl")));

    assertEquals(new IngestSummary(5, 3, 1, 1, 1, 0), first);
    assertEquals(new IngestSummary(4, 0, 1, 3, 0, 0), second);
    assertEquals(3, sentTo(Topics.RAW).size());
  }

  @Test
  void theProgressCallbackSeesEveryItemRead() {
    AtomicInteger steps = new AtomicInteger();
    Ingestor counted = new Ingestor(new NewsFiles(CLOCK), producer, steps::incrementAndGet);

    counted.ingest(List.of(dir));

    assertEquals(4, steps.get());
  }

  @Test
  void failedSendsAreCountedSoTheTotalsStillAddUp() {
    mock.sendException = new KafkaException("broker unreachable");

    assertEquals(new IngestSummary(4, 0, 0, 0, 1, 4), ingestor.ingest(List.of(dir)));
  }

  private List<ProducerRecord<byte[], byte[]>> sentTo(String topic) {
    return mock.history().stream().filter(r -> r.topic().equals(topic)).toList();
  }
}

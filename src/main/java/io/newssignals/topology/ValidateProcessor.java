package io.newssignals.topology;

import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.FailureStage;
import io.newssignals.avro.NewsItem;
import io.newssignals.ops.PipelineMetrics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Checks a {@code news.raw} record and forwards a {@link Checked}: the item when it passes, or a
 * VALIDATION dead letter carrying every rule it breaks, joined with {@code "; "}.
 *
 * <p>The DSL does not expose a record's raw bytes to processors, so the dead letter's key and value
 * are the key and item re-encoded with {@code news.raw}'s serdes: the same content, but the schema
 * id is the reader schema's, which differs from the original bytes when the producer wrote with
 * another schema version.
 */
final class ValidateProcessor implements FixedKeyProcessor<String, NewsItem, Checked> {

  static final String NULL_VALUE = "value is null";
  static final String EMPTY_ID = "id is empty";
  static final String KEY_MISMATCH = "key does not match item id";
  static final String NO_TEXT = "title and body are both empty";

  private final int maxBodyBytes;
  private final Serializer<String> keySerializer;
  private final Serializer<NewsItem> valueSerializer;
  private final DeadLetters deadLetters;
  private final PipelineMetrics metrics;
  private FixedKeyProcessorContext<String, Checked> context;

  ValidateProcessor(
      Topics topics, DeadLetters deadLetters, int maxBodyBytes, PipelineMetrics metrics) {
    this.maxBodyBytes = maxBodyBytes;
    this.metrics = metrics;
    this.keySerializer = topics.raw().keySerde().serializer();
    this.valueSerializer = topics.raw().valueSerde().serializer();
    this.deadLetters = deadLetters;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Checked> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, NewsItem> record) {
    // Every deserialised news.raw record passes here first: the place to count consumed items.
    metrics.itemConsumed();
    List<String> broken = brokenRules(record.key(), record.value());
    if (broken.isEmpty()) {
      context.forward(record.withValue(Checked.valid(record.value())));
      return;
    }
    RecordMetadata source = context.recordMetadata().orElseThrow();
    DeadLetter deadLetter =
        deadLetters.describe(
            FailureStage.VALIDATION,
            String.join("; ", broken),
            null,
            source.topic(),
            source.partition(),
            source.offset(),
            record.timestamp(),
            keySerializer.serialize(source.topic(), record.key()),
            valueSerializer.serialize(source.topic(), record.value()));
    context.forward(record.withValue(Checked.rejected(deadLetter)));
  }

  /** @return the rules the record breaks, in a fixed order; empty when it is valid */
  List<String> brokenRules(String key, NewsItem item) {
    if (item == null) {
      return List.of(NULL_VALUE);
    }
    List<String> broken = new ArrayList<>();
    if (item.getId().isBlank()) {
      broken.add(EMPTY_ID);
    }
    if (!item.getId().equals(key)) {
      broken.add(KEY_MISMATCH);
    }
    if (item.getTitle().isBlank() && item.getBody().isBlank()) {
      broken.add(NO_TEXT);
    }
    if (overUtf8Bytes(item.getBody(), maxBodyBytes)) {
      broken.add(oversizeBody(maxBodyBytes));
    }
    return broken;
  }

  /**
   * Whether {@code text} takes more than {@code limit} bytes in UTF-8. A char takes 1 to 3 bytes
   * (a surrogate pair 4 for its two chars), so only a text of between a third of the limit and
   * the limit in chars is encoded to tell: a 3 KB body under the 1 MiB default is not, and no
   * longer costs a copy of itself in UTF-8.
   */
  static boolean overUtf8Bytes(String text, int limit) {
    if ((long) text.length() * 3 <= limit) {
      return false;
    }
    return text.length() > limit || text.getBytes(StandardCharsets.UTF_8).length > limit;
  }

  /** @return the reason for a body longer than {@code maxBodyBytes} in UTF-8 */
  static String oversizeBody(int maxBodyBytes) {
    return "body is over " + maxBodyBytes + " bytes";
  }
}

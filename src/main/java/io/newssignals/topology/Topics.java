package io.newssignals.topology;

import io.newssignals.avro.Alert;
import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.ExtractedItem;
import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.serde.AvroSerde;
import io.newssignals.serde.SchemaRegistry;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of the pipeline, each paired with its key and value serde, so no call site guesses
 * a serde. Keys are UTF-8 strings (item id on {@code news.raw}, normalised company id on the signal
 * topics); values are Avro in the Confluent wire format. The value serde of the topology's internal
 * dedup-input topic is here too ({@link #extractedItems()}), registered the same way.
 */
public final class Topics {

  /** Raw news items, keyed by stable item id. */
  public static final String RAW = "news.raw";

  /**
   * Largest record batch {@code news.raw} takes, in bytes ({@code max.message.bytes}): an item may
   * reach 1 MiB ({@code --max-item-bytes}), which with its record envelope is over the broker's
   * default of 1,048,588, and lz4 leaves text with little redundancy (base64, say) at its full
   * size. An item over it (a larger {@code --max-item-bytes}) is refused by the broker and
   * dead-lettered by the ingest producer.
   */
  public static final int RAW_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

  /** FUNDING signals, keyed by company id. */
  public static final String FUNDING = "signals.funding";

  /** HIRING signals, keyed by company id. */
  public static final String HIRING = "signals.hiring";

  /** EXPANSION signals, keyed by company id. */
  public static final String EXPANSION = "signals.expansion";

  /** Records that failed anywhere in the pipeline, with the reason and the original bytes. */
  public static final String DEAD_LETTER = "news.deadletter";

  /** Alerts raised by the alert rules over the signal topics, keyed by company id. */
  public static final String ALERTS = "alerts";

  /** All topic names, in pipeline order. */
  public static final List<String> ALL =
      List.of(RAW, FUNDING, HIRING, EXPANSION, DEAD_LETTER, ALERTS);

  /**
   * A topic with its serdes.
   *
   * @param <K> key type
   * @param <V> value type
   */
  public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {}

  private final Topic<String, NewsItem> raw;
  private final Topic<String, Signal> funding;
  private final Topic<String, Signal> hiring;
  private final Topic<String, Signal> expansion;
  private final Topic<String, DeadLetter> deadLetter;
  private final Topic<String, Alert> alerts;
  private final Serde<ExtractedItem> extractedItems;

  /**
   * The pipeline's topics under their standard names ({@link #ALL}).
   *
   * @param registry the schema registry the Avro serdes register with and read from
   */
  public Topics(SchemaRegistry registry) {
    this(registry, "");
  }

  /**
   * The pipeline's topics with every name prefixed, e.g. {@code "it-feeds."} gives {@code
   * it-feeds.news.raw}: several pipelines, or tests that share one broker, then stay apart.
   *
   * @param registry the schema registry the Avro serdes register with and read from
   * @param prefix put before each standard name; empty for the standard names
   */
  public Topics(SchemaRegistry registry, String prefix) {
    Serde<String> keys = Serdes.String();
    AvroSerde<Signal> signals = AvroSerde.forValues(registry, Signal.class);
    raw = new Topic<>(prefix + RAW, keys, AvroSerde.forValues(registry, NewsItem.class));
    funding = new Topic<>(prefix + FUNDING, keys, signals);
    hiring = new Topic<>(prefix + HIRING, keys, signals);
    expansion = new Topic<>(prefix + EXPANSION, keys, signals);
    deadLetter =
        new Topic<>(prefix + DEAD_LETTER, keys, AvroSerde.forValues(registry, DeadLetter.class));
    alerts = new Topic<>(prefix + ALERTS, keys, AvroSerde.forValues(registry, Alert.class));
    extractedItems = AvroSerde.forValues(registry, ExtractedItem.class);
  }

  /** @return the names of these topics, in the order of {@link #ALL} */
  public List<String> names() {
    return List.of(raw.name(), funding.name(), hiring.name(), expansion.name(), deadLetter.name(),
        alerts.name());
  }

  /** @return {@code news.raw}: item id -> NewsItem */
  public Topic<String, NewsItem> raw() {
    return raw;
  }

  /** @return the signal topic for a type: company id -> Signal */
  public Topic<String, Signal> signals(SignalType type) {
    return switch (type) {
      case FUNDING -> funding;
      case HIRING -> hiring;
      case EXPANSION -> expansion;
    };
  }

  /** @return {@code news.deadletter}: the failed record's key as text (may be null) -> DeadLetter */
  public Topic<String, DeadLetter> deadLetter() {
    return deadLetter;
  }

  /** @return {@code alerts}: company id -> Alert */
  public Topic<String, Alert> alerts() {
    return alerts;
  }

  /**
   * @return the value serde of the internal topic {@code <application.id>-dedup-input-repartition}
   *     (item id -> ExtractedItem), which Kafka Streams names after the application id; its
   *     subject is {@code <topic>-value} like the others'
   */
  public Serde<ExtractedItem> extractedItems() {
    return extractedItems;
  }
}

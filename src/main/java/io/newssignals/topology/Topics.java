package io.newssignals.topology;

import io.newssignals.avro.DeadLetter;
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
 * topics); values are Avro in the Confluent wire format.
 */
public final class Topics {

  /** Raw news items, keyed by stable item id. */
  public static final String RAW = "news.raw";

  /** FUNDING signals, keyed by company id. */
  public static final String FUNDING = "signals.funding";

  /** HIRING signals, keyed by company id. */
  public static final String HIRING = "signals.hiring";

  /** EXPANSION signals, keyed by company id. */
  public static final String EXPANSION = "signals.expansion";

  /** Records that failed anywhere in the pipeline, with the reason and the original bytes. */
  public static final String DEAD_LETTER = "news.deadletter";

  /** All topic names, in pipeline order. */
  public static final List<String> ALL = List.of(RAW, FUNDING, HIRING, EXPANSION, DEAD_LETTER);

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

  /** @param registry the schema registry the Avro serdes register with and read from */
  public Topics(SchemaRegistry registry) {
    this(registry, "");
  }

  /**
   * Topics whose names all start with {@code prefix}, so that a run (e.g. the {@code bench}
   * command) can share a cluster with the application without reading or writing its topics.
   *
   * @param registry the schema registry the Avro serdes register with and read from
   * @param prefix put before every name of {@link #ALL}; empty for the application's own topics
   */
  public Topics(SchemaRegistry registry, String prefix) {
    Serde<String> keys = Serdes.String();
    AvroSerde<Signal> signals = AvroSerde.forValues(registry, Signal.class);
    raw = new Topic<>(prefix + RAW, keys, AvroSerde.forValues(registry, NewsItem.class));
    funding = new Topic<>(prefix + FUNDING, keys, signals);
    hiring = new Topic<>(prefix + HIRING, keys, signals);
    expansion = new Topic<>(prefix + EXPANSION, keys, signals);
    deadLetter = new Topic<>(prefix + DEAD_LETTER, keys, AvroSerde.forValues(registry, DeadLetter.class));
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
}

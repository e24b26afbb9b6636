package io.newssignals.alerts;

import com.fasterxml.jackson.core.type.TypeReference;
import io.newssignals.avro.Alert;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.topology.Topics;
import io.newssignals.topology.Topics.Topic;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The alert rules as a part of a topology: reads the signal topics (company id -> Signal), runs
 * every configured {@link AlertRule}, and writes company id -> {@link Alert} to the alerts topic.
 *
 * <pre>
 * signals.funding + signals.hiring + signals.expansion
 *   (event time: {@link SignalEventTime}, publishedAt but at most the record timestamp)
 *   -&gt; per windowed rule R: filter -&gt; group by company (no repartition: already keyed)
 *        -&gt; tumbling window aggregate into {@link Hits}, store alerts-R-windows
 *        -&gt; the update that fires -&gt; Alert
 *   -&gt; per new-market rule R: store alerts-R-countries -&gt; one Alert per new country
 *   -&gt; merge -&gt; alerts
 * </pre>
 *
 * <p>Reading the signal topics rather than the in-topology signal stream keeps the signal
 * subtopology stateless and needs no repartition: the topics are keyed by company id already.
 * Alerts thus follow their signals by one commit interval.
 *
 * <p>Names: every node starts with {@code alerts-}; the stores are {@code alerts-<rule>-windows}
 * (window store, retention window + grace) and {@code alerts-<rule>-countries} (key-value store),
 * each backed by the changelog topic {@code <application.id>-<store>-changelog}. Caching is off
 * on the window stores, so every update reaches the firing check and an alert lists exactly the
 * signals counted when it fired.
 *
 * <p>Exactly once: a window's aggregate remembers that it fired ({@link Hits#fired()}) and is
 * committed in the same transaction as the alert, so a restart neither repeats nor loses one. A
 * signal later than its window's end plus grace (by stream time) is dropped by Kafka Streams and
 * counted in its {@code dropped-records} metric.
 */
public final class AlertTopology {

  /** Prefix of every node name of this part. */
  public static final String PREFIX = "alerts-";

  /** Source node reading the signal topics. */
  public static final String SOURCE = PREFIX + "signals-source";

  /** Sink node writing the alerts topic. */
  public static final String SINK = PREFIX + "sink";

  private static final Serde<Hits> HITS = JsonSerde.of(new TypeReference<>() {});
  private static final Serde<List<String>> COUNTRIES = JsonSerde.of(new TypeReference<>() {});

  private AlertTopology() {}

  /**
   * Adds the alert rules to a topology reading the pipeline's own signal topics.
   *
   * @param builder the topology being built
   * @param topics the three signal topics are read, {@link Topics#alerts()} written
   * @param rules what to run; no rule adds nothing
   * @param clock stamps {@code createdAt}
   */
  public static void addTo(StreamsBuilder builder, Topics topics, AlertRules rules, Clock clock) {
    addTo(builder, Arrays.stream(SignalType.values()).map(topics::signals).toList(),
        topics.alerts(), rules, clock);
  }

  /**
   * Adds the alert rules to a topology, with the topics given.
   *
   * @param builder the topology being built
   * @param signalTopics topics of company id -> Signal, co-partitioned (same partition count and
   *     key hashing); the first one's serdes read them all
   * @param alerts where alerts go
   * @param rules what to run; no rule adds nothing
   * @param clock stamps {@code createdAt}
   */
  public static void addTo(
      StreamsBuilder builder,
      List<Topic<String, Signal>> signalTopics,
      Topic<String, Alert> alerts,
      AlertRules rules,
      Clock clock) {
    if (rules.rules().isEmpty()) {
      return;
    }
    Topic<String, Signal> first = signalTopics.get(0);
    KStream<String, Signal> signals = builder.stream(
        signalTopics.stream().map(Topic::name).toList(),
        Consumed.with(first.keySerde(), first.valueSerde())
            .withName(SOURCE)
            .withTimestampExtractor(new SignalEventTime()));

    List<KStream<String, Alert>> fired = new ArrayList<>();
    for (AlertRule.Windowed rule : rules.windowed()) {
      fired.add(windowed(signals, rule, first, clock));
    }
    for (AlertRule.NewMarket rule : rules.newMarket()) {
      String store = storeName(rule);
      builder.addStateStore(Stores.keyValueStoreBuilder(
          Stores.persistentKeyValueStore(store), Serdes.String(), COUNTRIES));
      fired.add(signals.process(() -> new NewMarketProcessor(rule, store, clock),
          Named.as(PREFIX + rule.name() + "-detect"), store));
    }

    KStream<String, Alert> all = fired.get(0);
    for (int i = 1; i < fired.size(); i++) {
      all = all.merge(fired.get(i), Named.as(PREFIX + "merge-" + i));
    }
    all.to(alerts.name(),
        Produced.with(alerts.keySerde(), alerts.valueSerde()).withName(SINK));
  }

  /** @return the state store of a rule: {@code alerts-<name>-windows} or {@code -countries} */
  public static String storeName(AlertRule rule) {
    return PREFIX + rule.name()
        + (rule instanceof AlertRule.Windowed ? "-windows" : "-countries");
  }

  private static KStream<String, Alert> windowed(
      KStream<String, Signal> signals,
      AlertRule.Windowed rule,
      Topic<String, Signal> serdes,
      Clock clock) {
    String prefix = PREFIX + rule.name();
    return signals
        .filter((companyId, s) -> companyId != null && s != null && rule.matches(s),
            Named.as(prefix + "-match"))
        .groupByKey(Grouped.with(prefix + "-group", serdes.keySerde(), serdes.valueSerde()))
        .windowedBy(TimeWindows.ofSizeAndGrace(rule.window(), rule.grace()))
        .aggregate(
            () -> Hits.NONE,
            (companyId, s, hits) -> hits.add(s, rule),
            Named.as(prefix + "-aggregate"),
            Materialized.<String, Hits, WindowStore<Bytes, byte[]>>as(storeName(rule))
                .withKeySerde(Serdes.String())
                .withValueSerde(HITS)
                .withCachingDisabled())
        .toStream(Named.as(prefix + "-updates"))
        .filter((window, hits) -> hits != null && hits.firedNow(), Named.as(prefix + "-fired"))
        .map((window, hits) -> KeyValue.pair(window.key(), alert(rule, window, hits, clock)),
            Named.as(prefix + "-alert"));
  }

  static Alert alert(AlertRule.Windowed rule, Windowed<String> window, Hits hits, Clock clock) {
    return Alert.newBuilder()
        .setAlertId(AlertIds.of(rule.name(), window.key(), Long.toString(window.window().start())))
        .setRule(rule.name())
        .setRuleType(rule.type())
        .setSeverity(rule.severity())
        .setCompany(hits.latestCompany())
        .setCompanyId(window.key())
        .setSignalIds(hits.hits().stream().map(Hits.Hit::signalId).toList())
        .setItemUrls(hits.hits().stream().map(Hits.Hit::itemUrl).filter(Objects::nonNull)
            .distinct().toList())
        .setSummary(rule.summary(hits))
        .setWindowStart(window.window().startTime())
        .setWindowEnd(window.window().endTime())
        .setCreatedAt(clock.instant())
        .build();
  }
}

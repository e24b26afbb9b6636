package io.newssignals.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.avro.Alert;
import io.newssignals.avro.Location;
import io.newssignals.avro.Money;
import io.newssignals.avro.Severity;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import io.newssignals.serde.InMemorySchemaRegistry;
import io.newssignals.topology.StreamsSettings;
import io.newssignals.topology.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each alert rule under TopologyTestDriver: scripted signals in, the exact alerts out. Times are
 * chosen on window boundaries: 14-day windows start on 2026-01-01 (20454 days after the epoch, a
 * multiple of 14) and 30-day windows on 2026-01-07 (20460 days, a multiple of 30).
 */
class AlertTopologyTest {

  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
  private static final Instant D14 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant D30 = Instant.parse("2026-01-07T00:00:00Z");

  @TempDir Path stateDir;

  private final Topics topics = new Topics(new InMemorySchemaRegistry());
  private TopologyTestDriver driver;
  private TestOutputTopic<String, Alert> alerts;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  private void start(AlertRule... rules) {
    StreamsBuilder builder = new StreamsBuilder();
    AlertTopology.addTo(builder, topics, new AlertRules(List.of(rules)),
        Clock.fixed(NOW, ZoneOffset.UTC));
    driver = new TopologyTestDriver(builder.build(), StreamsSettings.properties(
        "localhost:9092", new InMemorySchemaRegistry(), 1,
        Map.of(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString())));
    alerts = driver.createOutputTopic(
        Topics.ALERTS, new StringDeserializer(), topics.alerts().valueSerde().deserializer());
  }

  /** Pipes a signal into its type's topic; its record timestamp is a week after publication. */
  private void send(Signal s) {
    send(s, s.getPublishedAt().plus(Duration.ofDays(7)));
  }

  /** Pipes a signal into its type's topic with a record timestamp: when its item was ingested. */
  private void send(Signal s, Instant recordTime) {
    driver.createInputTopic(topics.signals(s.getType()).name(), new StringSerializer(),
            topics.signals(s.getType()).valueSerde().serializer())
        .pipeInput(s.getCompanyId(), s, recordTime);
  }

  /** @return the record timestamps written to a topic so far, in order */
  private List<Instant> timestamps(String topic) {
    return driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
        .readRecordsToList().stream().map(TestRecord::getRecordTime).toList();
  }

  private static Signal.Builder signal(String id, SignalType type, String companyId, Instant at) {
    return Signal.newBuilder()
        .setSignalId(id)
        .setItemId("item-" + id)
        .setItemUrl("https://news.example/" + id)
        .setType(type)
        .setCompany(companyId.substring(0, 1).toUpperCase() + companyId.substring(1))
        .setCompanyId(companyId)
        .setLanguage("en")
        .setConfidence(0.9)
        .setPublishedAt(at)
        .setProcessedAt(NOW);
  }

  private static Signal funding(String id, String companyId, Instant at, double value, String currency) {
    return signal(id, SignalType.FUNDING, companyId, at)
        .setAmount(Money.newBuilder().setValue(value).setCurrency(currency).build()).setRound("series-c").build();
  }

  private static Signal hiring(String id, String companyId, Instant at, Integer headcount) {
    return signal(id, SignalType.HIRING, companyId, at).setHeadcount(headcount).build();
  }

  private static Signal expansion(String id, String companyId, Instant at, String... countries) {
    return signal(id, SignalType.EXPANSION, companyId, at)
        .setLocations(java.util.Arrays.stream(countries)
            .map(c -> new Location(c, c, "COUNTRY", c)).toList())
        .build();
  }

  private static Instant day(Instant start, double days) {
    return start.plus(Duration.ofMinutes((long) (days * 24 * 60)));
  }

  private static Alert alert(AlertRule rule, String companyId, String dedupKey, List<String> ids,
      String summary, Instant start, Instant end) {
    return Alert.newBuilder()
        .setAlertId(AlertIds.of(rule.name(), companyId, dedupKey))
        .setRule(rule.name())
        .setRuleType(rule.type())
        .setSeverity(rule.severity())
        .setCompany(companyId.substring(0, 1).toUpperCase() + companyId.substring(1))
        .setCompanyId(companyId)
        .setSignalIds(ids)
        .setItemUrls(ids.stream().map(id -> "https://news.example/" + id).toList())
        .setSummary(summary)
        .setWindowStart(start)
        .setWindowEnd(end)
        .setCreatedAt(NOW)
        .build();
  }

  @Test
  void megaRoundFiresOncePerCompanyAndWindowOnUsdAmountsOverTheThreshold() {
    AlertRule.MegaRound rule = new AlertRule.MegaRound(null, null, null, null, null);
    start(rule);
    Instant next = D30.plus(Duration.ofDays(30));

    send(funding("a1", "acme", day(D30, 3), 1.5e8, "USD"));
    send(funding("a2", "acme", day(D30, 4), 2.0e8, "USD")); // same round told again: no repeat
    send(funding("b1", "bolt", day(D30, 5), 9.9e7, "USD")); // under the threshold
    send(funding("c1", "cora", day(D30, 6), 5.0e8, "EUR")); // no USD value: not counted
    send(funding("d2", "dyad", day(D30, 20), 1.0e8, "USD")); // exactly the threshold
    send(funding("d1", "dyad", day(D30, 10), 3.0e8, "USD")); // out of order, same window
    send(funding("a3", "acme", day(next, 1), 1.2e8, "USD")); // acme's next window
    // Stream time is now next+1d; D30's window ended at next, grace 2 days: still open.
    send(funding("e1", "echo", day(D30, 29), 1.1e8, "USD"));
    send(funding("x1", "xeno", day(next, 3), 1.0e9, "USD")); // stream time next+3d
    send(funding("e2", "echo-late", day(D30, 29), 1.1e8, "USD")); // past grace: dropped

    assertEquals(List.of(
        KeyValue.pair("acme", alert(rule, "acme", Long.toString(D30.toEpochMilli()), List.of("a1"),
            "Acme raised 150,000,000 USD (series-c), at least the 100,000,000 USD of a mega-round",
            D30, next)),
        KeyValue.pair("dyad", alert(rule, "dyad", Long.toString(D30.toEpochMilli()), List.of("d2"),
            "Dyad raised 100,000,000 USD (series-c), at least the 100,000,000 USD of a mega-round",
            D30, next)),
        KeyValue.pair("acme", alert(rule, "acme", Long.toString(next.toEpochMilli()), List.of("a3"),
            "Acme raised 120,000,000 USD (series-c), at least the 100,000,000 USD of a mega-round",
            next, next.plus(Duration.ofDays(30)))),
        KeyValue.pair("echo", alert(rule, "echo", Long.toString(D30.toEpochMilli()), List.of("e1"),
            "Echo raised 110,000,000 USD (series-c), at least the 100,000,000 USD of a mega-round",
            D30, next)),
        KeyValue.pair("xeno", alert(rule, "xeno", Long.toString(next.toEpochMilli()), List.of("x1"),
            "Xeno raised 1,000,000,000 USD (series-c), at least the 100,000,000 USD of a mega-round",
            next, next.plus(Duration.ofDays(30))))),
        alerts.readKeyValuesToList());
  }

  @Test
  void momentumFiresWhenTwoTypesMeetInOneWindowIncludingLateOnesWithinGrace() {
    AlertRule.Momentum rule = new AlertRule.Momentum(null, null, null, null, null);
    start(rule);
    Instant end = D14.plus(Duration.ofDays(14));
    String start = Long.toString(D14.toEpochMilli());

    send(funding("a1", "acme", day(D14, 1), 1e6, "USD"));
    send(funding("a2", "acme", day(D14, 2), 2e6, "USD")); // one type still
    send(hiring("a3", "acme", day(D14, 3), 5)); // second type: fires
    send(expansion("a4", "acme", day(D14, 4), "GB")); // third type: already fired
    send(hiring("b1", "bolt", day(D14, 13), 5));
    send(expansion("b2", "bolt", day(D14, 15), "FR")); // next window: tumbling windows miss it
    send(expansion("c2", "cora", day(D14, 5), "US"));
    send(hiring("c1", "cora", day(D14, 3), 5)); // earlier than c2, within grace: fires
    send(funding("d1", "dyad", day(D14, 2), 1e6, "USD"));
    send(hiring("z1", "zeta", day(D14, 17), 5)); // stream time past window end + 2 days grace
    send(hiring("d2", "dyad", day(D14, 5), 5)); // too late: dropped

    assertEquals(List.of(
        KeyValue.pair("acme", alert(rule, "acme", start, List.of("a1", "a2", "a3"),
            "Acme shows momentum: FUNDING and HIRING signals within 14 days", D14, end)),
        KeyValue.pair("cora", alert(rule, "cora", start, List.of("c2", "c1"),
            "Cora shows momentum: HIRING and EXPANSION signals within 14 days", D14, end))),
        alerts.readKeyValuesToList());
  }

  @Test
  void newMarketFiresOncePerCompanyAndCountryFromExpansionsOnly() {
    AlertRule.NewMarket rule = new AlertRule.NewMarket(null, null);
    start(rule);
    Instant t1 = day(D14, 1);
    Instant t2 = day(D14, 2);
    Instant t3 = day(D14, 3);

    send(expansion("a1", "acme", t1, "GB"));
    send(expansion("a2", "acme", t2, "GB", "US")); // only US is new
    send(signal("a3", SignalType.HIRING, "acme", t2)
        .setLocations(List.of(new Location("Paris", "Paris", "CITY", "FR"))).build()); // not expansion
    send(expansion("a0", "acme", day(D14, 0), "GB")); // an older story, arriving late: nothing new
    send(expansion("b1", "bolt", t3, "MX", "CO", "MX"));
    send(expansion("a4", "acme", t3, "FR")); // first FR expansion, despite the hiring in Paris

    assertEquals(List.of(
        KeyValue.pair("acme", alert(rule, "acme", "GB", List.of("a1"),
            "Acme expands into a new country: United Kingdom (GB)", t1, t1)),
        KeyValue.pair("acme", alert(rule, "acme", "US", List.of("a2"),
            "Acme expands into a new country: United States (US)", t2, t2)),
        KeyValue.pair("bolt", alert(rule, "bolt", "MX", List.of("b1"),
            "Bolt expands into a new country: Mexico (MX)", t3, t3)),
        KeyValue.pair("bolt", alert(rule, "bolt", "CO", List.of("b1"),
            "Bolt expands into a new country: Colombia (CO)", t3, t3)),
        KeyValue.pair("acme", alert(rule, "acme", "FR", List.of("a4"),
            "Acme expands into a new country: France (FR)", t3, t3))),
        alerts.readKeyValuesToList());
  }

  @Test
  void hiringSurgeFiresOnHeadcountsAtTheThresholdOncePerWindow() {
    AlertRule.HiringSurge rule =
        new AlertRule.HiringSurge("big-hiring", Severity.CRITICAL, 150, Duration.ofDays(30), null);
    start(rule);
    Instant end = D30.plus(Duration.ofDays(30));
    String start = Long.toString(D30.toEpochMilli());

    send(hiring("a1", "acme", day(D30, 1), 149));
    send(hiring("a2", "acme", day(D30, 2), null));
    send(hiring("a3", "acme", day(D30, 3), 150));
    send(hiring("a4", "acme", day(D30, 4), 900)); // same window: no repeat
    send(funding("b1", "bolt", day(D30, 1), 1e9, "USD")); // not hiring
    send(hiring("c1", "cora", day(D30, 5), 400));

    assertEquals(List.of(
        KeyValue.pair("acme", alert(rule, "acme", start, List.of("a3"),
            "Acme plans to hire 150 people, at least the 150 of a hiring surge", D30, end)),
        KeyValue.pair("cora", alert(rule, "cora", start, List.of("c1"),
            "Cora plans to hire 400 people, at least the 150 of a hiring surge", D30, end))),
        alerts.readKeyValuesToList());
  }

  /**
   * A publish time after the record's (ingest) time is counted at the record's time: the alert
   * and the store's changelog record carry that, which the broker accepted once, not a future
   * time it would refuse; and stream time stays where it was.
   */
  @Test
  void aPublishTimeInTheFutureCountsAtTheIngestTime() {
    AlertRule.MegaRound rule = new AlertRule.MegaRound(null, null, null, null, null);
    start(rule);
    Instant ingested = day(D30, 3);
    Instant nextYear = ingested.plus(Duration.ofDays(365));
    String window = Long.toString(D30.toEpochMilli());

    send(funding("a1", "acme", nextYear, 2e8, "USD"), ingested);
    // Stream time is still D30 + 3 days: a signal of D30 + 1 day is within grace, not dropped.
    send(funding("b1", "bolt", day(D30, 1), 3e8, "USD"), day(D30, 1).plus(Duration.ofHours(1)));

    List<TestRecord<String, Alert>> fired = alerts.readRecordsToList();
    assertEquals(List.of(
        new TestRecord<>("acme", alert(rule, "acme", window, List.of("a1"),
            "Acme raised 200,000,000 USD (series-c), at least the 100,000,000 USD of a mega-round",
            D30, D30.plus(Duration.ofDays(30))), ingested),
        new TestRecord<>("bolt", alert(rule, "bolt", window, List.of("b1"),
            "Bolt raised 300,000,000 USD (series-c), at least the 100,000,000 USD of a mega-round",
            D30, D30.plus(Duration.ofDays(30))), day(D30, 1))),
        fired);
    assertEquals(List.of(ingested, day(D30, 1)),
        timestamps("news-signals-" + AlertTopology.storeName(rule) + "-changelog"));
  }

  @Test
  void aNewMarketAlertOfAFuturePublishTimeIsStampedWithTheIngestTime() {
    AlertRule.NewMarket rule = new AlertRule.NewMarket(null, null);
    start(rule);
    Instant ingested = day(D14, 2);

    send(expansion("a1", "acme", ingested.plus(Duration.ofHours(5)), "GB"), ingested);

    assertEquals(List.of(new TestRecord<>("acme", alert(rule, "acme", "GB", List.of("a1"),
            "Acme expands into a new country: United Kingdom (GB)", ingested, ingested),
            ingested)),
        alerts.readRecordsToList());
    assertEquals(List.of(ingested),
        timestamps("news-signals-" + AlertTopology.storeName(rule) + "-changelog"));
  }

  @Test
  void allRulesTogetherWriteOneAlertsTopic() {
    start(AlertRules.DEFAULTS.rules().toArray(AlertRule[]::new));

    send(funding("a1", "acme", day(D30, 1), 2e8, "USD"));
    send(expansion("a2", "acme", day(D30, 2), "JP"));
    send(hiring("a3", "acme", day(D30, 3), 120));

    assertEquals(
        List.of("mega-round", "momentum", "new-market", "hiring-surge"),
        alerts.readValuesToList().stream().map(Alert::getRule).toList());
  }
}

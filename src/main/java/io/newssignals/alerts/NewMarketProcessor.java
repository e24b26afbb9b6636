package io.newssignals.alerts;

import io.newssignals.avro.Alert;
import io.newssignals.avro.Location;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The new-market rule: remembers, per company id, every country its EXPANSION signals have named
 * (ISO 3166 codes of their locations), and emits one alert per country the first time it appears.
 *
 * <p>Input: company id -> Signal of any type (others pass without effect). Output: company id ->
 * Alert. The store is the only memory, and it is written in the same exactly-once transaction as
 * the alert, so after a restart a country never alerts twice. Order decides which signal is
 * credited: a late item about an older expansion into an already alerted country adds nothing.
 */
final class NewMarketProcessor implements Processor<String, Signal, String, Alert> {

  private final AlertRule.NewMarket rule;
  private final String storeName;
  private final Clock clock;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, List<String>> countries;

  NewMarketProcessor(AlertRule.NewMarket rule, String storeName, Clock clock) {
    this.rule = rule;
    this.storeName = storeName;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.countries = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, Signal> record) {
    Signal signal = record.value();
    if (signal == null || record.key() == null || signal.getType() != SignalType.EXPANSION) {
      return;
    }
    List<String> known = countries.get(record.key());
    Set<String> seen = new TreeSet<>(known == null ? List.of() : known);
    Set<String> named = new LinkedHashSet<>();
    for (Location l : signal.getLocations()) {
      if (l.getCountryCode() != null) {
        named.add(l.getCountryCode());
      }
    }
    List<String> fresh = named.stream().filter(code -> !seen.contains(code)).toList();
    if (fresh.isEmpty()) {
      return;
    }
    seen.addAll(fresh);
    countries.put(record.key(), new ArrayList<>(seen));
    Instant at = Instant.ofEpochMilli(record.timestamp());
    for (String code : fresh) {
      Alert alert = Alert.newBuilder()
          .setAlertId(AlertIds.of(rule.name(), record.key(), code))
          .setRule(rule.name())
          .setRuleType(rule.type())
          .setSeverity(rule.severity())
          .setCompany(signal.getCompany())
          .setCompanyId(record.key())
          .setSignalIds(List.of(signal.getSignalId()))
          .setItemUrls(signal.getItemUrl() == null ? List.of() : List.of(signal.getItemUrl()))
          .setSummary(signal.getCompany() + " expands into a new country: " + country(code))
          .setWindowStart(at)
          .setWindowEnd(at)
          .setCreatedAt(clock.instant())
          .build();
      context.forward(record.withValue(alert));
    }
  }

  /** {@code MX} -> {@code Mexico (MX)}; a code the JDK does not know stays as it is. */
  static String country(String code) {
    String name = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
    return name.isEmpty() || name.equals(code) ? code : name + " (" + code + ")";
  }
}

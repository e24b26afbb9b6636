package io.newssignals.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.newssignals.avro.Severity;
import io.newssignals.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertRulesTest {

  @TempDir Path dir;

  private AlertRules parse(String yaml) throws IOException {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, yaml);
    return AlertRules.load(file);
  }

  private String error(String yaml) throws IOException {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, yaml);
    return assertThrows(IllegalArgumentException.class, () -> AlertRules.load(file)).getMessage();
  }

  @Test
  void theShippedExampleIsTheDefaults() {
    assertEquals(AlertRules.DEFAULTS,
        AlertRules.load(ProjectFiles.samplesDir().resolveSibling("config/alert-rules.yaml")));
  }

  @Test
  void readsEveryParameterAndFillsTheRestWithDefaults() throws IOException {
    AlertRules rules = parse("""
        rules:
          - name: big-round
            type: mega-round
            severity: WARNING
            minUsd: 5.0e7
            window: P7D
            grace: PT36H
          - type: momentum
            minTypes: 3
          - name: markets
            type: new-market
          - type: hiring-surge
            minHeadcount: 500
            window: P60D
        """);

    assertEquals(List.of(
        new AlertRule.MegaRound("big-round", Severity.WARNING, 5.0e7, Duration.ofDays(7),
            Duration.ofHours(36)),
        new AlertRule.Momentum("momentum", Severity.WARNING, 3, Duration.ofDays(14),
            Duration.ofDays(2)),
        new AlertRule.NewMarket("markets", Severity.INFO),
        new AlertRule.HiringSurge("hiring-surge", Severity.WARNING, 500, Duration.ofDays(60),
            Duration.ofDays(2))),
        rules.rules());
  }

  @Test
  void refusesWhatItCannotRunWithTheReason() throws IOException {
    String unknownField = error("rules:\n  - type: momentum\n    treshold: 3\n");
    assertEquals(true, unknownField.contains("Unrecognized field \"treshold\""), unknownField);
    String unknownType = error("rules:\n  - type: ipo\n");
    assertEquals(true, unknownType.contains("known type ids = [hiring-surge, mega-round, momentum, new-market]"),
        unknownType);
    String badDuration = error("rules:\n  - type: momentum\n    window: 14 days\n");
    assertEquals(true, badDuration.contains("not an ISO-8601 duration"), badDuration);
    String badValue = error("rules:\n  - type: hiring-surge\n    minHeadcount: 0\n");
    assertEquals(true, badValue.contains("rule hiring-surge: minHeadcount must be positive: 0"),
        badValue);
    assertEquals(true, error("rules:\n  - type: momentum\n  - type: momentum\n")
        .endsWith("two alert rules are named momentum"));
    assertEquals(true, error("rules:\n  - type: momentum\n    name: Momentum!\n")
        .contains("rule name must be lower-case letters, digits and '-', at most 64: 'Momentum!'"));
    assertEquals(true, error("alerts: []\n").contains("Unrecognized field \"alerts\""));
  }

  @Test
  void megaRoundReadsTheUsdValueElseUsdAmounts() {
    assertEquals(4.5e7, AlertRule.MegaRound.usd(money(4.5e7, "USD", null)));
    assertEquals(null, AlertRule.MegaRound.usd(money(4.5e7, "EUR", null)));
    assertEquals(1.2e8, AlertRule.MegaRound.usd(money(1.1e8, "EUR", 1.2e8)));
    assertEquals(null, AlertRule.MegaRound.usd(null));
  }

  private static io.newssignals.avro.Money money(double value, String currency, Double usd) {
    return io.newssignals.avro.Money.newBuilder()
        .setValue(value).setCurrency(currency).setUsdValue(usd).build();
  }
}

package io.newssignals.alerts;

import io.newssignals.avro.Alert;
import io.newssignals.avro.Severity;
import java.time.Instant;
import java.util.List;

/** Alerts for the output tests. */
final class TestAlerts {

  private TestAlerts() {}

  static Alert momentum(String companyId, String company, Instant createdAt) {
    return Alert.newBuilder()
        .setAlertId(AlertIds.of("momentum", companyId, "1767225600000"))
        .setRule("momentum")
        .setRuleType("momentum")
        .setSeverity(Severity.WARNING)
        .setCompany(company)
        .setCompanyId(companyId)
        .setSignalIds(List.of("s1", "s2"))
        .setItemUrls(List.of("https://news.example/1"))
        .setSummary(company + " shows momentum: FUNDING and HIRING signals within 14 days")
        .setWindowStart(Instant.parse("2026-01-01T00:00:00Z"))
        .setWindowEnd(Instant.parse("2026-01-15T00:00:00Z"))
        .setCreatedAt(createdAt)
        .build();
  }
}

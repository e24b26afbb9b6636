package io.newssignals.alerts;

import io.newssignals.avro.Alert;
import io.newssignals.avro.Severity;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which alerts an analyst wants: by rule name, severity and company. An empty set lets every
 * value through; values within one set are alternatives, and the three sets must all match.
 *
 * @param rules rule names, exact
 * @param severities severities
 * @param companies company ids or names, compared case-insensitively with the alert's {@code
 *     companyId} and {@code company}
 */
public record AlertFilter(Set<String> rules, Set<Severity> severities, Set<String> companies)
    implements Predicate<Alert> {

  /** Lets everything through. */
  public static final AlertFilter ALL = new AlertFilter(Set.of(), Set.of(), Set.of());

  /** Copies the sets; companies are kept lower-case. */
  public AlertFilter {
    rules = Set.copyOf(rules);
    severities = Set.copyOf(severities);
    companies = companies.stream().map(c -> c.toLowerCase(Locale.ROOT))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  @Override
  public boolean test(Alert a) {
    return (rules.isEmpty() || rules.contains(a.getRule()))
        && (severities.isEmpty() || severities.contains(a.getSeverity()))
        && (companies.isEmpty()
            || companies.contains(a.getCompanyId().toLowerCase(Locale.ROOT))
            || companies.contains(a.getCompany().toLowerCase(Locale.ROOT)));
  }
}

package io.newssignals.alerts;

import io.newssignals.avro.Alert;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * An alert as one readable line, for people watching a terminal ({@code alerts}, {@code demo}).
 *
 * <p>Shape: {@code WARNING  momentum      Mistral [mistral] | Mistral shows momentum: ... | window
 * 2026-01-01..2026-01-15 | 3 signals}. Window bounds are UTC dates, or minutes when the window is
 * not whole days (new-market's window is one instant: shown once).
 */
public final class AlertLines {

  private AlertLines() {}

  /** @return one line describing the alert, without a line break */
  public static String of(Alert a) {
    int n = a.getSignalIds().size();
    return String.format(Locale.ROOT, "%-8s %-13s %s [%s] | %s | %s | %d signal%s",
        a.getSeverity(), a.getRule(), a.getCompany(), a.getCompanyId(), a.getSummary(),
        window(a.getWindowStart(), a.getWindowEnd()), n, n == 1 ? "" : "s");
  }

  private static String window(Instant start, Instant end) {
    if (start.equals(end)) {
      return "at " + start.truncatedTo(ChronoUnit.MINUTES);
    }
    boolean days = start.truncatedTo(ChronoUnit.DAYS).equals(start)
        && end.truncatedTo(ChronoUnit.DAYS).equals(end);
    return days
        ? "window " + start.toString().substring(0, 10) + ".." + end.toString().substring(0, 10)
        : "window " + start.truncatedTo(ChronoUnit.MINUTES) + ".." + end.truncatedTo(ChronoUnit.MINUTES);
  }
}

package io.newssignals.output;

import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.Location;
import io.newssignals.avro.Money;
import io.newssignals.avro.Signal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Signals and dead letters as one readable line each, for people watching a terminal.
 *
 * <p>Shape: {@code FUNDING    Mistral [mistral] | valuation 6,000,000,000 EUR | es | AI (Mistral AI) |
 * confidence 0.85 | "evidence"}.
 * Only fields that are set are shown; evidence is the first supporting sentence, cut at 120
 * characters.
 */
public final class SignalLines {

  private static final int EVIDENCE_CHARS = 120;

  private SignalLines() {}

  /** @return one line describing the signal, without a line break */
  public static String of(Signal s) {
    List<String> parts = new ArrayList<>();
    parts.add(String.format(Locale.ROOT, "%-9s %s [%s]", s.getType(), s.getCompany(), s.getCompanyId()));
    if (s.getAmount() != null) {
      parts.add("amount " + money(s.getAmount()));
    }
    if (s.getValuation() != null) {
      parts.add("valuation " + money(s.getValuation()));
    }
    if (s.getRound() != null) {
      parts.add("round " + s.getRound());
    }
    if (!s.getInvestors().isEmpty()) {
      parts.add("investors " + String.join(", ", s.getInvestors()));
    }
    if (s.getLeadInvestor() != null) {
      parts.add("lead " + s.getLeadInvestor());
    }
    if (!s.getRoles().isEmpty()) {
      parts.add("roles " + String.join(", ", s.getRoles()));
    }
    if (!s.getPeople().isEmpty()) {
      parts.add("people " + String.join(", ", s.getPeople()));
    }
    if (s.getHeadcount() != null) {
      parts.add("headcount " + s.getHeadcount());
    }
    if (!s.getLocations().isEmpty()) {
      parts.add("locations " + s.getLocations().stream().map(SignalLines::place)
          .collect(Collectors.joining(", ")));
    }
    parts.add(s.getLanguage());
    if (s.getAiRelated()) {
      parts.add("AI (" + s.getAiCue() + ")");
    }
    parts.add(String.format(Locale.ROOT, "confidence %.2f", s.getConfidence()));
    if (!s.getEvidence().isEmpty()) {
      parts.add("\"" + cut(s.getEvidence().get(0).getText()) + "\"");
    }
    return String.join(" | ", parts);
  }

  /** @return one line describing a dead letter: stage, reason and where the record came from */
  public static String of(DeadLetter d) {
    String where = d.getOrigin() != null ? d.getOrigin()
        : d.getSourceTopic() == null ? "?"
        : d.getSourceTopic() + "-" + d.getSourcePartition() + "@" + d.getSourceOffset();
    return String.format(Locale.ROOT, "%-15s %s | %s", d.getStage(), where, d.getReason());
  }

  /** {@code 6.0E9, EUR} -> {@code 6,000,000,000 EUR}: grouped digits, no exponent. */
  static String money(Money m) {
    return String.format(Locale.ROOT, "%,f", BigDecimal.valueOf(m.getValue()))
        .replaceAll("\\.?0+$", "") + " " + m.getCurrency();
  }

  private static String place(Location l) {
    return l.getCountryCode() == null ? l.getName() : l.getName() + " (" + l.getCountryCode() + ")";
  }

  private static String cut(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= EVIDENCE_CHARS ? oneLine : oneLine.substring(0, EVIDENCE_CHARS - 1) + "…";
  }
}

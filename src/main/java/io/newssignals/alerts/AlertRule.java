package io.newssignals.alerts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.newssignals.avro.Money;
import io.newssignals.avro.Severity;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One configured alert rule: a name, a severity and the parameters of its type. Four types exist,
 * each a record below with its defaults; {@link AlertRules} reads them from YAML, where {@code
 * type} picks the record.
 *
 * <p>The windowed types (mega-round, momentum, hiring-surge) group a company's matching signals in
 * tumbling event-time windows of {@code window} length aligned on the epoch, accept signals up to
 * {@code grace} after a window's end, and fire at most once per company and window. new-market has
 * no window: it remembers every country a company has expanded into.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = AlertRule.MegaRound.class, name = AlertRule.MegaRound.TYPE),
  @JsonSubTypes.Type(value = AlertRule.Momentum.class, name = AlertRule.Momentum.TYPE),
  @JsonSubTypes.Type(value = AlertRule.NewMarket.class, name = AlertRule.NewMarket.TYPE),
  @JsonSubTypes.Type(value = AlertRule.HiringSurge.class, name = AlertRule.HiringSurge.TYPE)
})
public sealed interface AlertRule {

  /** Default grace of the windowed rules: news sites often date a story a day or two back. */
  Duration DEFAULT_GRACE = Duration.ofDays(2);

  /** Rule names become parts of store, node and topic names, so they are kept to this shape. */
  Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  /** @return the rule's name, unique among the configured rules, matching {@link #NAME} */
  String name();

  /** @return severity of the alerts it raises */
  Severity severity();

  /** @return the type as written in the rules file, e.g. {@code mega-round} */
  String type();

  /** A rule that groups matching signals in tumbling windows and fires on the group. */
  sealed interface Windowed extends AlertRule {

    /** @return window length, positive */
    Duration window();

    /** @return how long after a window's end a late signal is still counted, zero or more */
    Duration grace();

    /** @return true if the signal counts towards this rule */
    boolean matches(Signal signal);

    /** @return true if a window holding these signals deserves an alert */
    boolean fires(Hits hits);

    /** @return the alert's one-line English summary for the signals that fired it */
    String summary(Hits hits);
  }

  /**
   * A FUNDING signal whose round amount in USD is at least {@code minUsd}. The amount is the
   * signal's {@code amount} (never its valuation), converted by {@link #usd(Money)}.
   *
   * @param minUsd threshold in US dollars, default 100 million
   */
  record MegaRound(String name, Severity severity, Double minUsd, Duration window, Duration grace)
      implements Windowed {

    /** The type name in the rules file. */
    public static final String TYPE = "mega-round";

    /** Fills defaults for nulls: CRITICAL, 100 million USD, 30 days, {@link #DEFAULT_GRACE}. */
    public MegaRound {
      name = checkName(name, TYPE);
      severity = severity == null ? Severity.CRITICAL : severity;
      minUsd = minUsd == null ? 100_000_000d : minUsd;
      window = checkWindow(window == null ? Duration.ofDays(30) : window, name);
      grace = checkGrace(grace, name);
      if (minUsd <= 0) {
        throw new IllegalArgumentException("rule " + name + ": minUsd must be positive: " + minUsd);
      }
    }

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public boolean matches(Signal s) {
      Double usd = s.getType() == SignalType.FUNDING ? usd(s.getAmount()) : null;
      return usd != null && usd >= minUsd;
    }

    @Override
    public boolean fires(Hits hits) {
      return !hits.hits().isEmpty();
    }

    @Override
    public String summary(Hits hits) {
      Hits.Hit top = hits.hits().stream()
          .max((a, b) -> Double.compare(a.amountUsd(), b.amountUsd())).orElseThrow();
      return top.company() + " raised " + Hits.usd(top.amountUsd())
          + (top.round() == null ? "" : " (" + top.round() + ")")
          + ", at least the " + Hits.usd(minUsd) + " of a mega-round";
    }

    /**
     * The amount in US dollars: the Money's {@code usdValue} (set by the extractor from its dated
     * reference-rate table) when present, else its {@code value} if the currency is USD (signals
     * written before {@code usdValue} existed), else unknown.
     *
     * @return dollars, or null when the amount is missing or in another currency without a USD
     *     value
     */
    public static Double usd(Money money) {
      if (money == null) {
        return null;
      }
      if (money.getUsdValue() != null) {
        return money.getUsdValue();
      }
      return "USD".equals(money.getCurrency()) ? money.getValue() : null;
    }
  }

  /**
   * One company shows at least {@code minTypes} different signal types in one window.
   *
   * @param minTypes distinct types needed, 2 or 3, default 2
   */
  record Momentum(String name, Severity severity, Integer minTypes, Duration window, Duration grace)
      implements Windowed {

    /** The type name in the rules file. */
    public static final String TYPE = "momentum";

    /** Fills defaults for nulls: WARNING, 2 types, 14 days, {@link #DEFAULT_GRACE}. */
    public Momentum {
      name = checkName(name, TYPE);
      severity = severity == null ? Severity.WARNING : severity;
      minTypes = minTypes == null ? 2 : minTypes;
      window = checkWindow(window == null ? Duration.ofDays(14) : window, name);
      grace = checkGrace(grace, name);
      if (minTypes < 2 || minTypes > SignalType.values().length) {
        throw new IllegalArgumentException(
            "rule " + name + ": minTypes must be 2 or 3: " + minTypes);
      }
    }

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public boolean matches(Signal s) {
      return true;
    }

    @Override
    public boolean fires(Hits hits) {
      return hits.types().size() >= minTypes;
    }

    @Override
    public String summary(Hits hits) {
      return hits.latestCompany() + " shows momentum: " + Hits.englishList(hits.types().stream()
          .map(SignalType::name).toList()) + " signals within " + window.toDays() + " days";
    }
  }

  /**
   * A company's first EXPANSION into a country not seen before for it: one alert per company and
   * new country (ISO 3166 code of a signal location). Countries come only from EXPANSION signals.
   */
  record NewMarket(String name, Severity severity) implements AlertRule {

    /** The type name in the rules file. */
    public static final String TYPE = "new-market";

    /** Fills defaults for nulls: INFO. */
    public NewMarket {
      name = checkName(name, TYPE);
      severity = severity == null ? Severity.INFO : severity;
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /**
   * A HIRING signal whose headcount is at least {@code minHeadcount}.
   *
   * @param minHeadcount threshold in people, default 100
   */
  record HiringSurge(
      String name, Severity severity, Integer minHeadcount, Duration window, Duration grace)
      implements Windowed {

    /** The type name in the rules file. */
    public static final String TYPE = "hiring-surge";

    /** Fills defaults for nulls: WARNING, 100 people, 30 days, {@link #DEFAULT_GRACE}. */
    public HiringSurge {
      name = checkName(name, TYPE);
      severity = severity == null ? Severity.WARNING : severity;
      minHeadcount = minHeadcount == null ? 100 : minHeadcount;
      window = checkWindow(window == null ? Duration.ofDays(30) : window, name);
      grace = checkGrace(grace, name);
      if (minHeadcount <= 0) {
        throw new IllegalArgumentException(
            "rule " + name + ": minHeadcount must be positive: " + minHeadcount);
      }
    }

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public boolean matches(Signal s) {
      return s.getType() == SignalType.HIRING
          && s.getHeadcount() != null
          && s.getHeadcount() >= minHeadcount;
    }

    @Override
    public boolean fires(Hits hits) {
      return !hits.hits().isEmpty();
    }

    @Override
    public String summary(Hits hits) {
      Hits.Hit top = hits.hits().stream()
          .max((a, b) -> Integer.compare(a.headcount(), b.headcount())).orElseThrow();
      return top.company() + " plans to hire " + top.headcount()
          + " people, at least the " + minHeadcount + " of a hiring surge";
    }
  }

  private static String checkName(String name, String type) {
    String checked = name == null ? type : name;
    if (!NAME.matcher(checked).matches()) {
      throw new IllegalArgumentException(
          "rule name must be lower-case letters, digits and '-', at most 64: '" + checked + "'");
    }
    return checked;
  }

  private static Duration checkWindow(Duration window, String name) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("rule " + name + ": window must be positive: " + window);
    }
    return window;
  }

  private static Duration checkGrace(Duration grace, String name) {
    Duration checked = grace == null ? DEFAULT_GRACE : grace;
    if (checked.isNegative()) {
      throw new IllegalArgumentException("rule " + name + ": grace must not be negative: " + grace);
    }
    return checked;
  }
}

package io.newssignals.alerts;

import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The signals one windowed rule has counted for one company in one window: the aggregate kept in
 * the rule's window store (as JSON, see {@link JsonSerde}).
 *
 * @param hits the counted signals, in processing order, each signal id once
 * @param fired true once the rule has fired for this window; it never fires again for it
 * @param firedNow true only in the update that made the rule fire: the one that becomes an alert
 */
public record Hits(List<Hit> hits, boolean fired, boolean firedNow) {

  /**
   * What a rule needs to know of one signal.
   *
   * @param signalId the signal's id
   * @param type its type
   * @param company the company as written
   * @param itemUrl URL of the news item, or null
   * @param amountUsd round amount in USD for FUNDING (see {@link AlertRule.MegaRound#usd}), or null
   * @param headcount stated headcount of HIRING, or null
   * @param round funding round, or null
   */
  public record Hit(
      String signalId,
      SignalType type,
      String company,
      String itemUrl,
      Double amountUsd,
      Integer headcount,
      String round) {

    /** @return what {@code s} contributes */
    public static Hit of(Signal s) {
      return new Hit(s.getSignalId(), s.getType(), s.getCompany(), s.getItemUrl(),
          AlertRule.MegaRound.usd(s.getAmount()), s.getHeadcount(), s.getRound());
    }
  }

  /** No signal yet: the aggregate's initial value. */
  public static final Hits NONE = new Hits(List.of(), false, false);

  /** Keeps the list immutable so stored aggregates are never shared mutable state. */
  public Hits {
    hits = List.copyOf(hits);
  }

  /**
   * Counts one more signal for {@code rule}.
   *
   * @return the next aggregate; {@code firedNow} is true if this signal made the rule fire. A
   *     signal id already counted (an item processed twice) changes nothing but clears {@code
   *     firedNow}.
   */
  public Hits add(Signal signal, AlertRule.Windowed rule) {
    if (hits.stream().anyMatch(h -> h.signalId().equals(signal.getSignalId()))) {
      return new Hits(hits, fired, false);
    }
    List<Hit> next = new ArrayList<>(hits);
    next.add(Hit.of(signal));
    Hits counted = new Hits(next, fired, false);
    boolean firesNow = !fired && rule.fires(counted);
    return new Hits(next, fired || firesNow, firesNow);
  }

  /** @return the distinct types counted, in {@link SignalType} order */
  public Set<SignalType> types() {
    Set<SignalType> types = EnumSet.noneOf(SignalType.class);
    hits.forEach(h -> types.add(h.type()));
    return types;
  }

  /** @return the company as written in the last counted signal */
  public String latestCompany() {
    return hits.get(hits.size() - 1).company();
  }

  /** {@code 4.5E8} -> {@code 450,000,000 USD}: whole dollars, grouped. */
  static String usd(double dollars) {
    return String.format(Locale.ROOT, "%,.0f USD", dollars);
  }

  /** {@code [a, b, c]} -> {@code a, b and c}. */
  static String englishList(List<String> words) {
    if (words.size() <= 1) {
      return String.join("", words);
    }
    return String.join(", ", words.subList(0, words.size() - 1)) + " and "
        + words.get(words.size() - 1);
  }
}

package io.newssignals.evaluation;

import java.util.List;

/**
 * One labelled news item of the evaluation corpus.
 *
 * @param id unique id, e.g. {@code fr-017}
 * @param split {@code dev} (rules may be tuned on it) or {@code test} (held out)
 * @param language ISO 639-1 code the item is written in (the label, not a hint to the extractor)
 * @param kind {@code positive}, {@code negative} (no signal) or {@code hard} (a trap such as a
 *     layoff story that mentions hiring, or a positive with a distractor)
 * @param title headline
 * @param body two to five sentences
 * @param expected the signals the item must yield; empty for a negative
 */
public record CorpusItem(
    String id, String split, String language, String kind, String title, String body, List<Expected> expected) {

  /**
   * One expected signal.
   *
   * @param type FUNDING, HIRING or EXPANSION
   * @param company the subject company as written; compared by company id
   * @param amount the round amount, or null when none is stated
   * @param valuation the valuation, or null when none is stated
   * @param locations English names of the places of an EXPANSION, in any order
   */
  public record Expected(String type, String company, Sum amount, Sum valuation, List<String> locations) {}

  /** A sum: value in major units and ISO 4217 code. */
  public record Sum(double value, String currency) {}
}

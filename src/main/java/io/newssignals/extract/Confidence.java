package io.newssignals.extract;

import java.util.List;

/**
 * Confidence of a signal in 0..1, from three documented factors:
 *
 * <ol>
 *   <li>{@value #BASE} for a cue sentence that yielded the type's facts (the rules already require
 *       one);
 *   <li>+{@value #PER_EXTRA_SENTENCE} for each further supporting sentence, up to two: a fact
 *       repeated in the article is less likely a misreading;
 *   <li>+{@value #COMPANY_NAMED} when the company is named in a cue sentence rather than inferred
 *       from the rest of the article.
 * </ol>
 *
 * The sum is then scaled by {@code 1 - }{@value #HEDGE_PENALTY}{@code  * h}, where h is the share of
 * cue sentences holding a hedge ("in talks", "considering", "en conversaciones", "podría"): a
 * reported possibility is not a fact. Capped at {@value #CAP}, since a lexicon rule is never sure.
 */
final class Confidence {

  static final double BASE = 0.5;
  static final double PER_EXTRA_SENTENCE = 0.1;
  static final double COMPANY_NAMED = 0.15;
  static final double HEDGE_PENALTY = 0.4;
  static final double CAP = 0.95;

  private Confidence() {}

  static double of(List<Passage> evidence, boolean companyNamed, PhraseMatcher hedges) {
    double score = BASE + PER_EXTRA_SENTENCE * Math.min(2, evidence.size() - 1) + (companyNamed ? COMPANY_NAMED : 0);
    long hedged = evidence.stream().filter(p -> p.has(hedges)).count();
    score *= 1 - HEDGE_PENALTY * hedged / evidence.size();
    return Math.min(CAP, score);
  }
}

package io.newssignals.extract;

import io.newssignals.avro.Money;
import io.newssignals.avro.SignalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * FUNDING: money a company raised, its valuation, the round and its investors.
 *
 * <p>A sentence counts when it has a funding cue and none of the lexicon's exclusions: {@code
 * funding.exclude} (acquisitions, share prices, earnings are not funding) and {@code
 * funding.public} (public money for a school or a ministry programme is not company funding). A
 * sum right after a valuation cue ("valoración de 6.000 millones", "valued at $2bn", at most four
 * words and no other sum between) or right before one ("a $2bn valuation", "2.000 millones de
 * valoración") is the valuation; any other sum in a cue sentence is the amount, so the two are never
 * swapped. Investors come from any sentence with an investor cue. A finding needs an amount, a
 * valuation or a round: investors or a cue alone are too vague to report. The lead investor is the
 * first investor written right after a {@code funding.lead} cue ("led by", "liderada por", "menée
 * par", "angeführt von", "guidato da").
 */
final class FundingRule {

  private static final int MAX_WORDS_AFTER_VALUATION_CUE = 4;

  private final PhraseMatcher excluded;
  private final PhraseMatcher cues;
  private final PhraseMatcher rounds;
  private final PhraseMatcher valuationCues;
  private final Set<String> connectors;

  FundingRule(Lexicon lexicon) {
    this.excluded = lexicon.matcher("funding.exclude", "funding.public");
    this.cues = lexicon.matcher("funding.cues");
    this.rounds = lexicon.groupMatcher("round.");
    this.valuationCues = lexicon.matcher("funding.valuation");
    this.connectors = lexicon.foldedWords("money.connectors");
  }

  Optional<Finding> find(List<Passage> passages, Entities entities) {
    Money amount = null;
    Money valuation = null;
    String round = null;
    List<String> investors = new ArrayList<>();
    String lead = null;
    List<Passage> evidence = new ArrayList<>();
    for (Passage passage : passages) {
      if (passage.has(excluded)) {
        continue;
      }
      boolean contributed = false;
      if (passage.has(cues)) {
        for (MoneyMention money : passage.money()) {
          if (isValuation(passage, money)) {
            valuation = valuation == null ? money.money() : valuation;
          } else {
            amount = amount == null ? money.money() : amount;
          }
          contributed = true;
        }
        List<PhraseMatcher.Match> roundsHere = passage.find(rounds);
        if (!roundsHere.isEmpty()) {
          round = round == null ? roundsHere.get(0).label() : round;
          contributed = true;
        }
      }
      for (String investor : entities.investorsIn(passage)) {
        if (!investors.contains(investor)) {
          investors.add(investor);
        }
        contributed = true;
      }
      if (lead == null) {
        lead = entities.leadIn(passage).orElse(null);
      }
      if (contributed) {
        evidence.add(passage);
      }
    }
    if (amount == null && valuation == null && round == null) {
      return Optional.empty();
    }
    return Optional.of(new Finding(
        SignalType.FUNDING, evidence, amount, valuation, round, investors, lead, List.of(), List.of(), List.of(), null));
  }

  private boolean isValuation(Passage passage, MoneyMention money) {
    for (PhraseMatcher.Match cue : passage.find(valuationCues)) {
      if (cue.end() <= money.start()
          && passage.wordsBetween(cue.end(), money.start()) <= MAX_WORDS_AFTER_VALUATION_CUE
          && passage.money().stream().noneMatch(m -> m.start() >= cue.end() && m.end() <= money.start())) {
        return true;
      }
      if (cue.start() >= money.end()) {
        String gap = passage.folded().substring(money.end(), cue.start()).trim();
        // "$2bn with a valuation of $10bn": a cue that introduces its own sum is not this one's.
        boolean cueHasItsOwnSum = passage.money().stream().anyMatch(m -> m.start() >= cue.end()
            && passage.wordsBetween(cue.end(), m.start()) <= MAX_WORDS_AFTER_VALUATION_CUE);
        if ((gap.isEmpty() || connectors.contains(gap)) && !cueHasItsOwnSum) {
          return true;
        }
      }
    }
    return false;
  }
}

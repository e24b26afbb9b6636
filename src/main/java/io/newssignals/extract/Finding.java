package io.newssignals.extract;

import io.newssignals.avro.Location;
import io.newssignals.avro.Money;
import io.newssignals.avro.SignalType;
import java.util.List;

/**
 * What one rule found in an article for one signal type, before the company and the confidence
 * are settled. Fields that do not apply to the type are null or empty.
 *
 * @param evidence the cue sentences that contributed a field, in text order
 * @param leadInvestor the investor written as leading the round, as written; null when none is
 */
record Finding(
    SignalType type,
    List<Passage> evidence,
    Money amount,
    Money valuation,
    String round,
    List<String> investors,
    String leadInvestor,
    List<Location> locations,
    List<String> roles,
    List<String> people,
    Integer headcount) {}

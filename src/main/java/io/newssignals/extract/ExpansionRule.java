package io.newssignals.extract;

import io.newssignals.avro.Location;
import io.newssignals.avro.SignalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * EXPANSION: places a company opens in or moves into.
 *
 * <p>A sentence counts when it has an expansion cue ("nueva oficina", "expands to", "data
 * centre"), no {@code expansion.exclude} cue (closing an office is not expansion), and names at
 * least one of the company's places as {@link Locations} picks them. Places are kept once each, by
 * English name, as first written.
 */
final class ExpansionRule {

  private final Locations locations;
  private final PhraseMatcher excluded;
  private final PhraseMatcher cues;

  ExpansionRule(Lexicon lexicon, Locations locations) {
    this.locations = locations;
    this.excluded = lexicon.matcher("expansion.exclude");
    this.cues = lexicon.matcher("expansion.cues");
  }

  Optional<Finding> find(List<Passage> passages) {
    List<Location> places = new ArrayList<>();
    List<Passage> evidence = new ArrayList<>();
    for (Passage passage : passages) {
      if (passage.has(excluded) || !passage.has(cues)) {
        continue;
      }
      List<Location> here = locations.in(passage);
      if (!here.isEmpty()) {
        evidence.add(passage);
        addNewPlaces(places, here);
      }
    }
    if (evidence.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Finding(
        SignalType.EXPANSION, evidence, null, null, null, List.of(), null, places, List.of(), List.of(), null));
  }

  /** Adds the places whose English name is not in {@code into} yet. */
  static void addNewPlaces(List<Location> into, List<Location> places) {
    for (Location place : places) {
      if (into.stream().noneMatch(p -> p.getName().equals(place.getName()))) {
        into.add(place);
      }
    }
  }
}

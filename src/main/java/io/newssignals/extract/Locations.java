package io.newssignals.extract;

import io.newssignals.avro.Location;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks the places a sentence puts the company in: a place right after a locative preposition
 * ("en Palo Alto", "to Germany"), or joined to such a place by a comma or a conjunction ("en Palo
 * Alto, California"; "in London and Berlin"). A place right after a home-base cue ("con sede en
 * París", "based in Paris") is where the company already is, not where it goes; a place after other
 * prepositions ("rivales de Silicon Valley") is not the company's.
 */
final class Locations {

  private final PhraseMatcher prepositions;
  private final PhraseMatcher homes;
  private final Set<String> joiners = new HashSet<>();

  Locations(Lexicon lexicon) {
    this.prepositions = lexicon.matcher("place.prepositions");
    this.homes = lexicon.matcher("place.home");
    lexicon.phrases("place.joiners").forEach(j -> joiners.add(TextFolding.fold(j)));
  }

  /** The company's places named in a passage, in order. */
  List<Location> in(Passage passage) {
    List<PhraseMatcher.Match> prepositionsHere = passage.find(prepositions);
    List<PhraseMatcher.Match> homesHere = passage.find(homes);
    List<Location> found = new ArrayList<>();
    int lastIncludedEnd = -1;
    for (PlaceMention place : passage.places()) {
      boolean included;
      if (endsRightBefore(passage, homesHere, place.start())) {
        included = false;
      } else if (endsRightBefore(passage, prepositionsHere, place.start())) {
        included = true;
      } else {
        included = lastIncludedEnd >= 0 && joined(passage.folded().substring(lastIncludedEnd, place.start()));
      }
      if (included) {
        found.add(place.location());
      }
      lastIncludedEnd = included ? place.end() : -1;
    }
    return found;
  }

  private static boolean endsRightBefore(Passage passage, List<PhraseMatcher.Match> cues, int offset) {
    return cues.stream().anyMatch(m -> passage.onlySpaceBetween(m.end(), offset));
  }

  private boolean joined(String gap) {
    String word = gap.replace(",", " ").trim();
    return word.isEmpty() ? gap.contains(",") : joiners.contains(word);
  }
}

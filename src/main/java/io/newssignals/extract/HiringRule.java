package io.newssignals.extract;

import io.newssignals.avro.Location;
import io.newssignals.avro.SignalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HIRING: roles a company hires for, people it appointed, how many it hires, and where.
 *
 * <p>A sentence counts when it has a hiring cue and no {@code hiring.exclude} cue: layoffs,
 * hiring freezes and departures are not hiring. Roles are the lexicon's {@code role.*} labels in
 * text order; people are the persons {@link Entities} found in cue sentences (appointees); the
 * an executive title is a role hired only when it is not the title of a quoted speaker ("chief
 * executive Dana Whitcombe told reporters"); the headcount is a number at most two words before a {@code hiring.headcount} noun ("200 new
 * engineers", "50 nuevos ingenieros"), never a company's existing staff stated outside a cue
 * sentence. A cue sentence contributes only if it yields a role, a person or a headcount ("hired a
 * bank" is no hiring signal).
 */
final class HiringRule {

  private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\p{N}.,])\\d{1,3}(?:[.,]\\d{3})*(?![\\p{N}])");
  private static final int MAX_WORDS_NUMBER_TO_NOUN = 2;
  private static final int TITLE_TO_NAME_WORDS = 3;
  private static final String EXECUTIVE = "executive";

  private final Locations locations;
  private final NumberFormatRule numberFormat;
  private final PhraseMatcher excluded;
  private final PhraseMatcher cues;
  private final PhraseMatcher roleMatcher;
  private final PhraseMatcher headcountNouns;

  HiringRule(Lexicon lexicon, Locations locations) {
    this.locations = locations;
    this.numberFormat = lexicon.numberFormat();
    this.excluded = lexicon.matcher("hiring.exclude");
    this.cues = lexicon.matcher("hiring.cues");
    this.roleMatcher = lexicon.groupMatcher("role.");
    this.headcountNouns = lexicon.matcher("hiring.headcount");
  }

  Optional<Finding> find(List<Passage> passages, Entities entities) {
    List<String> roles = new ArrayList<>();
    List<String> people = new ArrayList<>();
    List<Location> places = new ArrayList<>();
    Integer headcount = null;
    List<Passage> evidence = new ArrayList<>();
    for (Passage passage : passages) {
      if (passage.has(excluded) || !passage.has(cues)) {
        continue;
      }
      List<String> rolesHere = passage.find(roleMatcher).stream()
          .filter(role -> !titleOfSpeaker(passage, role, entities))
          .map(PhraseMatcher.Match::label).toList();
      List<String> peopleHere = entities.peopleIn(passage);
      Integer headcountHere = headcount(passage);
      if (rolesHere.isEmpty() && peopleHere.isEmpty() && headcountHere == null) {
        continue;
      }
      evidence.add(passage);
      addNew(roles, rolesHere);
      addNew(people, peopleHere);
      headcount = headcount == null ? headcountHere : headcount;
      ExpansionRule.addNewPlaces(places, locations.in(passage));
    }
    if (evidence.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Finding(
        SignalType.HIRING, evidence, null, null, null, List.of(), null, places, roles, people, headcount));
  }

  private static boolean titleOfSpeaker(Passage passage, PhraseMatcher.Match role, Entities entities) {
    return EXECUTIVE.equals(role.label()) && entities.speakersIn(passage).stream().anyMatch(speaker ->
        (speaker.start() >= role.end() && passage.wordsBetween(role.end(), speaker.start()) <= TITLE_TO_NAME_WORDS)
            || (speaker.end() <= role.start()
                && passage.wordsBetween(speaker.end(), role.start()) <= TITLE_TO_NAME_WORDS));
  }

  private Integer headcount(Passage passage) {
    List<PhraseMatcher.Match> nouns = passage.find(headcountNouns);
    Matcher number = NUMBER.matcher(passage.folded());
    while (number.find()) {
      int start = number.start();
      int end = number.end();
      boolean partOfMoney = passage.money().stream().anyMatch(m -> m.start() <= start && end <= m.end());
      boolean beforeNoun = nouns.stream().anyMatch(n -> n.start() >= end
          && passage.wordsBetween(end, n.start()) <= MAX_WORDS_NUMBER_TO_NOUN
          && !passage.hasAnyBetween(end, n.start(), ",.;:"));
      if (!partOfMoney && beforeNoun) {
        return numberFormat.parse(number.group()).map(n -> n.intValue()).orElse(null);
      }
    }
    return null;
  }

  private static void addNew(List<String> into, List<String> values) {
    values.stream().filter(v -> !into.contains(v)).forEach(into::add);
  }
}

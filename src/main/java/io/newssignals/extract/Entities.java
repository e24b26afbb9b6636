package io.newssignals.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sorts an article's proper names into people, investors and candidate companies, and picks the
 * subject company, without any list of known companies.
 *
 * <p>Rules (cue words from the lexicon):
 *
 * <ul>
 *   <li>Person: a name of two or three title-case words next to a person cue ("presidente
 *       francés, Emmanuel Macron", "Jane Doe, co-founder", "Jane Doe as CEO"). A company right
 *       before a title ("Acme CEO Jane Doe") or after "of" ("CEO of Acme") is not a person.
 *   <li>Appointee: a person named right after a hiring cue and right before a title ("nombró a
 *       Ana García directora general"), or next to a title in a hiring sentence. A person within a
 *       few words of a speech cue ("Dana Whitcombe told", "según explicó su consejera delegada, Lucía
 *       Ferrer") is a speaker quoted in the story, not a hire.
 *   <li>Investor: a name after an investor cue in the same sentence ("led by", "con el apoyo de");
 *       the lead investor is one a few words after a {@code funding.lead} cue ("led by").
 *   <li>Company: any other name (places were removed before). Its score is its number of mentions
 *       plus {@value #SUBJECT_WEIGHT} for each mention in subject position: right before a cue
 *       verb ("X raises", "X contrató"), before ", con sede en" / ", based in", or right after a
 *       company noun ("la empresa X"). A one-word name at the start of a sentence counts only if it
 *       is also written capitalised elsewhere, opens both the title and a body sentence, or stands
 *       in subject position, since any first word is capitalised.
 * </ul>
 */
final class Entities {

  /** The subject company: as written (its most frequent spelling) and its id. */
  record Company(String name, String id) {}

  static final int SUBJECT_WEIGHT = 3;
  private static final int SPEECH_WORDS_AFTER_NAME = 3;
  private static final int SPEECH_WORDS_BEFORE_NAME = 4;
  /** "led by the Paris fund Serena": up to three words between the cue and the investor. */
  private static final int LEAD_CUE_WORDS = 3;
  /** "with the backing of large tech companies such as X": up to five words before the first investor. */
  private static final int INVESTOR_CUE_WORDS = 5;
  private static final Pattern TITLE_CASE_PERSON =
      Pattern.compile("\\p{Lu}\\p{Ll}+(?:-\\p{Lu}\\p{Ll}+)?(?: \\p{Lu}\\p{Ll}+(?:-\\p{Lu}\\p{Ll}+)?){1,2}");
  private static final Pattern WORD_SPLIT = Pattern.compile("[^\\p{L}\\p{N}]+");
  /** Punctuation that ends a clause: a name past it is no longer next to the cue. */
  private static final String CLAUSE_PUNCTUATION = ".;:!?()\"“”";
  private static final String CLAUSE_PUNCTUATION_OR_COMMA = CLAUSE_PUNCTUATION + ",";

  private static final class Candidate {
    final Map<String, Integer> spellings = new LinkedHashMap<>();
    int firstMention = Integer.MAX_VALUE;
    int score;
  }

  private final Lexicon lexicon;
  private final Set<String> functionWords;
  private final Set<String> joiners;
  private final PhraseMatcher allCues;
  private final Map<Sentence, List<String>> people = new HashMap<>();
  private final Map<Sentence, List<NameMention>> speakers = new HashMap<>();
  private final Map<Sentence, List<String>> investors = new HashMap<>();
  private final Map<Sentence, String> leads = new HashMap<>();
  private final Map<Sentence, Set<String>> companyIdsBySentence = new HashMap<>();
  private final Map<String, Candidate> candidates = new LinkedHashMap<>();

  Entities(List<Passage> passages, Lexicon lexicon) {
    this.lexicon = lexicon;
    this.functionWords = lexicon.foldedWords("name.ignore");
    this.joiners = lexicon.foldedWords("place.joiners");
    this.allCues = lexicon.matcher("funding.cues", "hiring.cues", "expansion.cues");
    Set<String> excludedIds = new HashSet<>();
    Map<Sentence, List<NameMention>> companyNames = new HashMap<>();
    for (Passage passage : passages) {
      List<NameMention> others = new ArrayList<>();
      List<String> persons = new ArrayList<>();
      List<NameMention> quoted = new ArrayList<>();
      List<String> backers = new ArrayList<>();
      List<PhraseMatcher.Match> investorCues = passage.find(lexicon.matcher("funding.investors"));
      int lastInvestorEnd = -1;
      for (NameMention name : passage.names()) {
        if (isPerson(passage, name)) {
          if (isSpeaker(passage, name)) {
            quoted.add(name);
          } else {
            persons.add(name.text());
          }
          excludedIds.add(name.id());
        } else if (!name.id().isEmpty()
            && isInvestor(passage, name, investorCues, lastInvestorEnd)) {
          lastInvestorEnd = name.end();
          backers.add(name.text());
          if (!leads.containsKey(passage.sentence()) && rightAfterLeadCue(passage, name)) {
            leads.put(passage.sentence(), name.text());
          }
          excludedIds.add(name.id());
        } else {
          others.add(name);
        }
      }
      people.put(passage.sentence(), persons);
      speakers.put(passage.sentence(), quoted);
      investors.put(passage.sentence(), backers);
      companyNames.put(passage.sentence(), others);
    }
    Set<String> seenMidSentence = new HashSet<>();
    companyNames.values().forEach(names -> names.stream()
        .filter(n -> !n.sentenceInitial())
        .forEach(n -> seenMidSentence.add(n.id())));
    // Headline and lede both opening on the same word: that word is the story's subject.
    Map<String, Set<String>> fieldsOpenedBy = new HashMap<>();
    for (Passage passage : passages) {
      companyNames.get(passage.sentence()).stream().filter(NameMention::sentenceInitial).forEach(n ->
          fieldsOpenedBy.computeIfAbsent(n.id(), k -> new HashSet<>())
              .add(passage.sentence().field()));
    }
    fieldsOpenedBy.forEach((id, fields) -> {
      if (fields.size() > 1) {
        seenMidSentence.add(id);
      }
    });
    int order = 0;
    for (Passage passage : passages) {
      Set<String> idsHere = new HashSet<>();
      for (NameMention name : companyNames.get(passage.sentence())) {
        order++;
        String id = name.id();
        long letters = name.text().codePoints().filter(Character::isLetter).count();
        if (id.isEmpty() || letters < 2 || excludedIds.contains(id)) {
          continue;
        }
        boolean subject = inSubjectPosition(passage, name);
        boolean ordinaryFirstWord = name.sentenceInitial() && name.tokens() == 1 && !seenMidSentence.contains(id);
        if (ordinaryFirstWord && !subject) {
          continue;
        }
        Candidate candidate = candidates.computeIfAbsent(id, k -> new Candidate());
        candidate.spellings.merge(name.text(), 1, Integer::sum);
        candidate.firstMention = Math.min(candidate.firstMention, order);
        candidate.score += 1 + (subject ? SUBJECT_WEIGHT : 0);
        idsHere.add(id);
      }
      companyIdsBySentence.put(passage.sentence(), idsHere);
    }
  }

  /** People quoted in a passage (persons next to a speech cue), with their offsets. */
  List<NameMention> speakersIn(Passage passage) {
    return speakers.getOrDefault(passage.sentence(), List.of());
  }

  /** People named in a passage who are not quoted speakers, as written. */
  List<String> peopleIn(Passage passage) {
    return people.getOrDefault(passage.sentence(), List.of());
  }

  /** Investors named in a passage, as written. */
  List<String> investorsIn(Passage passage) {
    return investors.getOrDefault(passage.sentence(), List.of());
  }

  /** The investor a passage names as leading the round, as written. */
  Optional<String> leadIn(Passage passage) {
    return Optional.ofNullable(leads.get(passage.sentence()));
  }

  /** Whether a passage mentions the company. */
  boolean mentions(Passage passage, Company company) {
    return companyIdsBySentence.getOrDefault(passage.sentence(), Set.of()).contains(company.id());
  }

  /**
   * The company a signal is about: the best-scored candidate among those named in its evidence,
   * or the best of the article when the evidence names none ("la empresa está contratando").
   *
   * @return empty when the article names no candidate company at all
   */
  Optional<Company> companyFor(List<Passage> evidence) {
    Set<String> named = new HashSet<>();
    evidence.forEach(p -> named.addAll(companyIdsBySentence.getOrDefault(p.sentence(), Set.of())));
    Optional<Company> inEvidence = best(named);
    return inEvidence.isPresent() ? inEvidence : best(candidates.keySet());
  }

  private Optional<Company> best(Set<String> ids) {
    String bestId = null;
    for (String id : ids) {
      Candidate c = candidates.get(id);
      Candidate b = bestId == null ? null : candidates.get(bestId);
      if (c != null && (b == null || c.score > b.score || (c.score == b.score && c.firstMention < b.firstMention))) {
        bestId = id;
      }
    }
    if (bestId == null) {
      return Optional.empty();
    }
    Map<String, Integer> spellings = candidates.get(bestId).spellings;
    String name = spellings.entrySet().stream()
        .reduce((a, b) -> b.getValue() > a.getValue() ? b : a)
        .orElseThrow()
        .getKey();
    return Optional.of(new Company(name, bestId));
  }

  /**
   * An investor is the first name at most {@value #INVESTOR_CUE_WORDS} words after an investor
   * cue ("backed by tech groups such as X"), or continues a
   * list of investors ("X, Y and Z"); a name after other words ("led by X values Helsing at")
   * is back in the main clause.
   */
  private boolean isInvestor(Passage passage, NameMention name, List<PhraseMatcher.Match> cues, int lastInvestorEnd) {
    for (PhraseMatcher.Match cue : cues) {
      if (cue.end() <= name.start() && passage.wordsBetween(cue.end(), name.start()) <= INVESTOR_CUE_WORDS
          && !passage.hasAnyBetween(cue.end(), name.start(), CLAUSE_PUNCTUATION)
          && passage.names().stream().noneMatch(n -> n.start() >= cue.end() && n.end() <= name.start())) {
        return true;
      }
    }
    if (lastInvestorEnd < 0 || lastInvestorEnd > name.start()) {
      return false;
    }
    if (passage.hasAnyBetween(lastInvestorEnd, name.start(), CLAUSE_PUNCTUATION)) {
      return false;
    }
    String gap = passage.folded().substring(lastInvestorEnd, name.start());
    for (String word : WORD_SPLIT.split(gap)) {
      if (!word.isEmpty() && !functionWords.contains(word) && !joiners.contains(word)) {
        return false;
      }
    }
    return true;
  }

  /** A name at most {@value #LEAD_CUE_WORDS} words after "led by" and the like, in the same clause. */
  private boolean rightAfterLeadCue(Passage passage, NameMention name) {
    return passage.find(lexicon.matcher("funding.lead")).stream().anyMatch(cue ->
        cue.end() <= name.start()
            && passage.wordsBetween(cue.end(), name.start()) <= LEAD_CUE_WORDS
            && !passage.hasAnyBetween(cue.end(), name.start(), CLAUSE_PUNCTUATION_OR_COMMA));
  }

  private boolean isPerson(Passage passage, NameMention name) {
    if (!TITLE_CASE_PERSON.matcher(name.text()).matches()) {
      return false;
    }
    for (PhraseMatcher.Match cue : passage.find(lexicon.matcher("person.cues"))) {
      if (cue.end() <= name.start()) {
        String gap = passage.folded().substring(cue.end(), name.start());
        int words = passage.wordsBetween(cue.end(), name.start());
        boolean apposition = gap.trim().endsWith(",") && words <= 4;
        boolean directTitle = words <= 1 && !gap.contains(",") && !hasFunctionWord(gap);
        if (!passage.hasAnyBetween(cue.end(), name.start(), CLAUSE_PUNCTUATION) && (apposition || directTitle)) {
          return true;
        }
      } else if (cue.start() >= name.end()) {
        String gap = passage.folded().substring(name.end(), cue.start());
        int words = passage.wordsBetween(name.end(), cue.start());
        boolean apposition = gap.trim().startsWith(",") && words <= 4;
        boolean asTitle = words == 1 && !gap.contains(",");
        boolean appointedAs = words == 0 && gap.isBlank() && rightAfterHiringCue(passage, name);
        if (!passage.hasAnyBetween(name.end(), cue.start(), CLAUSE_PUNCTUATION) && (apposition || asTitle || appointedAs)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean rightAfterHiringCue(Passage passage, NameMention name) {
    return passage.find(lexicon.matcher("hiring.cues")).stream()
        .anyMatch(cue -> cue.end() <= name.start() && passage.wordsBetween(cue.end(), name.start()) <= 1
            && !passage.folded().substring(cue.end(), name.start()).contains(","));
  }

  private boolean isSpeaker(Passage passage, NameMention name) {
    return passage.find(lexicon.matcher("person.speech")).stream().anyMatch(cue ->
        (cue.start() >= name.end() && passage.wordsBetween(name.end(), cue.start()) <= SPEECH_WORDS_AFTER_NAME)
            || (cue.end() <= name.start()
                && passage.wordsBetween(cue.end(), name.start()) <= SPEECH_WORDS_BEFORE_NAME));
  }

  private boolean hasFunctionWord(String gap) {
    for (String word : WORD_SPLIT.split(gap)) {
      if (functionWords.contains(word)) {
        return true;
      }
    }
    return false;
  }

  private boolean inSubjectPosition(Passage passage, NameMention name) {
    String folded = passage.folded();
    for (PhraseMatcher.Match cue : passage.find(allCues)) {
      if (cue.start() >= name.end() && passage.wordsBetween(name.end(), cue.start()) <= 2
          && !passage.hasAnyBetween(name.end(), cue.start(), ",.;:!?")) {
        return true;
      }
    }
    for (PhraseMatcher.Match home : passage.find(lexicon.matcher("place.home"))) {
      if (home.start() >= name.end() && folded.substring(name.end(), home.start()).trim().equals(",")) {
        return true;
      }
    }
    for (PhraseMatcher.Match intro : passage.find(lexicon.matcher("company.intro"))) {
      if (intro.end() <= name.start() && passage.wordsBetween(intro.end(), name.start()) <= 1
          && !passage.hasAnyBetween(intro.end(), name.start(), CLAUSE_PUNCTUATION)) {
        return true;
      }
    }
    return false;
  }
}

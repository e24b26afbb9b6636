package io.newssignals.extract;

import java.util.List;
import java.util.Optional;

/**
 * Decides whether a signal belongs to the AI industry, and which words decided it.
 *
 * <p>Two kinds of cue: the abbreviations the six languages' press uses for artificial intelligence
 * and its models, matched case-sensitively on the text as written ("AI" in English and Italian,
 * "IA" in Spanish, French, Portuguese and Italian, "KI" in German, "LLM", "GenAI"), because in
 * lower case they are ordinary words (Italian "ai", Portuguese "ia", German "ki" in compounds is
 * not an issue but "Ki" is a name); and the lexicon's {@code ai.cues} phrases ("machine learning",
 * "inteligencia artificial", "künstliche Intelligenz", "modelli linguistici"), matched like other
 * cues. The company's own name is looked at first ("Mistral AI"), then the signal's evidence, then
 * the rest of the item: a story about an AI company that never says "AI" in its funding sentence
 * is still AI news.
 */
final class AiRelevance {

  /**
   * The abbreviations, each a whole word, in the order they are tried at one place ("LLMs" before
   * "LLM"). Plain string comparison at the capitals they start with: a regex tried at every offset
   * of every sentence was a tenth of extraction time.
   */
  private static final List<String> ABBREVIATIONS =
      List.of("A.I.", "AI", "IA", "KI", "LLMs", "LLM", "GenAI", "GPUs", "GPU");

  /**
   * The first letters of {@link #ABBREVIATIONS}, where one can start, as bit {@code c - 'A'} of
   * each capital {@code c}: tested at every char of every sentence, where a search of a string of
   * them was a tenth of extraction time.
   */
  private static final int INITIALS = ABBREVIATIONS.stream()
      .mapToInt(abbreviation -> 1 << (abbreviation.charAt(0) - 'A')).reduce(0, (a, b) -> a | b);

  private final PhraseMatcher cues;

  AiRelevance(Lexicon lexicon) {
    this.cues = lexicon.matcher("ai.cues");
  }

  /**
   * The cue, as written, that makes the signal AI news.
   *
   * @param companyName the subject company as written
   * @param evidence the signal's sentences, looked at before {@code all}
   * @param all every sentence of the item
   * @return empty when neither the name nor any sentence has a cue
   */
  Optional<String> cue(String companyName, List<Passage> evidence, List<Passage> all) {
    if (abbreviation(companyName) != null) {
      return Optional.of(companyName);
    }
    Optional<String> found = firstIn(evidence);
    return found.isPresent() ? found : firstIn(all);
  }

  /** The first of {@link #ABBREVIATIONS} written as a whole word in {@code text}, or null. */
  private static String abbreviation(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 'A' || c > 'Z' || (INITIALS & (1 << (c - 'A'))) == 0
          || (i > 0 && PhraseMatcher.isWordCharBefore(text, i))) {
        continue;
      }
      for (String abbreviation : ABBREVIATIONS) {
        int end = i + abbreviation.length();
        if (text.startsWith(abbreviation, i)
            && (end == text.length() || !PhraseMatcher.isWordCharAt(text, end))) {
          return abbreviation;
        }
      }
    }
    return null;
  }

  private Optional<String> firstIn(List<Passage> passages) {
    for (Passage passage : passages) {
      String text = passage.sentence().text();
      String abbreviation = abbreviation(text);
      if (abbreviation != null) {
        return Optional.of(abbreviation);
      }
      List<PhraseMatcher.Match> phrases = passage.find(cues);
      if (!phrases.isEmpty()) {
        return Optional.of(text.substring(phrases.get(0).start(), phrases.get(0).end()));
      }
    }
    return Optional.empty();
  }
}

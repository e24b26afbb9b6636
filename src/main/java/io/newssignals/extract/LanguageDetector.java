package io.newssignals.extract;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides an item's language among the six the project targets (en, es, fr, de, pt, it).
 *
 * <p>Clear text is named by a {@link FunctionWordVote} in microseconds. Text the vote leaves open
 * (headlines, short or mixed text) goes to lingua in its default high-accuracy mode: low-accuracy
 * mode is unreliable below about 120 characters, and headlines are shorter than that. Lingua takes
 * 0.3 to 0.6 ms of CPU for a 300-character sample (spread over the common fork-join pool), more
 * than all the rest of extraction, hence the vote in front of it. The lingua detector takes
 * seconds and hundreds of MB to build, so one instance is built on first use and shared; it is
 * thread-safe.
 */
public final class LanguageDetector {

  /** ISO 639-1 codes of the languages this detector can return. */
  public static final Set<String> SUPPORTED = Set.of("en", "es", "fr", "de", "pt", "it");

  private static final Map<Language, String> CODES =
      Map.of(
          Language.ENGLISH, "en",
          Language.SPANISH, "es",
          Language.FRENCH, "fr",
          Language.GERMAN, "de",
          Language.PORTUGUESE, "pt",
          Language.ITALIAN, "it");

  private static final class Shared {
    static final com.github.pemistahl.lingua.api.LanguageDetector LINGUA =
        LanguageDetectorBuilder.fromLanguages(CODES.keySet().toArray(Language[]::new)).build();
  }

  private static final LanguageDetector INSTANCE = new LanguageDetector();

  private final FunctionWordVote vote = FunctionWordVote.ofLexicons(SUPPORTED);

  private LanguageDetector() {}

  /** The shared detector. */
  public static LanguageDetector shared() {
    return INSTANCE;
  }

  /**
   * The language of an item: its source's hint when the hint names a supported language,
   * otherwise the language detected in {@code text}.
   *
   * @param hint ISO 639-1 code or a language tag such as {@code es-ES}; may be null or blank
   * @return an ISO 639-1 code from {@link #SUPPORTED}; empty when the hint names an unsupported
   *     language or detection is not confident
   */
  public Optional<String> resolve(String hint, String text) {
    if (hint != null && !hint.isBlank()) {
      String code = Locale.forLanguageTag(hint.trim().replace('_', '-')).getLanguage();
      return SUPPORTED.contains(code) ? Optional.of(code) : Optional.empty();
    }
    return detect(text);
  }

  /**
   * Builds lingua and loads its language models now (seconds and hundreds of MB on first use), so
   * that an extraction budget started later is not spent on them.
   */
  public void warmUp() {
    Shared.LINGUA.detectLanguageOf("warm up the language models");
  }

  /** The detected ISO 639-1 code of {@code text}: the function-word vote's, else lingua's; empty when neither decides. */
  public Optional<String> detect(String text) {
    Optional<String> voted = vote.decide(text);
    return voted.isPresent() ? voted : Optional.ofNullable(CODES.get(Shared.LINGUA.detectLanguageOf(text)));
  }
}

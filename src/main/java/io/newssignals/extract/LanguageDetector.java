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
 * <p>Uses lingua in its default high-accuracy mode: low-accuracy mode is unreliable below about
 * 120 characters, and headlines are shorter than that. The lingua detector takes seconds and
 * hundreds of MB to build, so one instance is built on first use and shared; it is thread-safe.
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

  /** The detected ISO 639-1 code of {@code text}; empty when lingua cannot decide. */
  public Optional<String> detect(String text) {
    return Optional.ofNullable(CODES.get(Shared.LINGUA.detectLanguageOf(text)));
  }
}

package io.newssignals.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The cue words of one language, read from {@code /lexicons/<code>.properties} (UTF-8).
 *
 * <p>Values are comma-separated phrases in {@link PhraseMatcher} syntax. Single keys hold one
 * list ({@code funding.cues}); prefixed keys hold labelled groups ({@code role.engineering},
 * {@code round.series-a}, {@code money.scale.1e6}, {@code money.currency.EUR}), where the part after
 * the prefix is the label. Adding a language means adding its file with every key of
 * {@link #REQUIRED_KEYS}; a missing key fails when the lexicon is loaded, not mid-stream.
 */
public final class Lexicon {

  /** Keys every lexicon file must define (possibly empty). */
  public static final List<String> REQUIRED_KEYS =
      List.of(
          "number.decimal", "number.grouping", "money.connectors",
          "funding.cues", "funding.valuation", "funding.investors", "funding.lead", "funding.exclude",
          "funding.public", "hiring.cues", "hiring.exclude", "hiring.headcount",
          "expansion.cues", "expansion.exclude", "place.prepositions", "place.joiners", "place.home",
          "company.intro", "person.cues", "person.speech", "hedges", "name.ignore", "name.nounEndings",
          "sentence.abbreviations", "ai.cues", "language.words");

  private static final Map<String, Optional<Lexicon>> LOADED = new ConcurrentHashMap<>();

  private final String language;
  private final Properties properties;
  private final Map<String, PhraseMatcher> matchers = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> wordSets = new ConcurrentHashMap<>();

  private Lexicon(String language, Properties properties) {
    this.language = language;
    this.properties = properties;
    for (String key : REQUIRED_KEYS) {
      if (properties.getProperty(key) == null) {
        throw new IllegalStateException("lexicon " + language + " lacks key " + key);
      }
    }
  }

  /**
   * The lexicon of a language, loaded once.
   *
   * @param language ISO 639-1 code
   * @return empty when there is no lexicon file for it yet
   * @throws IllegalStateException when the file exists but lacks a required key
   */
  public static Optional<Lexicon> forLanguage(String language) {
    return LOADED.computeIfAbsent(language, Lexicon::load);
  }

  private static Optional<Lexicon> load(String language) {
    String resource = "/lexicons/" + language + ".properties";
    try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return Optional.of(new Lexicon(language, properties));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** ISO 639-1 code of the language. */
  public String language() {
    return language;
  }

  /** How the language writes numbers ({@code number.decimal}, {@code number.grouping}). */
  public NumberFormatRule numberFormat() {
    return new NumberFormatRule(
        properties.getProperty("number.decimal").charAt(0),
        properties.getProperty("number.grouping").charAt(0));
  }

  /** The phrases of a single key; empty list when the value is blank. */
  public List<String> phrases(String key) {
    String value = properties.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException("lexicon " + language + " has no key " + key);
    }
    return split(value);
  }

  /** The labelled groups under {@code prefix} (e.g. {@code "role."}), label to phrases. */
  public Map<String, List<String>> groups(String prefix) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    properties.stringPropertyNames().stream()
        .filter(key -> key.startsWith(prefix))
        .sorted()
        .forEach(key -> groups.put(key.substring(prefix.length()), split(properties.getProperty(key))));
    return groups;
  }

  /** The phrases of a single key, folded ({@link TextFolding}), as a set built once. */
  Set<String> foldedWords(String key) {
    return wordSets.computeIfAbsent(key, k -> phrases(k).stream().map(TextFolding::fold).collect(Collectors.toUnmodifiableSet()));
  }

  /** A matcher for the phrases of the given keys, each match labelled with its key. */
  PhraseMatcher matcher(String... keys) {
    return matchers.computeIfAbsent(keys.length == 1 ? keys[0] : String.join("+", keys), joined -> {
      Map<String, List<String>> byKey = new LinkedHashMap<>();
      for (String key : keys) {
        byKey.put(key, phrases(key));
      }
      return PhraseMatcher.of(byKey);
    });
  }

  /** Every matcher built so far by {@link #matcher} and {@link #groupMatcher}; their number only grows. */
  List<PhraseMatcher> matchers() {
    return List.copyOf(matchers.values());
  }

  /** How many matchers {@link #matchers()} would return now, without copying them. */
  int matcherCount() {
    return matchers.size();
  }

  /** A matcher for the groups under {@code prefix}, each match labelled with its group. */
  PhraseMatcher groupMatcher(String prefix) {
    return matchers.computeIfAbsent(prefix + "*", k -> PhraseMatcher.of(groups(prefix)));
  }

  private static List<String> split(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}

package io.newssignals.extract;

import io.newssignals.avro.Location;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The places the extractor knows, from {@code /gazetteer/places.tsv}: cities, regions and
 * countries in the spellings of the six target languages, each with its English name, kind
 * ({@code CITY}, {@code REGION}, {@code COUNTRY}) and ISO 3166-1 alpha-2 country code.
 *
 * <p>Matching is on whole words, accent-insensitive ("Munich" finds "Múnich"), and needs a capital
 * first letter in the text. The longest spelling wins ("Nueva York" over a shorter one). Immutable
 * and thread-safe.
 */
public final class Gazetteer {

  private record Place(String name, String kind, String countryCode) {}

  private static final Gazetteer SHARED = load();

  private final Map<String, Place> placeBySpelling;
  private final PhraseMatcher matcher;

  private Gazetteer(Map<String, Place> placeBySpelling) {
    this.placeBySpelling = placeBySpelling;
    Map<String, List<String>> spellings = new HashMap<>();
    placeBySpelling.keySet().forEach(s -> spellings.put(s, List.of(s)));
    this.matcher = PhraseMatcher.of(spellings);
  }

  /** The gazetteer built from the bundled resource. */
  public static Gazetteer shared() {
    return SHARED;
  }

  private static Gazetteer load() {
    Map<String, Place> places = new HashMap<>();
    try (InputStream in = Gazetteer.class.getResourceAsStream("/gazetteer/places.tsv");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] columns = line.split("\t");
        if (columns.length != 4) {
          throw new IllegalStateException("places.tsv: expected 4 tab-separated columns: " + line);
        }
        Place place = new Place(columns[0], columns[1], "-".equals(columns[2]) ? null : columns[2]);
        for (String spelling : columns[3].split("\\|")) {
          places.put(TextFolding.fold(spelling.trim()), place);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read places.tsv", e);
    }
    return new Gazetteer(places);
  }

  /** The places named in {@code text}, in order; each location's text is as written. */
  public List<PlaceMention> find(String text) {
    return find(text, matcher.findAll(TextFolding.fold(text)));
  }

  /** The matcher of every spelling, each match labelled with the spelling (folded). */
  PhraseMatcher matcher() {
    return matcher;
  }

  /** As {@link #find(String)}, given the matches of {@link #matcher()} in {@code text}. */
  List<PlaceMention> find(String text, List<PhraseMatcher.Match> matches) {
    List<PlaceMention> found = new ArrayList<>();
    for (PhraseMatcher.Match match : matches) {
      if (!Character.isUpperCase(text.charAt(match.start()))) {
        continue;
      }
      Place place = placeBySpelling.get(match.label());
      Location location =
          new Location(text.substring(match.start(), match.end()), place.name(), place.kind(), place.countryCode());
      found.add(new PlaceMention(location, match.start(), match.end()));
    }
    return found;
  }
}

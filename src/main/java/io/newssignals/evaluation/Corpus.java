package io.newssignals.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the evaluation corpus: JSON Lines, one {@link CorpusItem} a line.
 *
 * <p>Line shape: {@code {"id":"en-001","split":"dev","language":"en","kind":"positive",
 * "title":"...","body":"...","expected":[{"type":"FUNDING","company":"Arbor Labs",
 * "amount":"30e6 USD","valuation":"1.2e9 USD","locations":["Munich","Germany"]}]}}. Sums are
 * written {@code "<value> <ISO 4217>"}; absent or null fields mean "none stated". Blank lines and
 * lines starting with {@code //} are skipped.
 */
public final class Corpus {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> TYPES = Set.of("FUNDING", "HIRING", "EXPANSION");

  private Corpus() {}

  /**
   * The items of a corpus file, or of every regular {@code *.jsonl} file of a directory in name
   * order (a FIFO or device so named is not read: it could block forever).
   *
   * @throws IllegalArgumentException naming file and line when a line is malformed or an id repeats
   * @throws UncheckedIOException when a file cannot be read
   */
  public static List<CorpusItem> read(Path path) {
    List<Path> files;
    try {
      if (Files.isDirectory(path)) {
        try (Stream<Path> listing = Files.list(path)) {
          files = listing.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p))
              .sorted().toList();
        }
      } else {
        files = List.of(path);
      }
      List<CorpusItem> items = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      for (Path file : files) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          if (line.isEmpty() || line.startsWith("//")) {
            continue;
          }
          CorpusItem item;
          try {
            item = parse(MAPPER.readTree(line));
          } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
          }
          if (!ids.add(item.id())) {
            throw new IllegalArgumentException(file + ":" + (i + 1) + ": duplicate id " + item.id());
          }
          items.add(item);
        }
      }
      return items;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read corpus " + path, e);
    }
  }

  private static CorpusItem parse(JsonNode node) {
    List<CorpusItem.Expected> expected = new ArrayList<>();
    for (JsonNode e : node.path("expected")) {
      String type = required(e, "type");
      if (!TYPES.contains(type)) {
        throw new IllegalArgumentException("unknown type " + type);
      }
      List<String> locations = new ArrayList<>();
      e.path("locations").forEach(l -> locations.add(l.asText()));
      expected.add(new CorpusItem.Expected(
          type, required(e, "company"), sum(e.get("amount")), sum(e.get("valuation")), List.copyOf(locations)));
    }
    String split = required(node, "split");
    if (!split.equals("dev") && !split.equals("test")) {
      throw new IllegalArgumentException("split must be dev or test: " + split);
    }
    return new CorpusItem(required(node, "id"), split, required(node, "language"), required(node, "kind"),
        required(node, "title"), required(node, "body"), List.copyOf(expected));
  }

  private static CorpusItem.Sum sum(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    String[] parts = node.asText().trim().split("\\s+");
    if (parts.length != 2 || !parts[1].matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("a sum is \"<value> <ISO 4217>\": " + node.asText());
    }
    return new CorpusItem.Sum(Double.parseDouble(parts[0]), parts[1]);
  }

  private static String required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException("missing field " + field);
    }
    return value.asText();
  }
}

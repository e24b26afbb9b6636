package io.newssignals.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.avro.Location;
import io.newssignals.avro.Money;
import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample yields exactly the signals the table in samples/README.md lists. */
class SamplesTest {

  private static final LexiconSignalExtractor EXTRACTOR = new LexiconSignalExtractor(TestItems.CLOCK);

  /** The README table: file name to its rows (cells split on '|'). */
  static Map<String, List<String[]>> expectedRows() {
    String readme = TestItems.read(TestItems.samplesDir().resolve("README.md"));
    String table = readme.substring(
        readme.indexOf("<!-- expected-signals -->"), readme.indexOf("<!-- /expected-signals -->"));
    Map<String, List<String[]>> rows = new LinkedHashMap<>();
    table.lines()
        .filter(line -> line.startsWith("| ") && !line.startsWith("| file "))
        .map(line -> Arrays.stream(line.substring(1, line.length() - 1).split("\\|", -1)).map(String::trim).toArray(String[]::new))
        .forEach(cells -> rows.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(cells));
    return rows;
  }

  static Stream<String> sampleFiles() throws IOException {
    try (Stream<Path> files = Files.list(TestItems.samplesDir())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt")).sorted().toList().stream();
    }
  }

  @Test
  void readmeListsEverySampleFile() throws IOException {
    assertEquals(sampleFiles().toList(), expectedRows().keySet().stream().sorted().toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sampleFiles")
  void yieldsTheSignalsTheReadmeLists(String file) {
    NewsItem item = TestItems.sample(TestItems.samplesDir().resolve(file));
    List<String[]> rows = expectedRows().get(file);

    assertEquals(Optional.of(rows.get(0)[1]), LanguageDetector.shared().detect(item.getTitle() + "\n" + item.getBody()));
    List<String> expected = rows.stream().filter(r -> !r[2].equals("none")).map(SamplesTest::rowOf).toList();
    List<String> actual = EXTRACTOR.extract(item).stream().map(SamplesTest::rowOf).toList();
    assertEquals(expected, actual);
  }

  private static String rowOf(String[] cells) {
    return String.join(" | ", Arrays.copyOfRange(cells, 2, cells.length));
  }

  private static String rowOf(Signal s) {
    return String.join(" | ",
        s.getType().name(), s.getCompanyId(), s.getCompany(), money(s.getAmount()), money(s.getValuation()),
        orDash(s.getRound()), list(s.getInvestors()),
        list(s.getLocations().stream().map(SamplesTest::place).toList()),
        list(s.getRoles()), list(s.getPeople()), s.getHeadcount() == null ? "-" : s.getHeadcount().toString());
  }

  private static String money(Money m) {
    return m == null ? "-" : (m.getValue() == Math.rint(m.getValue()) && m.getValue() < 1e7
        ? String.valueOf((long) m.getValue()) : String.valueOf(m.getValue())) + " " + m.getCurrency();
  }

  private static String place(Location l) {
    return l.getName() + "/" + l.getKind() + "/" + l.getCountryCode();
  }

  private static String list(List<String> values) {
    return values.isEmpty() ? "-" : String.join(";", values);
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }
}

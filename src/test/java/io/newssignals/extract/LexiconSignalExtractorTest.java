package io.newssignals.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.avro.Location;
import io.newssignals.avro.Money;
import io.newssignals.avro.Signal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One row per language per case; each positive row must yield exactly one signal. */
class LexiconSignalExtractorTest {

  private static final LexiconSignalExtractor EXTRACTOR = new LexiconSignalExtractor(TestItems.CLOCK);

  @ParameterizedTest(name = "[{0}] {1}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      en | Arbor Labs raises $30 million in a Series A led by Beacon Ventures.                                  | FUNDING   | Arbor Labs     | arbor          | 3.0E7 USD | -         | series-a | Beacon Ventures | -                     | -
      en | Cinder AI has raised $2.5bn at a $40bn valuation, backed by Harbor Capital.                          | FUNDING   | Cinder AI      | cinder         | 2.5E9 USD | 4.0E10 USD| -        | Harbor Capital  | -                     | -
      en | Tessel Systems is hiring 120 engineers and sales staff for its Boston lab.                           | HIRING    | Tessel Systems | tessel         | -         | -         | -        | -               | -                     | engineering;sales
      en | Ostra Labs opens a new office in Munich, its first in Germany.                                       | EXPANSION | Ostra Labs     | ostra          | -         | -         | -        | -               | Munich/CITY/DE;Germany/COUNTRY/DE | -
      es | La startup Brisa ha cerrado una ronda de 12 millones de euros liderada por Nortia Capital.           | FUNDING   | Brisa          | brisa          | 1.2E7 EUR | -         | -        | Nortia Capital  | -                     | -
      es | Gaviota Robotics alcanzó una valoración de 1.500 millones de dólares en su ronda serie C.            | FUNDING   | Gaviota Robotics | gaviota-robotics | -     | 1.5E9 USD | series-c | -               | -                     | -
      es | La empresa Lince busca contratar ingenieros e investigadores en su sede de Valencia.                | HIRING    | Lince          | lince          | -         | -         | -        | -               | -                     | engineering;research
      es | Candela Tech abre una nueva oficina en Múnich y se expande a Alemania.                              | EXPANSION | Candela Tech   | candela        | -         | -         | -        | -               | Munich/CITY/DE;Germany/COUNTRY/DE | -
      """)
  void findsOneSignal(String language, String body, String type, String company, String companyId,
      String amount, String valuation, String round, String investors, String locations, String roles) {
    List<Signal> signals = EXTRACTOR.extract(TestItems.item("row", "", body, language));

    assertEquals(1, signals.size(), () -> "signals: " + signals);
    Signal s = signals.get(0);
    assertEquals(type, s.getType().name());
    assertEquals(company, s.getCompany());
    assertEquals(companyId, s.getCompanyId());
    assertEquals(money(amount), s.getAmount() == null ? null : List.of(s.getAmount().getValue(), s.getAmount().getCurrency()));
    assertEquals(money(valuation), s.getValuation() == null ? null : List.of(s.getValuation().getValue(), s.getValuation().getCurrency()));
    assertEquals(round, s.getRound());
    assertEquals(list(investors), s.getInvestors());
    assertEquals(list(locations), s.getLocations().stream().map(LexiconSignalExtractorTest::place).toList());
    assertEquals(list(roles), s.getRoles());
    assertEquals(language, s.getLanguage());
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @CsvSource(delimiter = '|', textBlock = """
      en | Helix Robotics is laying off 200 employees and freezing hiring for the rest of the year.
      en | Orbital Systems acquires DataLoom for $300 million in cash.
      en | Nvidia shares rose 4% after revenue of $30 billion beat forecasts and the company raised its guidance.
      en | The Department for Education will provide £10 million in funding for AI tutors in state schools.
      en | Markets were calm on Tuesday as investors waited for inflation data.
      es | Cobalto Digital despide a 150 trabajadores y congela las contrataciones.
      es | Orbital Systems adquiere DataLoom por 300 millones de euros.
      es | Las acciones de Telefónica suben un 3% tras presentar unos beneficios de 500 millones de euros.
      es | El Ministerio de Educación anuncia una financiación de 20 millones de euros para un programa de inteligencia artificial en escuelas públicas.
      es | Las grandes tecnológicas atraen talento con miles de millones de dólares.
      """)
  void findsNothing(String language, String body) {
    assertEquals(List.of(), EXTRACTOR.extract(TestItems.item("negative", "", body, language)));
  }

  private static List<Object> money(String cell) {
    if (cell == null) {
      return null;
    }
    String[] parts = cell.trim().split(" ");
    return List.of(Double.parseDouble(parts[0]), parts[1]);
  }

  private static List<String> list(String cell) {
    return cell == null ? List.of() : Arrays.asList(cell.split(";"));
  }

  private static String place(Location l) {
    return l.getName() + "/" + l.getKind() + "/" + l.getCountryCode();
  }
}

package io.newssignals.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.avro.Money;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyParserTest {

  @ParameterizedTest(name = "[{0}] {1}")
  @CsvSource(delimiter = '|', textBlock = """
      en | raised $45 million on Monday          | 4.5E7    | USD | $45 million
      en | a $2.5bn round                        | 2.5E9    | USD | $2.5bn
      en | a €12M seed round                     | 1.2E7    | EUR | €12M
      en | a £20m Series A                       | 2.0E7    | GBP | £20m
      en | secured US$ 1 billion in debt         | 1.0E9    | USD | US$ 1 billion
      en | 1.2 billion dollars in fresh capital  | 1.2E9    | USD | 1.2 billion dollars
      en | a $1,500,000 grant                    | 1500000  | USD | $1,500,000
      en | EUR 300 million from investors        | 3.0E8    | EUR | EUR 300 million
      en | C$40 million for the Toronto lab      | 4.0E7    | CAD | C$40 million
      en | $500k pre-seed                        | 500000   | USD | $500k
      es | una valoración de 6.000 millones de euros | 6.0E9 | EUR | 6.000 millones de euros
      es | capta 1.500 millones de dólares       | 1.5E9    | USD | 1.500 millones de dólares
      es | recauda 3 mil millones de dólares     | 3.0E9    | USD | 3 mil millones de dólares
      es | una ronda de 2,5 millones de euros    | 2500000  | EUR | 2,5 millones de euros
      es | un fondo de 2 billones de euros       | 2.0E12   | EUR | 2 billones de euros
      es | 12 M€ en su ronda semilla             | 1.2E7    | EUR | 12 M€
      es | levanta 800.000 euros                 | 800000   | EUR | 800.000 euros
      es | una ronda de 2.5 millones de dolares  | 2500000  | USD | 2.5 millones de dolares
      es | 20 millones de libras                 | 2.0E7    | GBP | 20 millones de libras
      fr | a levé 25 millions d'euros            | 2.5E7    | EUR | 25 millions d'euros
      fr | lève 3 milliards d’euros              | 3.0E9    | EUR | 3 milliards d’euros
      fr | une levée de 1,5 milliard de dollars  | 1.5E9    | USD | 1,5 milliard de dollars
      fr | un tour de 12 M€                      | 1.2E7    | EUR | 12 M€
      fr | une subvention de 800 000 euros       | 800000   | EUR | 800 000 euros
      de | sammelt 30 Millionen Euro ein         | 3.0E7    | EUR | 30 Millionen Euro
      de | erhält 1,5 Mrd. Euro                  | 1.5E9    | EUR | 1,5 Mrd. Euro
      de | rund 120 Millionen US-Dollar          | 1.2E8    | USD | 120 Millionen US-Dollar
      de | eine Seed-Runde über 4 Mio. Euro      | 4000000  | EUR | 4 Mio. Euro
      de | bewertet mit 2 Milliarden Dollar      | 2.0E9    | USD | 2 Milliarden Dollar
      pt | captou R$ 50 milhões                  | 5.0E7    | BRL | R$ 50 milhões
      pt | levantou 40 milhões de dólares        | 4.0E7    | USD | 40 milhões de dólares
      pt | avaliada em 4 mil milhões de euros    | 4.0E9    | EUR | 4 mil milhões de euros
      pt | captou R$ 1,5 bilhão                  | 1.5E9    | BRL | R$ 1,5 bilhão
      pt | captou R$ 40 mi                       | 4.0E7    | BRL | R$ 40 mi
      pt | recebeu US$ 100 milhões               | 1.0E8    | USD | US$ 100 milhões
      it | raccoglie 15 milioni di euro          | 1.5E7    | EUR | 15 milioni di euro
      it | una valutazione di 1,2 miliardi di dollari | 1.2E9 | USD | 1,2 miliardi di dollari
      it | un round da 12 mln di euro            | 1.2E7    | EUR | 12 mln di euro
      it | 500 mila euro in un pre-seed          | 500000   | EUR | 500 mila euro
      it | 10 milioni di sterline                | 1.0E7    | GBP | 10 milioni di sterline
      """)
  void parsesOneSum(String language, String text, double value, String currency, String written) {
    List<MoneyMention> found = MoneyParser.forLanguage(language).orElseThrow().parse(text);

    assertEquals(List.of(List.of(value, currency, written)),
        found.stream().map(m -> List.of(m.money().getValue(), m.money().getCurrency(), m.money().getText())).toList());
    assertEquals(written, text.substring(found.get(0).start(), found.get(0).end()));
  }

  /** USD = value * USD-per-EUR / currency-per-EUR, at the ECB rates of 2025-02-28, to the cent. */
  @ParameterizedTest(name = "[{0}] {1}")
  @CsvSource(delimiter = '|', textBlock = """
      es | 6.000 millones de euros  | 6.2466E9
      en | $45 million              | 4.5E7
      en | £20m                     | 25205791.21
      pt | R$ 50 milhões            | 8574087.50
      fr | 10 millions de francs suisses | 11082605.92
      """)
  void addsTheUsdValueOfTheReferenceRates(String language, String text, double usd) {
    Money money = MoneyParser.forLanguage(language).orElseThrow().parse(text).get(0).money();

    assertEquals(usd, money.getUsdValue(), 0.005);
    assertEquals("2025-02-28", money.getFxDate());
    assertEquals("European Central Bank euro foreign exchange reference rates", money.getFxSource());
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @CsvSource(delimiter = '|', textBlock = """
      de | Die Firma hat 200 Mitarbeiter
      fr | en 2024 elle comptait 45 salariés
      pt | cerca de mil milhões de pessoas
      it | migliaia di euro di investimenti
      es | atraen talento con miles de millones de dólares
      es | cuenta con 20 empleados en 2024
      en | billions of dollars are flowing into AI
      en | hired 45 engineers in 2025, up 12%
      """)
  void findsNoSum(String language, String text) {
    assertEquals(List.of(), MoneyParser.forLanguage(language).orElseThrow().parse(text));
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @CsvSource(delimiter = '|', textBlock = """
      en | 6.000    | 6
      en | 1,500    | 1500
      en | 2.5      | 2.5
      es | 6.000    | 6000
      es | 2,5      | 2.5
      es | 1.234,56 | 1234.56
      es | 2.5      | 2.5
      """)
  void readsNumbersTheLanguageWay(String language, String written, String expected) {
    NumberFormatRule rule = Lexicon.forLanguage(language).orElseThrow().numberFormat();

    assertEquals(0, new java.math.BigDecimal(expected).compareTo(rule.parse(written).orElseThrow()));
  }
}

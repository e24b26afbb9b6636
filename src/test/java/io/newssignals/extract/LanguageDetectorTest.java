package io.newssignals.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageDetectorTest {

  @ParameterizedTest(name = "{1} -> {0}")
  @CsvSource(delimiter = '|', textBlock = """
      en | Northwind raises $45 million to build warehouse robots
      es | La startup madrileña cierra una ronda de financiación de diez millones
      fr | La jeune pousse parisienne lève vingt millions d'euros auprès de ses investisseurs
      de | Das Münchner Start-up sammelt zwölf Millionen Euro bei Investoren ein
      pt | A empresa portuguesa anuncia a abertura de um novo escritório em Lisboa
      it | La società milanese ha raccolto quindici milioni di euro dagli investitori
      """)
  void detectsShortNewsText(String expected, String text) {
    assertEquals(Optional.of(expected), LanguageDetector.shared().detect(text));
  }

  @ParameterizedTest(name = "hint {0}")
  @CsvSource(delimiter = '|', textBlock = """
      es    | es
      es-ES | es
      EN    | en
      pt_BR | pt
      """)
  void trustsASupportedHint(String hint, String expected) {
    assertEquals(Optional.of(expected), LanguageDetector.shared().resolve(hint, "Northwind raises $45 million"));
  }

  @ParameterizedTest(name = "hint {0}")
  @CsvSource({"zh", "ja", "ru"})
  void refusesAnUnsupportedHint(String hint) {
    assertEquals(Optional.empty(), LanguageDetector.shared().resolve(hint, "Northwind raises $45 million"));
  }
}

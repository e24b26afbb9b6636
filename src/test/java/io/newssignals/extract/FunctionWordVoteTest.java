package io.newssignals.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.newssignals.evaluation.Corpus;
import io.newssignals.evaluation.CorpusItem;
import io.newssignals.testing.ProjectFiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FunctionWordVoteTest {

  private static final FunctionWordVote VOTE = FunctionWordVote.ofLexicons(LanguageDetector.SUPPORTED);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      en | Northwind said on Monday that it has raised $45 million, and the money will be used to hire engineers.
      es | La empresa dijo que los fondos servirán para abrir una oficina en Bogotá y que el equipo tiene ya cuarenta personas.
      fr | La jeune pousse a levé vingt millions d'euros auprès de ses investisseurs, et elle ouvre un bureau à Lyon pour son équipe.
      de | Das Unternehmen hat zwölf Millionen Euro eingesammelt und will mit dem Geld neue Ingenieure einstellen.
      pt | A empresa anunciou que não vai abrir uma sede em Lisboa, mas já tem um escritório no Porto.
      it | La società ha raccolto quindici milioni di euro e sono già previste nuove assunzioni nella sede di Torino.
      """)
  void namesTheLanguageOfClearText(String expected, String text) {
    assertEquals(Optional.of(expected), VOTE.decide(text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      headline       | Northwind raises $45 million
      names only     | Mistral AI, Nvidia, Bpifrance
      AI, not Italian | AI chips, AI agents, AI labs: ai, Ai
      names, not German | MIT startup Liquid AI raises $250 million. MIT CSAIL director Daniela Rus co-founded Liquid AI, an MIT spinout.
      names, not Spanish | Los Angeles fintech Acme raises $20 million. Los Angeles-based Acme raised $20 million led by Y Combinator.
      names, not Portuguese | Novo Nordisk hires 300 engineers in São Paulo. Novo Nordisk plans to hire 300 engineers in São Paulo, Brazil.
      two languages  | The firm said the deal is done. La empresa dijo que el acuerdo está cerrado.
      unsupported    | Het bedrijf heeft vandaag een nieuwe ronde opgehaald voor zijn groei.
      empty          | ''
      """)
  void abstainsWhereNoLanguageWinsClearly(String label, String text) {
    assertEquals(Optional.empty(), VOTE.decide(text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      it | Bending Spoons punta su Milano: la società assume 100 ingegneri, con focus su AI e su prodotti mobile, e apre nella città un ufficio che sarà il più grande del gruppo.
      de | Helsing will bis Ende 2026 in München 500 Ingenieure einstellen, und auch Quantum Systems will wachsen, sagte der Chef der Firma bei einer Konferenz.
      """)
  void aWordTwoLanguagesShareCountsForNeither(String expected, String text) {
    // "su" is Italian as well as Spanish, "will" German as well as English.
    assertEquals(Optional.of(expected), VOTE.decide(text));
  }

  @Test
  void aCatalanArticleIsLeftToLingua() {
    assertEquals(Optional.empty(), VOTE.decide("L'empresa barcelonina Factorial ha tancat una ronda de"
        + " finançament de 80 milions d'euros liderada per Tiger Global. El fundador ha dit que els diners"
        + " serviran per contractar 200 persones i obrir una oficina a Madrid."));
  }

  @Test
  void countsAccentedWordsAsWritten() {
    // "é" is Portuguese and "è" Italian: folding accents away would merge them.
    assertEquals(Optional.of("pt"), VOTE.decide("é é é"));
    assertEquals(Optional.of("it"), VOTE.decide("è è è"));
  }

  @Test
  void refusesAWordListedForTwoLanguages() {
    Map<String, List<String>> lists = new LinkedHashMap<>();
    lists.put("pt", List.of("seu", "sua"));
    lists.put("it", List.of("suo", "sua"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FunctionWordVote(lists));
    assertEquals("\"sua\" is listed for both pt and it", e.getMessage());
  }

  @Test
  void neverContradictsACorpusLabelAndDecidesMostItems() {
    List<CorpusItem> items = Corpus.read(ProjectFiles.corpusDir());
    int decided = 0;
    for (CorpusItem item : items) {
      Optional<String> vote = VOTE.decide(item.title() + "\n" + item.body());
      if (vote.isPresent()) {
        decided++;
        assertEquals(item.language(), vote.get(), item.id());
      }
    }
    assertEquals(422, items.size());
    assertEquals(268, decided);
  }

}

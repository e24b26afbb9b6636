package io.newssignals.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newssignals.avro.Location;
import io.newssignals.avro.Money;
import io.newssignals.avro.Signal;
import io.newssignals.avro.SignalType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
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
      fr | La start-up Glacier a levé 45 millions d'euros en série B menée par Eurazeo, qui la valorise à 400 millions d'euros. | FUNDING | Glacier | glacier | 4.5E7 EUR | 4.0E8 EUR | series-b | Eurazeo | - | -
      fr | La société Nabla va recruter 50 ingénieurs et chercheurs d'ici la fin de l'année.                 | HIRING    | Nabla          | nabla          | -         | -         | -        | -               | -                     | engineering;research
      fr | Alcyone s'implante en Allemagne avec l'ouverture d'un bureau à Munich.                              | EXPANSION | Alcyone        | alcyone        | -         | -         | -        | -               | Germany/COUNTRY/DE;Munich/CITY/DE | -
      de | Tannenhof sammelt 1,5 Mrd. Euro ein, die Bewertung liegt bei 12 Mrd. Euro.                         | FUNDING   | Tannenhof      | tannenhof      | 1.5E9 EUR | 1.2E10 EUR| -        | -               | -                     | -
      de | Das Kölner Unternehmen DeepL will in diesem Jahr 200 neue Ingenieure und Forscher einstellen.        | HIRING    | DeepL          | deepl          | -         | -         | -        | -               | -                     | engineering;research
      de | Rotmilan expandiert nach Frankreich und eröffnet ein Büro in Paris.                                  | EXPANSION | Rotmilan       | rotmilan       | -         | -         | -        | -               | France/COUNTRY/FR;Paris/CITY/FR | -
      pt | A Capivara captou R$ 1,5 bilhão em uma rodada série C e passa a valer R$ 10 bilhões.              | FUNDING   | Capivara       | capivara       | 1.5E9 BRL | 1.0E10 BRL| series-c | -               | -                     | -
      pt | A Tucano AI vai contratar 100 engenheiros e cientistas de dados em São Paulo.                      | HIRING    | Tucano AI      | tucano         | -         | -         | -        | -               | São Paulo/CITY/BR     | engineering;research
      pt | A Cutia abriu uma filial em Buenos Aires para atender a Argentina.                                   | EXPANSION | Cutia          | cutia          | -         | -         | -        | -               | Buenos Aires/CITY/AR;Argentina/COUNTRY/AR | -
      it | Cormorano ha raccolto 2 miliardi di euro con una valutazione di 8 miliardi di euro.               | FUNDING   | Cormorano      | cormorano      | 2.0E9 EUR | 8.0E9 EUR | -        | -               | -                     | -
      it | Stellina assumerà 60 ingegneri e ricercatori a Torino entro fine anno.                              | HIRING    | Stellina       | stellina       | -         | -         | -        | -               | Turin/CITY/IT         | engineering;research
      it | Gabbiano sbarca in Spagna con un nuovo ufficio a Madrid.                                             | EXPANSION | Gabbiano       | gabbiano       | -         | -         | -        | -               | Spain/COUNTRY/ES;Madrid/CITY/ES | -
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

  /** The investor after "led by" in each language is the lead; the AI cue is the words that decided. */
  @ParameterizedTest(name = "[{0}] {1}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      en | Arbor Labs raises $30 million in a Series A led by Beacon Ventures to build AI agents.           | Beacon Ventures  | AI
      es | Brisa cierra una ronda de 12 millones de euros liderada por Nortia Capital.                       | Nortia Capital   | -
      fr | Orane lève 18 millions d'euros lors d'un tour de table mené par Serena pour ses puces d'IA.       | Serena           | IA
      de | Eisvogel sammelt 25 Millionen Euro unter Führung von Earlybird für maschinelles Lernen ein.      | Earlybird        | maschinelles Lernen
      pt | A Cloudia captou R$ 50 milhões em uma rodada liderada pela Kaszek.                                | Kaszek           | -
      it | Nebula ha chiuso un round da 15 milioni di euro guidato da United Ventures per l'intelligenza artificiale. | United Ventures | intelligenza artificiale
      """)
  void marksTheLeadInvestorAndTheAiCue(String language, String body, String lead, String aiCue) {
    List<Signal> signals = EXTRACTOR.extract(TestItems.item("lead", "", body, language));

    assertEquals(1, signals.size(), () -> "signals: " + signals);
    assertEquals(lead, signals.get(0).getLeadInvestor());
    assertEquals(aiCue, signals.get(0).getAiCue());
    assertEquals(aiCue != null, signals.get(0).getAiRelated());
  }

  /** Each kind of non-signal the issue names, in every language. */
  @ParameterizedTest(name = "[{0}] {1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      en | layoffs       | Helix Robotics is laying off 200 employees, a tenth of its staff.
      es | layoffs       | Cobalto Digital despide a 150 trabajadores de su fábrica de Zaragoza.
      fr | layoffs       | Vireo annonce 120 suppressions de postes dans ses équipes techniques.
      de | layoffs       | Sternwerk streicht 300 Stellen in der Softwareentwicklung.
      pt | layoffs       | A Casa Forte demitiu 300 funcionários e 40 engenheiros.
      it | layoffs       | La Ferro Digitale ha annunciato 200 licenziamenti tra gli ingegneri.
      en | freeze        | Pinecrest Devices has paused hiring of engineers until further notice.
      es | freeze        | Juno Robotics congela las contrataciones de ingenieros hasta otoño.
      fr | freeze        | Mirage annonce un gel des embauches de développeurs pour six mois.
      de | freeze        | Nebelhorn verhängt einen Einstellungsstopp für Entwickler.
      pt | freeze        | A Tapioca anunciou o congelamento de contratações de engenheiros.
      it | freeze        | Gheppio annuncia il blocco delle assunzioni di ingegneri.
      en | public money  | The Department for Education will provide £10 million in funding for AI tutors in state schools.
      es | public money  | El Ministerio de Educación anuncia una financiación de 20 millones de euros para escuelas públicas.
      fr | public money  | Le ministère de l'Éducation débloque un financement de 15 millions d'euros pour les lycées.
      de | public money  | Das Bildungsministerium stellt eine Förderung von 25 Millionen Euro für Schulen bereit.
      pt | public money  | O Ministério da Educação destina um financiamento de R$ 30 milhões às escolas.
      it | public money  | Il ministero dell'Istruzione stanzia un finanziamento di 20 milioni di euro per le scuole.
      en | budget cut    | The city council cut its digital skills funding by $2 million.
      es | budget cut    | El ayuntamiento aprueba un recorte de 3 millones de euros en la financiación de innovación.
      fr | budget cut    | La mairie vote une coupe budgétaire de 2 millions d'euros dans le financement numérique.
      de | budget cut    | Der Gemeinderat beschließt Kürzungen der Förderung um 2 Millionen Euro.
      pt | budget cut    | A prefeitura cortou o orçamento de financiamento à inovação em R$ 5 milhões.
      it | budget cut    | Il comune ha tagliato di 2 milioni di euro il finanziamento all'innovazione.
      en | acquisition   | Orbital Systems acquires DataLoom for $300 million in cash.
      es | acquisition   | Orbital Systems adquiere DataLoom por 300 millones de euros.
      fr | acquisition   | Capgemini rachète une société de conseil pour 200 millions d'euros.
      de | acquisition   | SAP übernimmt ein Berliner Startup für 400 Millionen Euro.
      pt | acquisition   | A Stone comprou uma startup de IA por R$ 200 milhões.
      it | acquisition   | Leonardo acquisisce una startup di IA per 120 milioni di euro.
      en | trade fair    | The robotics trade fair opened its doors in Munich with 1,200 exhibitors.
      es | trade fair    | La feria de robótica abre sus puertas en Barcelona con 600 expositores.
      fr | trade fair    | Le salon VivaTech ouvre ses portes à Paris avec 2 800 exposants.
      de | trade fair    | Die Robotik-Messe öffnet ihre Tore in München.
      pt | trade fair    | A feira de tecnologia abre as portas em São Paulo com 500 expositores.
      it | trade fair    | La fiera della robotica apre i battenti a Milano con 500 espositori.
      en | share price   | Nvidia shares rose 4% after revenue of $30 billion beat forecasts.
      es | share price   | Las acciones de Indra suben un 5% tras unos ingresos de 1.200 millones de euros.
      fr | share price   | Les actions de Dassault Systèmes reculent de 4 % après un chiffre d'affaires de 1,5 milliard d'euros.
      de | share price   | Die Aktie von Infineon legte zu, der Umsatz stieg auf 4 Milliarden Euro.
      pt | share price   | As ações da Totvs subiram 5% após receita de R$ 1 bilhão.
      it | share price   | Le azioni di Stellantis salgono del 4% in Borsa dopo ricavi per 40 miliardi di euro.
      en | earnings      | Oakmere reported a record quarterly profit of $120 million.
      es | earnings      | Banco Meridiano eleva su beneficio hasta 800 millones de euros en el trimestre.
      fr | earnings      | Atos publie un bénéfice trimestriel de 50 millions d'euros.
      de | earnings      | Siemens meldet einen Quartalsgewinn von 2 Milliarden Euro.
      pt | earnings      | O Itaú registrou lucro de R$ 10 bilhões no trimestre.
      it | earnings      | Intesa Sanpaolo registra un utile di 2 miliardi di euro nel trimestre.
      en | hiring survey | A survey of 500 employers found most expect to hire fewer engineers this year.
      es | hiring survey | Una encuesta anticipa que las empresas contratarán menos ingenieros este año.
      fr | hiring survey | Selon une étude, les entreprises prévoient de recruter moins d'ingénieurs.
      de | hiring survey | Laut einer Umfrage wollen Firmen weniger Ingenieure einstellen.
      pt | hiring survey | Segundo uma pesquisa, as empresas vão contratar menos engenheiros.
      it | hiring survey | Secondo un sondaggio, le aziende assumeranno meno ingegneri.
      """)
  void findsNothing(String language, String kind, String body) {
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

  @Test
  void aRunOnBodyOfAThousandFundingClausesStillGivesOneSignal() {
    // 130 KB in one sentence: before sentences were cut at 1,000 chars, pairing every name with
    // every cue over the whole run took minutes.
    String body = ("Acme AI raised $5 million led by Foo Ventures and Bar Capital, and its staff and its"
        + " customers were glad of it, ").repeat(1_200);
    List<Signal> signals = EXTRACTOR.extract(TestItems.item("run-on", "Acme AI raises $5 million", body, "en"));

    assertEquals(List.of(SignalType.FUNDING), signals.stream().map(Signal::getType).toList());
    assertEquals("Acme AI", signals.get(0).getCompany());
    assertEquals(5.0e6, signals.get(0).getAmount().getValue());
    assertEquals("USD", signals.get(0).getAmount().getCurrency());
  }
}

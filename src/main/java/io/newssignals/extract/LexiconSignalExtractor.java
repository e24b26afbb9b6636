package io.newssignals.extract;

import io.newssignals.avro.Evidence;
import io.newssignals.avro.NewsItem;
import io.newssignals.avro.Signal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rule-based extractor: per-language lexicons, a gazetteer and sentence structure, no
 * statistical model and no list of known companies.
 *
 * <p>Steps: resolve the language ({@link LanguageDetector}); split title and body into sentences
 * ({@link SentenceSplitter}); find names, places ({@link Gazetteer}) and sums ({@link MoneyParser})
 * in each; sort names into people, investors and companies ({@link Entities}); run the FUNDING,
 * HIRING and EXPANSION rules; give each finding its company, confidence ({@link Confidence}) and
 * evidence, and decide whether it is AI news ({@link AiRelevance}). Languages without a lexicon
 * file, and items whose source names another language, yield no signals. Thread-safe.
 */
public final class LexiconSignalExtractor implements SignalExtractor {

  private static final String TITLE = "title";
  private static final String BODY = "body";

  /**
   * How much text, in chars, language detection reads: the title and the start of the body. lingua
   * scores every trigram it is given, so its time grows with the sample: 1,000 chars of a 3 KB item
   * took longer than all the rest of extraction. At 300 chars it decides the corpus and generated
   * 3 KB items exactly as at 1,000 (the same four of 1,244 texts wrong). Kept well above 120
   * chars: on shorter texts (after lingua strips punctuation and digits) it switches to scoring all
   * n-gram lengths, which costs more than a longer sample.
   */
  static final int DETECTION_SAMPLE_CHARS = 300;

  /** Everything built once per language. */
  private record LanguageRules(
      Lexicon lexicon,
      SentenceSplitter splitter,
      ProperNames names,
      MoneyParser money,
      FundingRule funding,
      HiringRule hiring,
      ExpansionRule expansion,
      AiRelevance ai,
      AtomicReference<PhraseIndex> cues) {

    static LanguageRules of(Lexicon lexicon) {
      Locations locations = new Locations(lexicon);
      return new LanguageRules(
          lexicon,
          new SentenceSplitter(lexicon.language(), lexicon.phrases("sentence.abbreviations")),
          new ProperNames(lexicon),
          new MoneyParser(lexicon),
          new FundingRule(lexicon),
          new HiringRule(lexicon, locations),
          new ExpansionRule(lexicon, locations),
          new AiRelevance(lexicon),
          new AtomicReference<>());
    }

    /**
     * One index of the gazetteer and of every matcher the lexicon has built. The rules build some
     * matchers on first use, so the index is rebuilt while their number grows: after the first
     * items it no longer does, and each sentence is scanned once for all of them.
     */
    PhraseIndex cueIndex(Gazetteer gazetteer) {
      PhraseIndex index = cues.get();
      if (index == null || index.size() != lexicon.matcherCount() + 1) {
        List<PhraseMatcher> all = new ArrayList<>();
        all.add(gazetteer.matcher());
        all.addAll(lexicon.matchers());
        index = new PhraseIndex(all);
        cues.set(index);
      }
      return index;
    }
  }

  private final Clock clock;
  private final LanguageDetector detector;
  private final Gazetteer gazetteer;
  private final Map<String, LanguageRules> rulesByLanguage = new ConcurrentHashMap<>();

  /** An extractor stamping {@code processedAt} from {@code clock}, with the shared detector and gazetteer. */
  public LexiconSignalExtractor(Clock clock) {
    this.clock = clock;
    this.detector = LanguageDetector.shared();
    this.gazetteer = Gazetteer.shared();
  }

  @Override
  public List<Signal> extract(NewsItem item) {
    // Only the start of the body can be in the sample: do not copy all of it.
    String body = item.getBody();
    String head = body.length() > DETECTION_SAMPLE_CHARS ? body.substring(0, DETECTION_SAMPLE_CHARS + 1) : body;
    Optional<String> language = detector.resolve(item.getLanguage(), detectionSample(item.getTitle() + "\n" + head));
    Optional<LanguageRules> rules = language.flatMap(Lexicon::forLanguage)
        .map(lexicon -> rulesByLanguage.computeIfAbsent(lexicon.language(), k -> LanguageRules.of(lexicon)));
    if (rules.isEmpty()) {
      return List.of();
    }
    LanguageRules r = rules.get();
    List<Passage> passages = new ArrayList<>();
    analyse(r, TITLE, item.getTitle(), passages);
    analyse(r, BODY, item.getBody(), passages);
    Entities entities = new Entities(passages, r.lexicon());
    List<Finding> findings = new ArrayList<>();
    r.funding().find(passages, entities).ifPresent(findings::add);
    r.hiring().find(passages, entities).ifPresent(findings::add);
    r.expansion().find(passages).ifPresent(findings::add);
    Instant processedAt = clock.instant();
    List<Signal> signals = new ArrayList<>();
    for (Finding finding : findings) {
      entities.companyFor(finding.evidence())
          .ifPresent(company -> signals.add(toSignal(item, r, finding, company, entities, passages, processedAt)));
    }
    return signals;
  }

  /** The first {@link #DETECTION_SAMPLE_CHARS} of {@code text}, cut back to a space so no word is split. */
  static String detectionSample(String text) {
    if (text.length() <= DETECTION_SAMPLE_CHARS) {
      return text;
    }
    int space = text.lastIndexOf(' ', DETECTION_SAMPLE_CHARS);
    return text.substring(0, space > 0 ? space : DETECTION_SAMPLE_CHARS);
  }

  private void analyse(LanguageRules r, String field, String text, List<Passage> into) {
    PhraseIndex cues = r.cueIndex(gazetteer);
    for (Sentence sentence : r.splitter().split(field, text)) {
      // TimeBoundedExtractor interrupts an item that overran its budget: stop rather than finish.
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException("extraction interrupted");
      }
      String folded = TextFolding.fold(sentence.text());
      PhraseIndex.Matches found = cues.matchesIn(folded);
      List<PlaceMention> places = gazetteer.find(sentence.text(), found.of(gazetteer.matcher()));
      List<NameMention> names = r.names().find(sentence.text(), folded).stream()
          .filter(n -> places.stream().noneMatch(p -> p.start() < n.end() && n.start() < p.end()))
          .toList();
      into.add(new Passage(sentence, folded, names, places, r.money().parse(sentence.text(), folded), found));
    }
  }

  private static Signal toSignal(
      NewsItem item, LanguageRules r, Finding f, Entities.Company company, Entities entities,
      List<Passage> passages, Instant processedAt) {
    Lexicon lexicon = r.lexicon();
    Optional<String> aiCue = r.ai().cue(company.name(), f.evidence(), passages);
    boolean named = f.evidence().stream().anyMatch(p -> entities.mentions(p, company));
    List<Evidence> evidence = f.evidence().stream()
        .map(p -> new Evidence(p.sentence().field(), p.sentence().start(), p.sentence().end(), p.sentence().text()))
        .toList();
    return Signal.newBuilder()
        .setSignalId(signalId(item.getId(), f.type().name(), company.id()))
        .setItemId(item.getId())
        .setItemUrl(item.getUrl())
        .setType(f.type())
        .setCompany(company.name())
        .setCompanyId(company.id())
        .setAmount(f.amount())
        .setValuation(f.valuation())
        .setRound(f.round())
        .setInvestors(f.investors())
        .setLocations(f.locations())
        .setRoles(f.roles())
        .setPeople(f.people())
        .setHeadcount(f.headcount())
        .setLanguage(lexicon.language())
        .setConfidence(Confidence.of(f.evidence(), named, lexicon.matcher("hedges")))
        .setEvidence(evidence)
        .setPublishedAt(item.getPublishedAt())
        .setProcessedAt(processedAt)
        .setLeadInvestor(f.leadInvestor())
        .setAiRelated(aiCue.isPresent())
        .setAiCue(aiCue.orElse(null))
        .build();
  }

  /** Hex SHA-256 of {@code itemId|TYPE|companyId}: the same item always yields the same ids. */
  static String signalId(String itemId, String type, String companyId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((itemId + "|" + type + "|" + companyId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}

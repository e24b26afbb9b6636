package io.newssignals.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newssignals.avro.DeadLetter;
import io.newssignals.avro.Evidence;
import io.newssignals.avro.Location;
import io.newssignals.avro.Money;
import io.newssignals.avro.Signal;
import java.time.Instant;
import java.util.List;

/**
 * A {@link Signal} (or a {@link DeadLetter}) as one line of JSON, for {@code classify}, {@code demo
 * --output} and {@code tail --json}.
 *
 * <p>Field names are the Avro field names (camelCase). Money is {@code {"value": number,
 * "currency": "EUR", "text": "as written", "usdValue": number or null, "fxDate": "2025-02-28",
 * "fxSource": "..."}} or null; times are ISO-8601 instants or null; lists are
 * always present, possibly empty.
 */
public final class SignalJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SignalJson() {}

  /** @return the signal as a JSON object tree */
  public static ObjectNode toTree(Signal s) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("signalId", s.getSignalId());
    o.put("itemId", s.getItemId());
    o.put("itemUrl", s.getItemUrl());
    o.put("type", s.getType().name());
    o.put("company", s.getCompany());
    o.put("companyId", s.getCompanyId());
    o.set("amount", money(s.getAmount()));
    o.set("valuation", money(s.getValuation()));
    o.put("round", s.getRound());
    o.set("investors", strings(s.getInvestors()));
    ArrayNode locations = o.putArray("locations");
    for (Location l : s.getLocations()) {
      ObjectNode node = locations.addObject();
      node.put("text", l.getText());
      node.put("name", l.getName());
      node.put("kind", l.getKind());
      node.put("countryCode", l.getCountryCode());
    }
    o.set("roles", strings(s.getRoles()));
    o.set("people", strings(s.getPeople()));
    o.put("headcount", s.getHeadcount());
    o.put("language", s.getLanguage());
    o.put("confidence", s.getConfidence());
    ArrayNode evidence = o.putArray("evidence");
    for (Evidence e : s.getEvidence()) {
      ObjectNode node = evidence.addObject();
      node.put("field", e.getField());
      node.put("start", e.getStart());
      node.put("end", e.getEnd());
      node.put("text", e.getText());
    }
    o.put("publishedAt", instant(s.getPublishedAt()));
    o.put("processedAt", instant(s.getProcessedAt()));
    o.put("leadInvestor", s.getLeadInvestor());
    o.put("aiRelated", s.getAiRelated());
    o.put("aiCue", s.getAiCue());
    return o;
  }

  /** @return the signal as one line of JSON, without a line break */
  public static String toLine(Signal s) {
    return toTree(s).toString();
  }

  /**
   * A dead letter as one line of JSON: stage, reason, error class, origin, source coordinates and
   * the size of the original value in bytes (the bytes themselves stay in the record).
   */
  public static String toLine(DeadLetter d) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("stage", d.getStage().name());
    o.put("reason", d.getReason());
    o.put("errorClass", d.getErrorClass());
    o.put("origin", d.getOrigin());
    o.put("sourceTopic", d.getSourceTopic());
    o.put("sourcePartition", d.getSourcePartition());
    o.put("sourceOffset", d.getSourceOffset());
    o.put("valueBytes", d.getValue() == null ? null : d.getValue().remaining());
    o.put("failedAt", instant(d.getFailedAt()));
    return o.toString();
  }

  private static ObjectNode money(Money m) {
    if (m == null) {
      return null;
    }
    ObjectNode node = MAPPER.createObjectNode();
    node.put("value", m.getValue());
    node.put("currency", m.getCurrency());
    node.put("text", m.getText());
    node.put("usdValue", m.getUsdValue());
    node.put("fxDate", m.getFxDate());
    node.put("fxSource", m.getFxSource());
    return node;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = MAPPER.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  private static String instant(Instant t) {
    return t == null ? null : t.toString();
  }
}

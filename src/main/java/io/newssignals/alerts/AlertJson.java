package io.newssignals.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newssignals.avro.Alert;
import java.util.List;

/**
 * An {@link Alert} as JSON: the body the webhook posts, the records of the live page, and {@code
 * alerts --json}. Field names are the Avro field names; severity is its name; times are ISO-8601
 * instants; lists are always present.
 */
public final class AlertJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AlertJson() {}

  /** @return the alert as a JSON object tree */
  public static ObjectNode toTree(Alert a) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("alertId", a.getAlertId());
    o.put("rule", a.getRule());
    o.put("ruleType", a.getRuleType());
    o.put("severity", a.getSeverity().name());
    o.put("company", a.getCompany());
    o.put("companyId", a.getCompanyId());
    o.set("signalIds", strings(a.getSignalIds()));
    o.set("itemUrls", strings(a.getItemUrls()));
    o.put("summary", a.getSummary());
    o.put("windowStart", a.getWindowStart().toString());
    o.put("windowEnd", a.getWindowEnd().toString());
    o.put("createdAt", a.getCreatedAt().toString());
    return o;
  }

  /** @return the alert as one line of JSON, without a line break */
  public static String toLine(Alert a) {
    return toTree(a).toString();
  }

  /** @return the alerts as one JSON array, in the order given */
  public static String toArray(List<Alert> alerts) {
    ArrayNode array = MAPPER.createArrayNode();
    alerts.forEach(a -> array.add(toTree(a)));
    return array.toString();
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = MAPPER.createArrayNode();
    values.forEach(array::add);
    return array;
  }
}

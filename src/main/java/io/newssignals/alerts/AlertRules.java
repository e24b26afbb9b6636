package io.newssignals.alerts;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The alert rules the topology runs, read from a YAML file:
 *
 * <pre>
 * rules:
 *   - name: mega-round        # unique; lower-case letters, digits, '-'
 *     type: mega-round        # mega-round | momentum | new-market | hiring-surge
 *     severity: CRITICAL      # INFO | WARNING | CRITICAL
 *     minUsd: 100000000       # type-specific parameters, see AlertRule
 *     window: P30D            # ISO-8601 durations
 *     grace: P2D
 * </pre>
 *
 * Omitted fields take the defaults of their {@link AlertRule} type; unknown fields are errors.
 *
 * @param rules the rules, in file order
 */
public record AlertRules(List<AlertRule> rules) {

  /** One rule of each type, all with their defaults: what runs when no file is given. */
  public static final AlertRules DEFAULTS = new AlertRules(List.of(
      new AlertRule.MegaRound(null, null, null, null, null),
      new AlertRule.Momentum(null, null, null, null, null),
      new AlertRule.NewMarket(null, null),
      new AlertRule.HiringSurge(null, null, null, null, null)));

  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .addModule(new SimpleModule().addDeserializer(Duration.class, new IsoDuration()))
      .build();

  /** @throws IllegalArgumentException if two rules share a name */
  public AlertRules {
    rules = List.copyOf(rules);
    Set<String> names = new HashSet<>();
    for (AlertRule rule : rules) {
      if (!names.add(rule.name())) {
        throw new IllegalArgumentException("two alert rules are named " + rule.name());
      }
    }
  }

  /**
   * Reads a rules file.
   *
   * @throws IllegalArgumentException naming the file and the problem, if it cannot be read or
   *     holds an invalid rule
   */
  public static AlertRules load(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return YAML.readValue(in, File.class).toRules();
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "Bad alert rules in " + file + ": " + e.getOriginalMessage() + " at "
              + e.getLocation().offsetDescription(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read alert rules " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Bad alert rules in " + file + ": " + e.getMessage(), e);
    }
  }

  /** @return the windowed rules, in order */
  public List<AlertRule.Windowed> windowed() {
    return rules.stream()
        .filter(AlertRule.Windowed.class::isInstance).map(AlertRule.Windowed.class::cast).toList();
  }

  /** @return the new-market rules, in order */
  public List<AlertRule.NewMarket> newMarket() {
    return rules.stream()
        .filter(AlertRule.NewMarket.class::isInstance).map(AlertRule.NewMarket.class::cast).toList();
  }

  /** The file's top level. */
  private record File(List<AlertRule> rules) {
    AlertRules toRules() {
      if (rules == null) {
        throw new IllegalArgumentException("no 'rules:' list");
      }
      return new AlertRules(rules);
    }
  }

  /** ISO-8601 durations such as {@code P14D} or {@code PT36H}. */
  private static final class IsoDuration extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      String text = p.getValueAsString();
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException | NullPointerException e) {
        return (Duration) ctx.handleWeirdStringValue(
            Duration.class, text, "not an ISO-8601 duration such as P14D or PT36H");
      }
    }
  }
}

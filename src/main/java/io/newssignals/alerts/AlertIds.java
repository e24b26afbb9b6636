package io.newssignals.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable alert ids, so the same alert always carries the same id (receivers can dedupe on it). */
public final class AlertIds {

  private AlertIds() {}

  /**
   * @param rule the rule's name
   * @param companyId normalised company id
   * @param dedupKey what makes the alert unique within rule and company: the window start in epoch
   *     ms for windowed rules, the country code for new-market
   * @return lower-case hex SHA-256 of {@code rule|companyId|dedupKey} in UTF-8
   */
  public static String of(String rule, String companyId, String dedupKey) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest((rule + "|" + companyId + "|" + dedupKey).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}

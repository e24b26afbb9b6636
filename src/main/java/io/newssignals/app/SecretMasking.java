package io.newssignals.app;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Prints a configuration with its secrets hidden, for logs.
 *
 * <p>A value is hidden when its key names a secret: {@code password} ({@code ssl.truststore.password},
 * {@code ssl.key.password}...), {@code jaas.config} ({@code sasl.jaas.config}, which holds the SASL
 * credentials), {@code user.info} (the registry's {@code basic.auth.user.info}, {@code
 * user:password}), {@code secret}, {@code token}, {@code credentials} and the PEM {@code
 * ssl.keystore.key}. Kafka's own config classes mask their {@code PASSWORD}-typed settings the
 * same way, as {@value #HIDDEN}.
 */
public final class SecretMasking {

  /** What a hidden value is shown as; Kafka's {@code Password.toString()} says the same. */
  public static final String HIDDEN = "[hidden]";

  private static final Pattern SECRET_KEY =
      Pattern.compile("password|jaas\\.config|user\\.info|secret|token|credentials|keystore\\.key", Pattern.CASE_INSENSITIVE);

  private SecretMasking() {}

  /** @return whether the value of {@code key} is a secret */
  public static boolean isSecret(String key) {
    return SECRET_KEY.matcher(key).find();
  }

  /**
   * @param config settings; keys are shown with {@code toString()}
   * @return the settings sorted by key, with {@link #HIDDEN} for every secret value
   */
  public static Map<String, String> masked(Map<?, ?> config) {
    Map<String, String> shown = new TreeMap<>();
    config.forEach((key, value) -> {
      String name = String.valueOf(key);
      shown.put(name, isSecret(name) ? HIDDEN : String.valueOf(value));
    });
    return shown;
  }
}

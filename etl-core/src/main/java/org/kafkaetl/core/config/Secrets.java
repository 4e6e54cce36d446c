package org.kafkaetl.core.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides what must not be shown. Kafka's pass-through keys are free-form, so secrecy is judged
 * from the key's name (sasl.jaas.config, ssl.keystore.password, ...), and a JDBC URL may carry a
 * password parameter.
 */
public final class Secrets {
  private static final Pattern SECRET_KEY = Pattern.compile(".*(password|jaas|secret|token).*");
  private static final Pattern SECRET_PARAM = Pattern.compile("(?i)(password|secret|token)=[^&;]*");

  private Secrets() {}

  public static boolean isSecretKey(String key) {
    return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
  }

  /** The value as it may appear in logs and messages. */
  public static String display(String key, String value) {
    if (isSecretKey(key)) {
      return Password.HIDDEN;
    }
    return SECRET_PARAM.matcher(value).replaceAll(m -> m.group(1) + "=" + Password.HIDDEN);
  }

  /** A copy fit for printing, in the same order. */
  public static Map<String, String> masked(Map<String, String> properties) {
    Map<String, String> out = new LinkedHashMap<>();
    properties.forEach((k, v) -> out.put(k, display(k, v)));
    return out;
  }
}

package org.kafkaetl.core.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides what must not be shown. Kafka's pass-through keys are free-form, so secrecy is judged
 * from the key's name (sasl.jaas.config, ssl.keystore.password, ssl.keystore.key, ...), and a URL
 * may carry a password, as a parameter or in its user info ({@code jdbc:mysql://user:pass@host/db}).
 */
public final class Secrets {
  /**
   * Names of secrets: passwords, JAAS texts, tokens and client secrets, credentials, PEM private keys
   * and certificates given inline (ssl.keystore.key, ssl.keystore.certificate.chain,
   * ssl.truststore.certificates, *.passphrase) and Schema Registry's "user:password"
   * (basic.auth.user.info).
   * Settings that only name where a secret is (ssl.keystore.location) or how it is read
   * (basic.auth.credentials.source) stay visible: they are what an operator checks first.
   */
  private static final Pattern SECRET_KEY = Pattern.compile(
      ".*(password|passphrase|jaas|secret|token|user\\.info|certificate).*|(.*\\.)?ssl\\.keystore\\.key");
  /** password=..., secret=..., token=... up to the next parameter (or to the end: rather too much than a part). */
  private static final Pattern SECRET_PARAM = Pattern.compile("(?i)(password|secret|token)=[^&;]*");
  /** {@code scheme://user:password@}: everything between the user's ':' and the '@' is the password. */
  private static final Pattern USER_INFO = Pattern.compile("(://[^:/@\\s]*):[^@\\s]*@");
  /** Oracle's {@code jdbc:oracle:thin:user/password@host}. */
  private static final Pattern SLASH_USER_INFO = Pattern.compile("(?i)(jdbc:oracle:[a-z]+:[^/@:\\s]+)/[^@\\s]*@");

  private Secrets() {}

  public static boolean isSecretKey(String key) {
    return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
  }

  /** The value as it may appear in logs and messages. */
  public static String display(String key, String value) {
    if (isSecretKey(key)) {
      return Password.HIDDEN;
    }
    String shown = SECRET_PARAM.matcher(value).replaceAll(m -> m.group(1) + "=" + Password.HIDDEN);
    shown = USER_INFO.matcher(shown).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1))
        + ":" + Password.HIDDEN + "@");
    return SLASH_USER_INFO.matcher(shown).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1))
        + "/" + Password.HIDDEN + "@");
  }

  /** A copy fit for printing, in the same order. */
  public static Map<String, String> masked(Map<String, String> properties) {
    Map<String, String> out = new LinkedHashMap<>();
    properties.forEach((k, v) -> out.put(k, display(k, v)));
    return out;
  }
}

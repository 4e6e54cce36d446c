package org.kafkaetl.core.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** A rule a parsed value must obey; returns why it does not, in words an operator understands. */
@FunctionalInterface
public interface Validator<T> {

  /** Empty if the value is acceptable, else the reason, e.g. "must be positive". */
  Optional<String> check(T value);

  static <T> Validator<T> any() {
    return value -> Optional.empty();
  }

  static Validator<Number> between(long min, long max) {
    return v -> v.longValue() >= min && v.longValue() <= max
        ? Optional.empty()
        : Optional.of("must be between " + min + " and " + max);
  }

  static Validator<Number> atLeast(long min) {
    return v -> v.longValue() >= min ? Optional.empty() : Optional.of("must be at least " + min);
  }

  /** Also rejects NaN and infinity, which parse as doubles but mean nothing as a weight. */
  static Validator<Number> positive() {
    return v -> v.doubleValue() > 0 && Double.isFinite(v.doubleValue())
        ? Optional.empty()
        : Optional.of("must be a positive number");
  }

  static Validator<Duration> positiveDuration() {
    return d -> d.isNegative() || d.isZero() ? Optional.of("must be longer than zero") : Optional.empty();
  }

  static Validator<Duration> durationAtMost(Duration longest) {
    return d -> d.isNegative() || d.isZero() || d.compareTo(longest) > 0
        ? Optional.of("must be longer than zero and at most " + longest.toDays() + " days")
        : Optional.empty();
  }

  static Validator<String> startsWithAny(String... prefixes) {
    return s -> Arrays.stream(prefixes).anyMatch(s::startsWith)
        ? Optional.empty()
        : Optional.of("must start with " + String.join(" or ", prefixes));
  }

  /** An Avro name: a letter or underscore, then letters, digits and underscores. */
  static Validator<String> avroName() {
    return s -> s.matches("[A-Za-z_][A-Za-z0-9_]*") ? Optional.empty()
        : Optional.of("must be an Avro field name (a letter or _, then letters, digits or _)");
  }

  static Validator<String> notBlank() {
    return s -> s.isBlank() ? Optional.of("must not be blank") : Optional.empty();
  }

  /** http(s)://[user:password@]host:port and nothing after it: the Pushgateway client takes no path. */
  static Validator<String> pushgatewayUrl() {
    return s -> {
      try {
        java.net.URI uri = new java.net.URI(s);
        boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
            && uri.getRawQuery() == null && uri.getRawFragment() == null;
        return http && uri.getHost() != null && bare ? Optional.empty()
            : Optional.of("must be http(s)://host:port (optionally user:password@ before the host), without a path");
      } catch (java.net.URISyntaxException e) {
        return Optional.of("is not a URL: " + e.getReason());
      }
    };
  }

  /** A Java regular expression (java.util.regex), which is how it is matched. */
  static Validator<String> regex() {
    return s -> {
      try {
        java.util.regex.Pattern.compile(s);
        return Optional.empty();
      } catch (java.util.regex.PatternSyntaxException e) {
        return Optional.of("is not a regular expression: " + e.getDescription() + " near index " + e.getIndex());
      }
    };
  }
}

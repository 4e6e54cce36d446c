package org.kafkaetl.core.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a key's text becomes a value and back. Parsers throw {@link IllegalArgumentException} whose
 * message says what was expected; the caller adds the key and (unless secret) the offending text.
 */
public final class ConfigType<T> {
  public static final ConfigType<String> STRING = new ConfigType<>("string", String::trim, s -> s);
  /** Not trimmed: spaces may be part of a password. */
  public static final ConfigType<Password> PASSWORD = new ConfigType<>("password", Password::new, Password::value);
  public static final ConfigType<Integer> INT = new ConfigType<>("int", ConfigType::parseInt, String::valueOf);
  public static final ConfigType<Long> LONG = new ConfigType<>("long", ConfigType::parseLong, String::valueOf);
  public static final ConfigType<Double> DOUBLE = new ConfigType<>("double", ConfigType::parseDouble, String::valueOf);
  public static final ConfigType<List<String>> LIST =
      new ConfigType<>("list", ConfigType::parseList, l -> String.join(",", l));
  public static final ConfigType<Duration> DURATION = new ConfigType<>("duration", Durations::parse, Duration::toString);
  public static final ConfigType<ZoneId> ZONE = new ConfigType<>("time zone", ConfigType::parseZone, ZoneId::getId);
  /** A whole number of messages, or auto. */
  public static final ConfigType<SplitThreshold> SPLIT_THRESHOLD =
      new ConfigType<>("whole number or auto", SplitThreshold::parse, SplitThreshold::format);
  public static final ConfigType<Boolean> BOOLEAN = new ConfigType<>("boolean", ConfigType::parseBoolean, String::valueOf);
  /** A calendar date, yyyy-MM-dd. */
  public static final ConfigType<java.time.LocalDate> DATE =
      new ConfigType<>("date (yyyy-MM-dd)", ConfigType::parseDate, java.time.LocalDate::toString);

  private final String name;
  private final Function<String, T> parser;
  private final Function<T, String> formatter;

  private ConfigType(String name, Function<String, T> parser, Function<T, String> formatter) {
    this.name = name;
    this.parser = parser;
    this.formatter = formatter;
  }

  /** Case-insensitive enum constant, written in lower case. */
  public static <E extends Enum<E>> ConfigType<E> enumOf(Class<E> type) {
    String choices = Arrays.stream(type.getEnumConstants()).map(ConfigType::lower).collect(Collectors.joining(", "));
    return new ConfigType<>("one of " + choices, text -> parseEnum(type, text, choices), ConfigType::lower);
  }

  private static Boolean parseBoolean(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.equals("true") || t.equals("false")) {
      return Boolean.valueOf(t);
    }
    throw new IllegalArgumentException("must be true or false (got '" + text + "')");
  }

  public String name() {
    return name;
  }

  public T parse(String text) {
    return parser.apply(text);
  }

  /** Text that {@link #parse} turns back into an equal value. */
  public String format(T value) {
    return formatter.apply(value);
  }

  @Override
  public String toString() {
    return name;
  }

  private static int parseInt(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be an integer", e);
    }
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number", e);
    }
  }

  private static double parseDouble(String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a number", e);
    }
  }

  private static List<String> parseList(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static java.time.LocalDate parseDate(String text) {
    try {
      return java.time.LocalDate.parse(text.trim());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("must be a date yyyy-MM-dd", e);
    }
  }

  private static ZoneId parseZone(String text) {
    try {
      return ZoneId.of(text.trim());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("must be a time zone id such as UTC or Europe/Berlin", e);
    }
  }

  /** Constants with '_' are written with '-' (kafka-time); either is accepted. */
  private static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String choices) {
    String wanted = text.trim().replace('-', '_');
    return Arrays.stream(type.getEnumConstants())
        .filter(c -> c.name().equalsIgnoreCase(wanted))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("must be one of " + choices));
  }

  private static String lower(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

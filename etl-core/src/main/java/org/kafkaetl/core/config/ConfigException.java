package org.kafkaetl.core.config;

import java.util.List;
import org.kafkaetl.core.EtlException;

/**
 * The configuration is unusable. Carries every problem found, each naming its key, so one run of
 * the tool shows everything to fix. Messages never contain secret values.
 */
public final class ConfigException extends EtlException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    this(null, problems, null);
  }

  private ConfigException(String source, List<String> problems, Throwable cause) {
    super(message(source, problems), cause);
    this.problems = List.copyOf(problems);
  }

  /** A single problem with the configuration source itself, e.g. an unreadable file. */
  public static ConfigException ofSource(String source, String problem, Throwable cause) {
    return new ConfigException(source, List.of(problem), cause);
  }

  /** The same problems, with the message naming where the configuration came from. */
  public ConfigException in(String source) {
    return new ConfigException(source, problems, this);
  }

  /** One entry per problem, each of the form {@code key: why}. */
  public List<String> problems() {
    return problems;
  }

  private static String message(String source, List<String> problems) {
    StringBuilder sb = new StringBuilder("Invalid configuration");
    if (source != null) {
      sb.append(" in ").append(source);
    }
    sb.append(" (").append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
    problems.forEach(p -> sb.append(System.lineSeparator()).append("  - ").append(p));
    return sb.toString();
  }
}

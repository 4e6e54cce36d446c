package org.kafkaetl.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.TopicNames;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Parses the option values several commands share; a bad one is a usage error naming the option. */
final class Arguments {
  private Arguments() {}

  static LocalDate date(CommandSpec spec, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), "--date: expected yyyy-MM-dd, e.g. 2026-11-21; got '" + text + "'");
    }
  }

  static HourPartition hour(CommandSpec spec, String text) {
    try {
      return HourPartition.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--hour: " + e.getMessage());
    }
  }

  /**
   * Collects the problems of several arguments, so that a command given several bad ones names each
   * of them at once instead of one per attempt.
   */
  static final class Problems {
    private final CommandSpec spec;
    private final List<String> found = new ArrayList<>();

    Problems(CommandSpec spec) {
      this.spec = spec;
    }

    /** The parsed value, or null after recording why it cannot be parsed. */
    <T> T check(Supplier<T> parse) {
      try {
        return parse.get();
      } catch (ParameterException e) {
        found.add(e.getMessage());
        return null;
      }
    }

    /** @throws ParameterException naming every problem recorded, one per line */
    void throwIfAny() {
      if (!found.isEmpty()) {
        throw new ParameterException(spec.commandLine(), String.join("\n", found));
      }
    }
  }

  static String topic(CommandSpec spec, String text) {
    if (!TopicNames.isValid(text)) {
      throw new ParameterException(spec.commandLine(), "invalid --topic '" + text + "'");
    }
    return text;
  }
}

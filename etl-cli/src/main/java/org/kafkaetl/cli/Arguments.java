package org.kafkaetl.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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

  static String topic(CommandSpec spec, String text) {
    if (!TopicNames.isValid(text)) {
      throw new ParameterException(spec.commandLine(), "invalid --topic '" + text + "'");
    }
    return text;
  }
}

package org.kafkaetl.cli;

import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one clear line on stderr and an exit code. Expected failures (bad config,
 * unreachable Kafka or database) get no stack trace: the message says what to fix.
 */
final class Errors {
  private Errors() {}

  static int exitCode(Throwable t) {
    if (t instanceof ConfigException || t instanceof IllegalArgumentException
        || t instanceof CommandLine.ParameterException) {
      return ExitCode.BAD_ARGUMENTS.code();
    }
    return ExitCode.FAILED.code();
  }

  static int handle(Exception e, CommandLine cli, ParseResult parsed) {
    if (e instanceof ConfigException ce) {
      cli.getErr().println("kafka-etl: " + ce.getMessage());
    } else if (e instanceof CommandLine.ParameterException pe) {
      cli.getErr().println("kafka-etl: " + pe.getMessage());
      cli.getErr().println("Try '" + pe.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
    } else if (e instanceof EtlException || e instanceof IllegalArgumentException) {
      cli.getErr().println("kafka-etl: " + e.getMessage());
    } else {
      cli.getErr().println("kafka-etl: unexpected failure: " + e);
      e.printStackTrace(cli.getErr());
    }
    cli.getErr().flush();
    return exitCode(e);
  }
}

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
    if (t instanceof RunSoFar.FailedAfterRun after) {
      return exitCode(after.failure());
    }
    if (t instanceof ConfigException || t instanceof IllegalArgumentException
        || t instanceof CommandLine.ParameterException) {
      return ExitCode.BAD_ARGUMENTS.code();
    }
    return ExitCode.FAILED.code();
  }

  static int handle(Exception thrown, CommandLine cli, ParseResult parsed) {
    com.fasterxml.jackson.databind.node.ObjectNode run = null;
    Exception e = thrown;
    if (thrown instanceof RunSoFar.FailedAfterRun after) {
      run = after.run();
      e = after.failure();
    }
    String message;
    if (e instanceof ConfigException ce) {
      message = ce.getMessage();
      cli.getErr().println("kafka-etl: " + message);
    } else if (e instanceof CommandLine.ParameterException pe) {
      message = pe.getMessage();
      cli.getErr().println("kafka-etl: " + message);
      cli.getErr().println("Try '" + pe.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
    } else if (e instanceof EtlException || e instanceof IllegalArgumentException) {
      message = e.getMessage();
      cli.getErr().println("kafka-etl: " + message);
    } else {
      message = "unexpected failure: " + e;
      cli.getErr().println("kafka-etl: " + message);
      e.printStackTrace(cli.getErr());
    }
    cli.getErr().flush();
    int code = exitCode(e);
    if (jsonAsked(parsed)) {
      cli.getOut().print(ErrorJson.render(cli.getCommandSpec().name(), code, message, run));
      cli.getOut().flush();
    }
    return code;
  }

  /**
   * Arguments picocli cannot parse (an unknown option, a missing --topic): its usual message on
   * stderr, and with --json among the arguments the error document on stdout.
   */
  static int handleParseError(CommandLine.IParameterExceptionHandler standard, CommandLine.ParameterException e,
      String[] args) throws Exception {
    int code = standard.handleParseException(e, args);
    if (java.util.Arrays.asList(args).contains("--json")) {
      printJson(e.getCommandLine(), code, e.getMessage());
    }
    return code;
  }

  private static boolean jsonAsked(ParseResult parsed) {
    ParseResult last = parsed;
    while (last != null && last.hasSubcommand()) {
      last = last.subcommand();
    }
    return last != null && last.hasMatchedOption("--json");
  }

  private static void printJson(CommandLine cli, int code, String message) {
    cli.getOut().print(ErrorJson.render(cli.getCommandSpec().name(), code, message));
    cli.getOut().flush();
  }
}

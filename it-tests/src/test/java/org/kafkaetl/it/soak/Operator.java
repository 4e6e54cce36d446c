package org.kafkaetl.it.soak;

import java.util.List;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.SmsGateway;

/**
 * The on-call engineer of the soak: reads the SMS that arrived since last time and runs exactly the
 * command each one prints, nothing else: a kafka-etl command through the real CLI, or {@code yarn
 * application -kill application_…} through a YARN client (a job the driver could not stop). A command that exits 4 (another run holds the lock) is run
 * again a little later, as the runbook says. Commands may page again (a rerun still incomplete):
 * those pages are read in the next round.
 */
final class Operator {
  private static final String YARN_KILL = "yarn application -kill ";
  /** What one round of paging cost: the SMS read and the commands run for them. */
  record Handled(int sms, int commands) {}

  private static final int ROUNDS = 4;
  private static final int LOCKED = 4;
  private static final int LOCKED_RETRIES = 30;

  private final SmsGateway gateway;
  private int read;

  Operator(SmsGateway gateway) {
    this.gateway = gateway;
  }

  /** Handles every page since the last call. */
  Handled handlePages(SimulatedHour hour) throws InterruptedException {
    int before = read;
    int commands = 0;
    for (int round = 0; round < ROUNDS; round++) {
      List<String> texts = gateway.texts();
      List<String> unread = texts.subList(read, texts.size());
      read = texts.size();
      if (unread.isEmpty()) {
        break;
      }
      for (String text : unread) {
        hour.log.line("SMS: " + text);
        for (String command : SmsGateway.commands(text)) {
          commands++;
          if (command.startsWith(YARN_KILL)) {
            String application = command.substring(YARN_KILL.length()).strip();
            hour.log.line("operator ran `" + command + "`: " + YarnKill.kill(hour, application));
          } else {
            hour.log.line("operator ran `" + command + "`: exit " + runUntilNotLocked(hour, command));
          }
        }
      }
    }
    return new Handled(read - before, commands);
  }

  private int runUntilNotLocked(SimulatedHour hour, String command) throws InterruptedException {
    int exit = LOCKED;
    for (int attempt = 0; attempt < LOCKED_RETRIES && exit == LOCKED; attempt++) {
      if (attempt > 0) {
        Thread.sleep(2000);
      }
      exit = run(hour, command.split(" "));
    }
    return exit;
  }

  /** {@code run} is the hourly run at the simulated hour (cron's clock); everything else is the real CLI. */
  private static int run(SimulatedHour hour, String[] args) {
    if (args[0].equals("run")) {
      return hour.runAndMerge().exitCode();
    }
    EtlCli.Result result = hour.runner.cli().run(args);
    if (result.exitCode() != 0) {
      hour.log.line(result.toString().replace('\n', ' '));
    }
    return result.exitCode();
  }
}

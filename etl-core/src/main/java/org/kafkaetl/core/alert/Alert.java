package org.kafkaetl.core.alert;

import java.util.List;

/**
 * One incident: what broke and the single command that fixes it.
 *
 * @param key groups repeats of the same incident (e.g. "incomplete:topic:hour")
 * @param fixCommands commands an operator runs, in order; empty if nothing is to be done
 */
public record Alert(Severity severity, String key, String summary, String details, List<String> fixCommands) {
  public Alert {
    fixCommands = List.copyOf(fixCommands);
  }
}

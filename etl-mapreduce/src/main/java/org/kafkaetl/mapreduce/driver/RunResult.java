package org.kafkaetl.mapreduce.driver;

import java.util.List;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.offsets.RangeOutcome;

/** The result of one hourly run, as the CLI reports it and cron sees it. */
public record RunResult(ExitCode exitCode, long runId, HourPartition hour, List<RangeOutcome> outcomes, String message) {
  public RunResult {
    outcomes = List.copyOf(outcomes);
  }

  static RunResult nothingToDo(HourPartition hour) {
    return new RunResult(ExitCode.OK, 0, hour, List.of(), "nothing new in Kafka; no run recorded");
  }
}

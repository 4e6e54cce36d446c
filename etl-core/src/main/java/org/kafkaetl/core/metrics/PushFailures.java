package org.kafkaetl.core.metrics;

import java.time.Instant;

/**
 * Pushes of a command's metrics that failed, counted where the next command finds them: the process
 * whose push failed cannot tell the Pushgateway, so the next push carries the count.
 */
public interface PushFailures {
  /** Counts one failed push of {@code command}'s metrics under {@code job}. */
  void add(String job, String command, Instant at);

  /** Failed pushes of {@code command} under {@code job} so far; 0 if none ever failed. */
  long total(String job, String command);
}

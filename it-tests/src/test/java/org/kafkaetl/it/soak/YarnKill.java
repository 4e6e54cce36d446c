package org.kafkaetl.it.soak;

import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.client.api.YarnClient;

/** {@code yarn application -kill}, as the operator types it, through a YARN client of the cluster. */
final class YarnKill {
  private YarnKill() {}

  /** Kills the application; returns what happened, for the soak's log. */
  static String kill(SimulatedHour hour, String applicationId) {
    try (YarnClient yarn = YarnClient.createYarnClient()) {
      yarn.init(hour.env.hadoop().configuration());
      yarn.start();
      yarn.killApplication(ApplicationId.fromString(applicationId));
      return "killed";
    } catch (Exception e) {
      return "failed: " + e.getMessage();
    }
  }
}

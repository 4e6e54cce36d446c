package org.kafkaetl.it.soak;

import org.apache.hadoop.mapreduce.Job;
import org.kafkaetl.it.support.LockHolder;

/**
 * The driver's lock connection is lost while its job reads (a network blip, a MySQL failover, a DBA
 * killing the session): MySQL releases the hourly lock. The driver must notice before it records or
 * settles anything, and no second run may have landed the same ranges.
 */
final class LockConnectionKiller implements StrikesWhileReading {
  @Override
  public FaultClass faultClass() {
    return FaultClass.LOCK_CONNECTION_LOST;
  }

  @Override
  public void strike(SimulatedHour hour, Job job) throws Exception {
    hour.log.line("killing the MySQL connection that holds the hourly lock");
    LockHolder.killConnection(hour.scenario, hour.env.mariaDb());
  }
}

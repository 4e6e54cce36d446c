package org.kafkaetl.it.soak;

import org.apache.hadoop.mapreduce.Job;

/** Stops MariaDB while the job reads and starts it again (same data directory and port). */
final class MySqlRestarter implements StrikesWhileReading {
  @Override
  public FaultClass faultClass() {
    return FaultClass.MYSQL_RESTARTED;
  }

  @Override
  public void strike(SimulatedHour hour, Job job) throws Exception {
    hour.log.line("stopping MariaDB");
    hour.env.mariaDb().stop();
    try {
      Thread.sleep(1000);
    } finally {
      hour.env.mariaDb().start();
      hour.log.line("MariaDB started again");
    }
  }
}

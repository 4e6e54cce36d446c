package org.kafkaetl.it.soak;

/** Stops MariaDB while the job reads and starts it again (same data directory and port). */
final class MySqlRestarter implements FaultInjector {
  @Override
  public FaultClass faultClass() {
    return FaultClass.MYSQL_RESTARTED;
  }

  @Override
  public void inject(SimulatedHour hour) {
    hour.mergeAfter(hour.runWhileReading(hour.scenario.offsetStore(), job -> {
      hour.log.line("stopping MariaDB");
      hour.env.mariaDb().stop();
      try {
        Thread.sleep(1000);
      } finally {
        hour.env.mariaDb().start();
        hour.log.line("MariaDB started again");
      }
    }));
  }
}

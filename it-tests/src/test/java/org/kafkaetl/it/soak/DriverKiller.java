package org.kafkaetl.it.soak;

/**
 * The driver JVM dies after its job committed and before it recorded coverage: nothing after that
 * point happens (no coverage, no alert, no merge). The next hourly run must settle the ranges.
 */
final class DriverKiller implements FaultInjector {
  @Override
  public FaultClass faultClass() {
    return FaultClass.DRIVER_KILLED;
  }

  @Override
  public void inject(SimulatedHour hour) {
    DriverDiesBeforeCoverage store = new DriverDiesBeforeCoverage(hour.scenario.offsetStore());
    SoakRunner.Outcome outcome = hour.runner.run(hour.now, store, offsets -> offsets);
    if (store.died()) {
      hour.markInjected();
    }
    hour.log.line("driver killed before coverage: " + outcome);
  }
}

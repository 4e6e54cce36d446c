package org.kafkaetl.cli;

/**
 * What became of one command's metrics: no Pushgateway configured, pushed, or not pushed. A push
 * that failed is a WARN in the log and counted here, for the command's {@code --json} document
 * ({@code metricsPush}); it never changes the exit code.
 *
 * @param configured whether etl.metrics.pushgateway.url is set
 * @param failures pushes of this command that failed (0 or 1: a command pushes once)
 */
record MetricsPush(boolean configured, int failures) {
  static final MetricsPush NOT_CONFIGURED = new MetricsPush(false, 0);
  static final MetricsPush PUSHED = new MetricsPush(true, 0);
  static final MetricsPush FAILED = new MetricsPush(true, 1);

  boolean pushed() {
    return configured && failures == 0;
  }

  void into(com.fasterxml.jackson.databind.node.ObjectNode document) {
    document.putObject("metricsPush").put("configured", configured).put("pushed", pushed()).put("failures", failures);
  }
}

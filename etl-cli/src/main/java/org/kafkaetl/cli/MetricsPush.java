package org.kafkaetl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalLong;

/**
 * What became of one command's metrics: no Pushgateway configured, pushed, or not pushed. A push
 * that failed is a WARN in the log, counted in the database (etl_metrics_push_failures, sent as
 * {@code kafka_etl_metrics_push_failures} with the next push that succeeds) and here, for the
 * command's {@code --json} document ({@code metricsPush}); it never changes the exit code.
 *
 * @param configured whether etl.metrics.pushgateway.url is set
 * @param failures pushes of this command that failed (0 or 1: a command pushes once)
 * @param failuresCounted failed pushes of this command's kind counted in the database so far, this one
 *     included; empty when not configured or the count could not be read or kept
 */
record MetricsPush(boolean configured, int failures, OptionalLong failuresCounted) {
  static final MetricsPush NOT_CONFIGURED = new MetricsPush(false, 0, OptionalLong.empty());

  static MetricsPush pushed(OptionalLong counted) {
    return new MetricsPush(true, 0, counted);
  }

  static MetricsPush failed(OptionalLong counted) {
    return new MetricsPush(true, 1, counted);
  }

  boolean pushed() {
    return configured && failures == 0;
  }

  void into(ObjectNode document) {
    ObjectNode push = document.putObject("metricsPush").put("configured", configured).put("pushed", pushed())
        .put("failures", failures);
    failuresCounted.ifPresentOrElse(n -> push.put("failuresCounted", n), () -> push.putNull("failuresCounted"));
  }
}

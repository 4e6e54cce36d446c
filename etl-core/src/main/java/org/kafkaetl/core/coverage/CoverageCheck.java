package org.kafkaetl.core.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;

/**
 * Compares what was planned with what committed tasks report. A range is COMPLETE only when its
 * report exists, the files it names are in the hour directory with the lengths it gives, it reached
 * the planned end, and it stayed within the topic's decode-error budget.
 */
public final class CoverageCheck {
  private final ToLongFunction<String> decodeErrorBudget;

  /** @param decodeErrorBudget per topic, the most undecodable messages a complete range may have */
  public CoverageCheck(ToLongFunction<String> decodeErrorBudget) {
    this.decodeErrorBudget = decodeErrorBudget;
  }

  /** The check with each configured topic's decode-error budget. */
  public static CoverageCheck of(org.kafkaetl.core.config.EtlConfig config) {
    return new CoverageCheck(topic -> config.topic(topic)
        .map(org.kafkaetl.core.config.TopicConfig::maxDecodeErrors).orElse(0L));
  }

  /** Checks each report against the files committed beside it. */
  public List<RangeOutcome> check(List<KafkaEvent> planned, CommittedReports committed) {
    List<RangeOutcome> outcomes = new ArrayList<>(planned.size());
    for (KafkaEvent event : planned) {
      RangeReport report = committed.reports().get(event);
      List<String> mismatches = report == null ? List.of() : FileMismatches.of(report, committed.fileLengths());
      outcomes.add(mismatches.isEmpty() ? outcome(event, report) : new RangeOutcome(event, RangeState.INCOMPLETE,
          event.range().begin(), 0, 0, "its files are not the ones its report describes: "
              + String.join("; ", mismatches) + " (a task commit cut short, or a file left by an earlier read)"));
    }
    return outcomes;
  }

  /** For reports whose files were already checked (or that name none). */
  public List<RangeOutcome> check(List<KafkaEvent> planned, Map<KafkaEvent, RangeReport> reports) {
    List<RangeOutcome> outcomes = new ArrayList<>(planned.size());
    for (KafkaEvent event : planned) {
      outcomes.add(outcome(event, reports.get(event)));
    }
    return outcomes;
  }

  private RangeOutcome outcome(KafkaEvent event, RangeReport report) {
    if (report == null) {
      return new RangeOutcome(event, RangeState.INCOMPLETE, event.range().begin(), 0, 0,
          "no committed output for this range (task failed or was killed)");
    }
    if (!report.readToEnd()) {
      return incomplete(report, "stopped at offset " + report.reached() + " of [" + event.range() + "): "
          + report.stopReason());
    }
    long budget = decodeErrorBudget.applyAsLong(event.topic());
    if (report.decodeErrors() > budget) {
      return incomplete(report, report.decodeErrors() + " undecodable messages, over the topic's budget of "
          + budget + "; see the _errors file");
    }
    if (!report.lost().isEmpty()) {
      return new RangeOutcome(event, RangeState.LOST, report.reached(), report.records(), report.decodeErrors(),
          "Kafka deleted " + report.lostMessages() + " messages " + report.lost() + " before they were read;"
              + " the rest landed", report.lost());
    }
    return new RangeOutcome(event, RangeState.COMPLETE, report.reached(), report.records(), report.decodeErrors(), "");
  }

  private static RangeOutcome incomplete(RangeReport report, String detail) {
    return new RangeOutcome(report.event(), RangeState.INCOMPLETE, report.reached(), report.records(),
        report.decodeErrors(), detail);
  }
}

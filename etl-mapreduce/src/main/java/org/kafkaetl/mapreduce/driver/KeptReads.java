package org.kafkaetl.mapreduce.driver;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.offsets.RangeOutcome;

/** How a range read again whose earlier read still stands is described to the operator. */
final class KeptReads {
  private KeptReads() {}

  /** Each outcome of a range that kept its earlier read says so, and why, before what that read achieved. */
  static List<RangeOutcome> explain(List<RangeOutcome> outcomes, Map<KafkaEvent, String> kept) {
    return outcomes.stream().map(o -> kept.containsKey(o.event())
        ? new RangeOutcome(o.event(), o.state(), o.reached(), o.records(), o.decodeErrors(), "read again, but "
            + kept.get(o.event()) + "; the earlier read (to offset " + o.reached() + ") stands"
            + (o.detail().isEmpty() ? "" : ": " + o.detail()), o.lost())
        : o).toList();
  }

  static String summary(Map<KafkaEvent, String> kept) {
    return kept.entrySet().stream().limit(5).map(e -> e.getKey() + " (" + e.getValue() + ")")
        .collect(Collectors.joining("; ")) + (kept.size() > 5 ? "; …" : "");
  }
}

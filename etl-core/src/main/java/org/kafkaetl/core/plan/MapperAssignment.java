package org.kafkaetl.core.plan;

import java.util.List;
import org.kafkaetl.core.KafkaEvent;

/** The events one mapper reads, and their summed messages × format weight. */
public record MapperAssignment(List<KafkaEvent> events, double weightedLoad) {
  public MapperAssignment {
    events = List.copyOf(events);
  }
}

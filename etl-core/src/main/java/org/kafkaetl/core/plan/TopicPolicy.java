package org.kafkaetl.core.plan;

import java.util.OptionalLong;

/**
 * What the planner needs to know of a topic.
 *
 * @param splitThreshold messages per event above which a partition's range is split; empty = never
 * @param weight relative cost of one message of this topic's format (JSON decoding costs more)
 */
public record TopicPolicy(String topic, OptionalLong splitThreshold, double weight) {
  public TopicPolicy {
    if (splitThreshold.isPresent() && splitThreshold.getAsLong() <= 0) {
      throw new IllegalArgumentException("split threshold must be positive for topic " + topic);
    }
    if (!(weight > 0)) {
      throw new IllegalArgumentException("format weight must be positive for topic " + topic);
    }
  }
}

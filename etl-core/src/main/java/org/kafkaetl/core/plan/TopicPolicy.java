package org.kafkaetl.core.plan;

import java.util.OptionalLong;

/**
 * What the planner needs to know of a topic.
 *
 * @param splitThreshold messages per event above which a partition's range is split; empty = never
 * @param weight relative cost of one message of this topic's format (JSON decoding costs more)
 * @param maxParts most parts one partition's range is split into. A threshold derived from a measured
 *     rate can be tiny (a quiet topic whose one message waited for the first poll); more parts than
 *     mappers cannot be read at once, so the cap only stops a backlog from becoming millions of ranges.
 */
public record TopicPolicy(String topic, OptionalLong splitThreshold, double weight, long maxParts) {
  public TopicPolicy {
    if (splitThreshold.isPresent() && splitThreshold.getAsLong() <= 0) {
      throw new IllegalArgumentException("split threshold must be positive for topic " + topic);
    }
    if (!(weight > 0)) {
      throw new IllegalArgumentException("format weight must be positive for topic " + topic);
    }
    if (maxParts < 1) {
      throw new IllegalArgumentException("max parts must be positive for topic " + topic);
    }
  }

  /** A policy whose threshold alone decides the parts: the seed's split rule. */
  public TopicPolicy(String topic, OptionalLong splitThreshold, double weight) {
    this(topic, splitThreshold, weight, Long.MAX_VALUE);
  }
}

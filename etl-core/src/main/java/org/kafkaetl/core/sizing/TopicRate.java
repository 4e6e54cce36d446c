package org.kafkaetl.core.sizing;

/**
 * The per-mapper rate a run is sized with for one topic.
 *
 * @param messagesPerSecond messages one mapper reads and lands per second
 * @param bytesPerSecond the same in bytes; 0 when never measured
 * @param source where the rate came from, for the log and the run's summary
 */
public record TopicRate(String topic, double messagesPerSecond, double bytesPerSecond, Source source) {
  public TopicRate {
    if (!(messagesPerSecond > 0) || Double.isInfinite(messagesPerSecond)) {
      throw new IllegalArgumentException("rate of topic " + topic + " must be positive, got " + messagesPerSecond);
    }
  }

  /** Where a rate came from. */
  public enum Source {
    /** Never measured: etl.sizing.start.rate over the topic's format weight. */
    STARTING,
    /** The median of recent runs without a fault. */
    MEASURED,
    /** The median fell further than one run may lower it; held at the floor. */
    CLAMPED
  }
}

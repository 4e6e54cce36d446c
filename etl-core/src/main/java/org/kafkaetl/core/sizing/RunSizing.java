package org.kafkaetl.core.sizing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.kafkaetl.core.plan.MapperAssignment;

/**
 * How a run was sized, and why: per topic the rate used, the threshold, the events and the mappers
 * that read them; the run's expected time against its target; what bound stops it when it cannot
 * land within the target.
 *
 * @param budget the target, the job overhead taken off it and what is left for the map tasks' reading
 * @param expected the busiest map task's expected reading time
 * @param assignments the plan's events packed onto the sized number of mappers
 * @param upper the most map tasks the run could have had, and what set it
 * @param bound why even the largest allowed run cannot land within the target; empty when it can
 */
public record RunSizing(ReadingBudget budget, Duration expected, List<TopicSizing> topics,
    List<MapperAssignment> assignments, Upper upper, Optional<String> bound) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public RunSizing {
    topics = List.copyOf(topics);
    assignments = List.copyOf(assignments);
  }

  /**
   * One topic's part of the sizing.
   *
   * @param threshold the split threshold used; empty: the topic's ranges are never split
   * @param weight the cost of one message when balancing mappers
   * @param mappers map tasks that read at least one of its ranges
   */
  public record TopicSizing(String topic, TopicRate rate, OptionalLong threshold, double weight, int events,
      long messages, int mappers) {
    public String logLine() {
      return String.format(java.util.Locale.ROOT, "%s: rate %.0f msg/s (%.0f B/s) per mapper, %s; threshold %s;"
          + " %d events, %d messages on %d mappers", topic, rate.messagesPerSecond(), rate.bytesPerSecond(),
          rate.source().name().toLowerCase(java.util.Locale.ROOT),
          threshold.isPresent() ? String.valueOf(threshold.getAsLong()) : "none", events, messages, mappers);
    }
  }

  /**
   * The most map tasks a run may have.
   *
   * @param by what sets it: etl.max.mappers, or the queue when it runs fewer side by side
   * @param queue the queue's room as the cluster answered; empty when it was not asked or did not answer
   */
  public record Upper(int mapTasks, String by, Optional<QueueSlots> queue) {}

  /** etl.target.run.time. */
  public Duration target() {
    return budget.target();
  }

  public int mappers() {
    return assignments.size();
  }

  public boolean withinTarget() {
    return bound.isEmpty();
  }

  /** One line for the log and the run's output. */
  public String summary() {
    return "sized: " + mappers() + " map tasks (at most " + upper.mapTasks() + ": " + upper.by() + "), expected "
        + RunSizer.format(expected.toMillis() / 1000.0) + " of reading; " + budget.describe()
        + bound.map(b -> "; cannot land within the target: " + b).orElse("");
  }

  /** The sizing as one JSON document, for scripts reading the run's output. */
  public String toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("targetMillis", budget.target().toMillis());
    n.put("overheadMillis", budget.overhead().toMillis());
    n.put("readingMillis", budget.reading().toMillis());
    n.put("expectedMillis", expected.toMillis());
    n.put("mappers", mappers());
    n.put("maxMappers", upper.mapTasks());
    n.put("maxMappersBy", upper.by());
    upper.queue().ifPresentOrElse(q -> {
      n.put("queue", q.queue());
      n.put("queueMapTasks", q.mapTasks());
    }, () -> n.putNull("queue"));
    n.put("withinTarget", withinTarget());
    bound.ifPresent(b -> n.put("bound", b));
    var array = n.putArray("topics");
    for (TopicSizing t : topics) {
      ObjectNode o = array.addObject();
      o.put("topic", t.topic());
      o.put("messagesPerSecond", Math.round(t.rate().messagesPerSecond()));
      o.put("bytesPerSecond", Math.round(t.rate().bytesPerSecond()));
      o.put("rateSource", t.rate().source().name().toLowerCase(java.util.Locale.ROOT));
      if (t.threshold().isPresent()) {
        o.put("threshold", t.threshold().getAsLong());
      } else {
        o.putNull("threshold");
      }
      o.put("weight", t.weight());
      o.put("events", t.events());
      o.put("messages", t.messages());
      o.put("mappers", t.mappers());
    }
    return n.toString();
  }
}

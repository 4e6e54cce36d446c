package org.kafkaetl.offsets;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.kafkaetl.core.HourPartition;

/**
 * The condition that reads one topic's etl_offsets rows of a stretch of hours through the primary
 * key {@code (hour, topic, …)}: one range per hour, each holding only that topic's rows. With
 * {@code hour BETWEEN} the key could only narrow the hours and every other topic's rows of them
 * would be read too; listing the hours lets it narrow both. The index is named because with
 * hundreds of hours the optimizer estimates from statistics and may prefer another index that
 * begins with the topic (before V32, the topic's whole history through the begin index).
 */
final class HoursOfTopic {
  static final String FROM = " FROM etl_offsets FORCE INDEX (PRIMARY)";

  private final String topic;
  private final List<String> hours;

  HoursOfTopic(String topic, HourPartition from, HourPartition to) {
    if (to.compareTo(from) < 0) {
      throw new IllegalArgumentException("hours " + from + " to " + to + " run backwards");
    }
    this.topic = topic;
    List<String> listed = new ArrayList<>();
    for (HourPartition h = from; h.compareTo(to) <= 0; h = new HourPartition(h.start().plusHours(1))) {
      listed.add(h.toString());
    }
    this.hours = List.copyOf(listed);
  }

  /** {@code hour IN (?, …) AND topic = ?}, bound by {@link #bind} from the first parameter on. */
  String where() {
    return " hour IN (" + String.join(", ", Collections.nCopies(hours.size(), "?")) + ") AND topic = ?";
  }

  /** Binds the hours and the topic from {@code first}; returns the next parameter's index. */
  int bind(PreparedStatement ps, int first) throws SQLException {
    int i = first;
    for (String hour : hours) {
      ps.setString(i++, hour);
    }
    ps.setString(i++, topic);
    return i;
  }
}

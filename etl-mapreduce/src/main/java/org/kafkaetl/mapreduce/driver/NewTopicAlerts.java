package org.kafkaetl.mapreduce.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.config.EtlConfigDef;
import org.kafkaetl.core.config.TopicPatternConfigDef;

/**
 * An INFO alert when a topic matched by etl.topics.include is planned for the first time: a pattern
 * lands topics nobody named, so whoever watches the pipeline learns of each, where it starts and how
 * to give it settings of its own or leave it out.
 */
final class NewTopicAlerts {
  private NewTopicAlerts() {}

  /**
   * @param newTopics matched topics the bookkeeping had never held
   * @param starts where this run's plan starts each partition it had not seen before
   */
  static List<Alert> of(HourPartition hour, Set<String> newTopics, Map<TopicPartition, Long> starts,
      EtlConfig config) {
    List<Alert> alerts = new ArrayList<>();
    for (String topic : newTopics) {
      List<Map.Entry<TopicPartition, Long>> its = starts.entrySet().stream()
          .filter(e -> e.getKey().topic().equals(topic)).sorted(Map.Entry.comparingByKey()).toList();
      if (its.isEmpty()) {
        continue; // not planned this run (Kafka did not answer for it): alerted when it is
      }
      String where = its.stream().map(e -> e.getKey().partition() + "@" + e.getValue())
          .collect(Collectors.joining(", "));
      String include = config.topicPatterns().include().map(java.util.regex.Pattern::pattern).orElse("");
      alerts.add(new Alert(Severity.INFO, "new-topic:" + topic,
          "topic " + topic + " matches " + TopicPatternConfigDef.INCLUDE.name() + " and is landed from hour " + hour
              + " on: " + its.size() + " partitions, from " + EtlConfigDef.NEW_PARTITION_START.type()
              .format(config.newPartitionStart()) + " offsets",
          "Kafka created topic " + topic + ", whose name matches " + TopicPatternConfigDef.INCLUDE.name() + " '"
              + include + "'. This run starts its partitions at (partition@offset) " + where + " ("
              + EtlConfigDef.NEW_PARTITION_START.name() + "), with the settings topic."
              + TopicPatternConfigDef.DEFAULTS + ".*. To give it settings of its own, list it in "
              + EtlConfigDef.TOPICS.name() + " with topic." + topic + ".*; to stop landing it, match it with "
              + TopicPatternConfigDef.EXCLUDE.name() + ".",
          List.of(config.alerts().fixCommands().status(topic, hour.date()))));
    }
    return alerts;
  }
}

package org.kafkaetl.mapreduce.driver;

import java.util.List;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.plan.TopicUnavailable;

/**
 * One alert per topic (or set of partitions) Kafka could not give offsets for, or the schema
 * registry no reader schema, while the other topics were read. The key names topic, partitions and cause without the hour, so the same incident
 * pages once per suppression window rather than every hourly run.
 */
final class UnavailableAlerts {
  private static final String PREFIX = "kafka-unavailable:";

  private UnavailableAlerts() {}

  static List<Alert> of(HourPartition hour, List<TopicUnavailable> unavailable, FixCommands fix) {
    return unavailable.stream().map(u -> alert(hour, u, fix)).toList();
  }

  /**
   * Ends the incidents of topics Kafka answered for in full this time, on the channels that got
   * the page; a topic still partly unavailable keeps its incident open.
   */
  static void resolveReadable(org.kafkaetl.core.alert.AlertSender alerts, HourPartition hour,
      List<TopicUnavailable> unavailable) {
    java.util.Set<String> stillOut = new java.util.HashSet<>();
    unavailable.forEach(u -> stillOut.add(u.incidentKey().substring(0, u.incidentKey().indexOf(':'))));
    alerts.resolve(PREFIX, key -> !stillOut.contains(topicOf(key)),
        "Kafka answered for the topic again (hour " + hour + "); the run read it from its stored end");
  }

  private static String topicOf(String key) {
    String rest = key.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    return colon < 0 ? rest : rest.substring(0, colon);
  }

  private static Alert alert(HourPartition hour, TopicUnavailable u, FixCommands fix) {
    String details = u.detail() + "\nThe other topics were read (hour " + hour + "). Nothing of " + u.what()
        + " was planned or recorded: its stored end stays, so the first run after the cause is gone continues"
        + " from there, and nothing is lost while Kafka keeps the messages (retention).\n" + whatToDo(u);
    return new Alert(Severity.CRITICAL, PREFIX + u.incidentKey(),
        u.what() + " not read: " + u.cause().text(), details, List.of(fix.run()));
  }

  private static String whatToDo(TopicUnavailable u) {
    String then = " Then run the command below, or wait for the next hourly run.";
    return switch (u.cause()) {
      case DOES_NOT_EXIST -> "Create the topic, or remove it from etl.topics if it is gone for good." + then;
      case NOT_AUTHORIZED -> "Grant the ETL user Describe and Read on the topic." + then;
      case NO_LEADER -> "Bring back the broker that hosts the partition(s) (kafka-topics.sh --describe shows"
          + " their leader as none); the next run plans them." + then;
      case TIMED_OUT -> "Kafka did not answer for it in time (an overloaded or restarting broker)." + then;
      case FAILED -> "Look at the Kafka error above." + then;
      case SCHEMA_REGISTRY -> "Bring the schema registry (schema.registry.url) back, or give the topic a schema file"
          + " (topic." + u.topic() + ".schema). Its incomplete ranges wait too, their attempts untouched." + then;
      case NO_READER_SCHEMA -> "Register the topic's schema under its subject (topic." + u.topic() + ".subject, default "
          + u.topic() + "-value), give it a schema file (topic." + u.topic() + ".schema), or stop landing it"
          + " (etl.topics, etl.topics.exclude). Its incomplete ranges wait too, their attempts untouched." + then;
    };
  }
}

package org.kafkaetl.core.config;

/** When a day of a topic becomes a partition of the topic's table in the metastore. */
public enum HiveRegisterWhen {
  /** When the day is complete (its completion marker is written): readers never see half a day. */
  COMPLETE,
  /** As soon as the day has merged data, with a partition parameter saying whether it is complete yet. */
  MERGED
}

package org.kafkaetl.core.config;

/** What happens to a message whose value is null (a delete on a compacted topic). */
public enum TombstonePolicy {
  /** Counted in the range report, written nowhere: the usual choice for json and avro topics. */
  SKIP,
  /** Landed like any other message; only raw topics, whose envelope can hold a null value. */
  LAND,
  /** To the error file and counted as a decode error against the topic's budget. */
  ERROR
}

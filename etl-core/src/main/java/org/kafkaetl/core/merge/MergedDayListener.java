package org.kafkaetl.core.merge;

import java.time.LocalDate;

/**
 * Told by the daily merge of each day it has merged (after the completion marker, if the day is complete,
 * is written), so the day can be published elsewhere. Must not throw for problems of its own: the merge has
 * succeeded either way, and what could not be done is the listener's to keep and retry.
 */
@FunctionalInterface
public interface MergedDayListener {
  /** Tells nobody. */
  MergedDayListener NONE = (topic, date) -> { };

  void merged(String topic, LocalDate date);
}

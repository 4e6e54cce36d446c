package org.kafkaetl.hive;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The database's record of what the catalog was told about each day, and of the days still waiting to be
 * told. Kept apart from the catalog so an unreachable catalog loses nothing and a day is never registered
 * twice for the same content.
 */
public interface PartitionRegistry {

  /** What was last registered for the day, if anything. */
  Optional<Registered> registered(String topic, LocalDate day);

  /** The day's partition now says {@code state}; nothing about it waits any more. */
  void markRegistered(String topic, LocalDate day, String table, Registered state, Instant at);

  /** The day could not be registered; keeps the first time it could not, and the latest reason. */
  void markPending(String topic, LocalDate day, String table, String reason, Instant at);

  /** Every day waiting to be registered, oldest first. */
  List<Pending> pending();


  /**
   * What a partition says about its day.
   *
   * @param complete whether the day was complete
   * @param revision the revision of the day's completion marker; 0 before it completed
   * @param records records the marker counts; 0 before it completed
   */
  record Registered(boolean complete, int revision, long records) {}

  /** A day waiting since {@code since}, and why it last failed. */
  record Pending(String topic, LocalDate day, String table, Instant since, String reason) {}
}

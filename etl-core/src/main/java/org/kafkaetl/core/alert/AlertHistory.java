package org.kafkaetl.core.alert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every alert the tool raised, sent or suppressed, and every resolution; what suppression and
 * resolution messages need to know. An incident is open from the first time a channel carries its
 * key until it is resolved; after that the same key is a new incident.
 */
public interface AlertHistory {

  /**
   * When an alert with this key was last {@link Outcome#SENT} since the incident was last resolved, if
   * ever. Suppressed and {@link Outcome#UNDELIVERED} raises do not count: a page nobody received must
   * not silence the next one.
   */
  Optional<Instant> lastSent(String key);

  /**
   * Stores an alert.
   *
   * @param firstRaised when the page was first raised: {@code at}, unless this is a delayed page (one
   *     nobody received, sent again); then the time of the raise nobody received, kept through every
   *     attempt so the redelivery look-back counts from it
   * @param delivered the channels that delivered it (empty when suppressed)
   * @param failed the channels that wanted it and failed, even if only for some of their recipients
   */
  void record(Alert alert, Instant at, Instant firstRaised, Outcome outcome, List<String> delivered,
      List<String> failed);

  /**
   * Pages still owed to someone: each key whose latest raise, suppressed ones aside, is
   * {@link Outcome#UNDELIVERED} (so no raise was {@link Outcome#SENT} and no resolution stored after
   * it) and was first raised at or after {@code since}. The alert is as that latest raise stored it;
   * least recently tried first, so a page that fails for a reason of its own does not hold back the
   * others.
   */
  List<UndeliveredPage> undeliveredSince(Instant since);

  /**
   * Incidents whose key starts with {@code keyPrefix}: carried by some channel (an undelivered page
   * the log carried included) and not resolved since, with every channel that carried them.
   */
  List<OpenIncident> openIncidents(String keyPrefix);

  /** Stores that an incident was resolved and where the resolution was delivered; it is no longer open. */
  void recordResolution(String key, String summary, Instant at, List<String> channels);

  /** What became of one raised alert. */
  enum Outcome {
    /**
     * A channel that pages (any but the log) delivered it, to at least one of its recipients; or no
     * such channel wants it (a warning below the SMS threshold, no SMS or webhook configured) and the
     * log carried it. Repeats within the suppression window are suppressed.
     */
    SENT,
    /** A repeat of an incident sent within the suppression window: stored, not delivered. */
    SUPPRESSED,
    /**
     * A channel that pages wanted it and none delivered it (the log may have): nobody was paged, so
     * it does not count as sent and the incident's next raise is delivered again.
     */
    UNDELIVERED
  }

  /** A page nobody received, and when it was first raised. */
  record UndeliveredPage(Alert alert, Instant firstRaised) {}

  /** An incident people were told about and not yet told is over. */
  record OpenIncident(String key, Set<String> channels) {
    public OpenIncident {
      channels = Set.copyOf(channels);
    }
  }
}

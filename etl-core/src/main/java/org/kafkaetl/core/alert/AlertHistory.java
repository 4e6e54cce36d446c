package org.kafkaetl.core.alert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every alert the tool raised, sent or suppressed, and every resolution; what suppression and
 * resolution messages need to know. An incident is open from the first time its key is sent until
 * it is resolved; after that the same key is a new incident.
 */
public interface AlertHistory {

  /** When an alert with this key was last actually sent since the incident was last resolved, if ever. */
  Optional<Instant> lastSent(String key);

  /** Stores an alert; {@code channels} is where it was delivered (empty when suppressed). */
  void record(Alert alert, Instant at, boolean suppressed, List<String> channels);

  /** Incidents whose key starts with {@code keyPrefix}: sent and not resolved since, with every channel that carried them. */
  List<OpenIncident> openIncidents(String keyPrefix);

  /** Stores that an incident was resolved and where the resolution was delivered; it is no longer open. */
  void recordResolution(String key, String summary, Instant at, List<String> channels);

  /** An incident people were told about and not yet told is over. */
  record OpenIncident(String key, Set<String> channels) {
    public OpenIncident {
      channels = Set.copyOf(channels);
    }
  }
}

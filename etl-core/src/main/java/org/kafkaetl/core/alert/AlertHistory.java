package org.kafkaetl.core.alert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every alert the tool raised, sent or suppressed; and what suppression needs to know. */
public interface AlertHistory {

  /** When an alert with this key was last actually sent, if ever. */
  Optional<Instant> lastSent(String key);

  /** Stores an alert; {@code channels} is where it was delivered (empty when suppressed). */
  void record(Alert alert, Instant at, boolean suppressed, List<String> channels);
}

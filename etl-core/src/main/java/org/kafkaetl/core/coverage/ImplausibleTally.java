package org.kafkaetl.core.coverage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.kafkaetl.core.config.PlausibleEventTimes;

/**
 * Counts one read's implausible event times by cause while it lands; the report keeps the result. A
 * resumed read starts from nothing: what the earlier read counted was alerted and pushed with it.
 */
public final class ImplausibleTally {
  private final Map<ImplausibleCause, ImplausibleTimes> byCause = new EnumMap<>(ImplausibleCause.class);
  private PlausibleEventTimes.Bounds bounds;

  /** Starts a range: nothing counted, times judged by these bounds. */
  public void begin(PlausibleEventTimes.Bounds rangeBounds) {
    this.bounds = rangeBounds;
    byCause.clear();
  }

  /** Counts the record if its time is implausible; cheap when it is not (two comparisons). */
  public void note(long offset, long eventMillis) {
    if (bounds.contains(eventMillis)) {
      return;
    }
    ImplausibleCause.of(eventMillis, bounds).ifPresent(cause ->
        byCause.merge(cause, new ImplausibleTimes(cause, 1, offset, eventMillis), ImplausibleTimes::plus));
  }

  public List<ImplausibleTimes> result() {
    return List.copyOf(new ArrayList<>(byCause.values()));
  }
}

package org.kafkaetl.mapreduce.land;

import java.time.Instant;
import java.time.ZoneId;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.config.EtlConfigDef;
import org.kafkaetl.core.config.EventTimeWindow;
import org.kafkaetl.core.layout.WorkLayout;

/**
 * Decides which event time a record is routed by, applying its topic's window and out-of-window
 * policy. Every time it returns for landing lies inside the window or is the quarantine date, so
 * the date arithmetic after it cannot overflow and every date prints as yyyy-MM-dd.
 */
final class EventDateRouter {
  private final EventTimeWindow window;
  private final EventTimeWindow.Bounds bounds;
  private final HourPartition hour;
  private final long quarantineMillis;

  EventDateRouter(EventTimeWindow window, HourPartition hour, ZoneId zone) {
    this.window = window;
    this.bounds = window.bounds(hour, zone);
    this.hour = hour;
    this.quarantineMillis = WorkLayout.QUARANTINE_DATE.atStartOfDay(zone).toInstant().toEpochMilli();
  }

  /**
   * @param eventMillis the decoder's event time (saturated at the long's ends when no long holds it)
   * @param kafkaMillis the Kafka record timestamp
   */
  Route route(long eventMillis, long kafkaMillis) {
    if (bounds.contains(eventMillis)) {
      return new Route(eventMillis, false, null);
    }
    return switch (window.policy()) {
      case ERROR -> new Route(0, true, outside(eventMillis));
      case QUARANTINE -> new Route(quarantineMillis, true, null);
      case KAFKA_TIME -> bounds.contains(kafkaMillis)
          ? new Route(kafkaMillis, true, null)
          : new Route(0, true, outside(eventMillis) + ", and so is its Kafka timestamp "
              + Instant.ofEpochMilli(kafkaMillis));
    };
  }

  private String outside(long millis) {
    return "event time " + Instant.ofEpochMilli(millis) + " is outside the event-time window ["
        + Instant.ofEpochMilli(bounds.startMillis()) + ", " + Instant.ofEpochMilli(bounds.endMillis())
        + ") of run hour " + hour + " (max.age " + window.maxAge().toDays() + "d, max.ahead "
        + window.maxAhead().toHours() + "h; event.time.out.of.window is "
        + EtlConfigDef.EVENT_TIME_OUT_OF_WINDOW.type().format(window.policy()) + ")";
  }

  /**
   * @param millis event time to route by; meaningless when {@code errorReason} is set
   * @param outOfWindow whether the record's own event time was outside the window
   * @param errorReason why the record goes to the error file instead; null if it lands
   */
  record Route(long millis, boolean outOfWindow, String errorReason) {}
}

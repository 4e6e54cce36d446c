package org.kafkaetl.core.audit;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kafkaetl.core.HourPartition;

/**
 * What one audit covers: the etl_offsets rows and hour directories of the hours {@code from} to
 * {@code to} (inclusive), and the daily files either of {@code date} as a whole or, for an hour
 * window, the parts of them that hold those hours' files.
 */
public record AuditWindow(HourPartition from, HourPartition to, Optional<LocalDate> date) {
  /** Longest hour window: an audit is run per day or per few hours, not per year. */
  public static final Duration MAX_SPAN = Duration.ofDays(31);

  public AuditWindow {
    if (to.compareTo(from) < 0) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
    if (Duration.between(from.start(), to.start()).compareTo(MAX_SPAN) > 0) {
      throw new IllegalArgumentException("--from " + from + " --to " + to + " spans more than "
          + MAX_SPAN.toDays() + " days; audit day by day");
    }
  }

  /** The 24 hours (in the configured time zone) of {@code date}, and its daily files. */
  public static AuditWindow day(LocalDate date) {
    HourPartition first = new HourPartition(date.atStartOfDay());
    return new AuditWindow(first, new HourPartition(date.atTime(23, 0)), Optional.of(date));
  }

  public static AuditWindow hours(HourPartition from, HourPartition to) {
    return new AuditWindow(from, to, Optional.empty());
  }

  public boolean contains(HourPartition hour) {
    return hour.compareTo(from) >= 0 && hour.compareTo(to) <= 0;
  }

  /** Whether the daily files are audited whole (a day) or only where they hold these hours' files. */
  public boolean wholeDay() {
    return date.isPresent();
  }

  public List<HourPartition> hours() {
    List<HourPartition> hours = new ArrayList<>();
    for (HourPartition h = from; h.compareTo(to) <= 0; h = new HourPartition(h.start().plusHours(1))) {
      hours.add(h);
    }
    return hours;
  }

  /** {@code 2026-11-21}, or {@code 2026112100-2026112105} for an hour window. */
  public String label() {
    return date.map(LocalDate::toString).orElse(from + "-" + to);
  }
}

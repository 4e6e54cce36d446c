package org.kafkaetl.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.AlertSender;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.merge.DailyMerge.MergeResult;

/**
 * After an hourly run, merges every date the hour directories it wrote into (its own, and those of
 * retried hours) hold data for; late data makes that more than one. Dates already merged cost a
 * listing and nothing else.
 *
 * <p>Another merge of the same topic (an operator's {@code merge}, or a rerun's) may hold the topic's
 * merge lock. Skipping would leave the date unmerged until some later run happens to land the same
 * date again, which for late data may be never; so the merge waits a bounded time for the lock, and
 * if it is still taken, warns with the merge command that completes the date.
 */
final class MergeAfterRun {
  private final EtlConfig config;
  private final FileSystem fs;
  private final DateMerge merge;
  private final AlertSender alerts;
  private final LockWait lockWait;

  /** Appends a date's complete hourly files to its daily files (the {@code merge} command without options). */
  @FunctionalInterface
  interface DateMerge {
    MergeResult merge(String topic, LocalDate date);
  }

  /** How one waits before trying a taken lock again; the production one sleeps. */
  @FunctionalInterface
  interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  /**
   * How long a merge waits for a taken lock: tries again every {@code interval} until {@code total}
   * has been waited. Five minutes by default: longer than a merge of a usual day takes, short enough
   * that the hourly run still ends well before the next one.
   */
  record LockWait(Duration total, Duration interval, Pause pause) {
    static final LockWait DEFAULT = new LockWait(Duration.ofMinutes(5), Duration.ofSeconds(15), d -> Thread.sleep(d.toMillis()));

    LockWait {
      Objects.requireNonNull(pause, "pause");
      if (interval.isNegative() || interval.isZero() || total.isNegative()) {
        throw new IllegalArgumentException("interval must be positive and total not negative");
      }
    }
  }

  MergeAfterRun(EtlConfig config, FileSystem fs, DateMerge merge, AlertSender alerts, LockWait lockWait) {
    this.config = config;
    this.fs = fs;
    this.merge = merge;
    this.alerts = alerts;
    this.lockWait = lockWait;
  }

  /** One line per date merged or failing (none for a date with nothing left to merge), and the worst exit code. */
  /** @param bytesMerged per topic the bytes appended to daily files, for the metrics */
  record Outcome(ExitCode exitCode, List<String> messages, java.util.Map<String, Long> bytesMerged) {}

  Outcome mergeHours(List<HourPartition> hours) {
    return mergeHours(hours, config.topicNames());
  }

  /** Merges only the given topics' dates, e.g. the one topic a rerun re-read. */
  Outcome mergeHours(List<HourPartition> hours, List<String> topics) {
    ExitCode worst = ExitCode.OK;
    List<String> messages = new ArrayList<>();
    java.util.Map<String, Long> bytes = new java.util.TreeMap<>();
    for (String topic : topics) {
      // One bounded wait per topic, not per date: a holder that outlasted it will outlast the next one too.
      Duration wait = lockWait.total();
      for (LocalDate date : datesLanded(topic, hours)) {
        MergeResult result;
        try {
          result = mergeWaitingForLock(topic, date, wait);
        } catch (IllegalArgumentException nothingComplete) {
          messages.add("merge " + topic + " " + date + ": " + nothingComplete.getMessage());
          continue;
        }
        if (result.exitCode() == ExitCode.LOCKED) {
          wait = Duration.ZERO;
          messages.add(warnLocked(topic, date));
          continue;
        }
        bytes.merge(topic, result.bytes(), Long::sum);
        if (result.exitCode() != ExitCode.OK || !result.outcomes().isEmpty()) {
          messages.add(result.message()); // a date merged already says nothing: every run lands most dates again
        }
        if (result.exitCode() == ExitCode.FAILED) {
          worst = ExitCode.FAILED;
        }
      }
    }
    return new Outcome(worst, messages, bytes);
  }

  private MergeResult mergeWaitingForLock(String topic, LocalDate date, Duration wait) {
    MergeResult result = merge.merge(topic, date);
    Duration waited = Duration.ZERO;
    while (result.exitCode() == ExitCode.LOCKED && waited.plus(lockWait.interval()).compareTo(wait) <= 0) {
      try {
        lockWait.pause().pause(lockWait.interval());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return result;
      }
      waited = waited.plus(lockWait.interval());
      result = merge.merge(topic, date);
    }
    return result;
  }

  /** The date stays unmerged (its hourly files are safe); the warning carries the command that merges it. */
  private String warnLocked(String topic, LocalDate date) {
    String command = config.alerts().fixCommands().merge(topic, date, null);
    String summary = "merge of " + topic + " " + date + " after the run not merged: another merge of " + topic
        + " held the lock for " + lockWait.total().toMinutes() + " min";
    alerts.send(new Alert(Severity.WARNING, "merge-locked:" + topic + ":" + date, summary,
        "The landed hourly files are complete and kept; only their merge into the daily files is missing."
            + " Once the other merge has finished, run the command below (safe to repeat).",
        List.of(command)));
    return summary + "; run: " + command;
  }

  /** The event dates a topic's files in these hour directories hold. */
  java.util.SortedSet<LocalDate> datesLanded(String topic, List<HourPartition> hours) {
    java.util.SortedSet<LocalDate> dates = new java.util.TreeSet<>();
    hours.forEach(hour -> dates.addAll(datesIn(fs, new Path(new WorkLayout(config.workRoot()).hourDir(hour), topic))));
    return dates;
  }

  /** The event dates of a topic's directory in an hour directory; none if it is not there. */
  static List<LocalDate> datesIn(FileSystem fs, Path topicDir) {
    List<LocalDate> dates = new ArrayList<>();
    try {
      for (FileStatus status : fs.listStatus(topicDir)) {
        WorkLayout.parseDateDir(status.getPath().getName()).ifPresent(dates::add);
      }
    } catch (FileNotFoundException e) {
      return dates;
    } catch (IOException e) {
      throw new RetriableException("cannot list " + topicDir + ": " + e.getMessage(), e);
    }
    dates.sort(null);
    return dates;
  }
}

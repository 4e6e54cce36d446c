package org.kafkaetl.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.merge.DailyMerge;

/**
 * After an hourly run, merges every date the hour directories it wrote into (its own, and those of
 * retried hours) hold data for; late data makes that more than one. Dates already merged cost a
 * listing and nothing else.
 */
final class MergeAfterRun {
  private final EtlConfig config;
  private final FileSystem fs;
  private final DailyMerge merge;

  MergeAfterRun(EtlConfig config, FileSystem fs, DailyMerge merge) {
    this.config = config;
    this.fs = fs;
    this.merge = merge;
  }

  /** One line per merged date, and the worst exit code among them. */
  record Outcome(ExitCode exitCode, List<String> messages) {}

  Outcome mergeHours(List<HourPartition> hours) {
    return mergeHours(hours, config.topicNames());
  }

  /** Merges only the given topics' dates, e.g. the one topic a rerun re-read. */
  Outcome mergeHours(List<HourPartition> hours, List<String> topics) {
    ExitCode worst = ExitCode.OK;
    List<String> messages = new ArrayList<>();
    for (String topic : topics) {
      for (LocalDate date : datesLanded(topic, hours)) {
        DailyMerge.MergeResult result;
        try {
          result = merge.merge(topic, date, OptionalInt.empty(), false);
        } catch (IllegalArgumentException nothingComplete) {
          messages.add("merge " + topic + " " + date + ": " + nothingComplete.getMessage());
          continue;
        }
        messages.add(result.message());
        if (result.exitCode() == ExitCode.FAILED) {
          worst = ExitCode.FAILED;
        }
      }
    }
    return new Outcome(worst, messages);
  }

  /** The event dates a topic's files in these hour directories hold. */
  java.util.SortedSet<LocalDate> datesLanded(String topic, List<HourPartition> hours) {
    java.util.SortedSet<LocalDate> dates = new java.util.TreeSet<>();
    hours.forEach(hour -> dates.addAll(dates(new Path(new WorkLayout(config.workRoot()).hourDir(hour), topic))));
    return dates;
  }

  private List<LocalDate> dates(Path topicDir) {
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

package org.kafkaetl.it.soak;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.alerts.AlertSenders;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;
import org.kafkaetl.core.plan.PartitionOffsetsSource;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.mapreduce.driver.HourlyRun;
import org.kafkaetl.mapreduce.driver.RunResult;
import org.kafkaetl.mapreduce.driver.SchemaFiles;
import org.kafkaetl.mapreduce.job.EtlJobRunner;
import org.kafkaetl.mapreduce.job.JobLauncher;
import org.kafkaetl.mapreduce.kafka.KafkaOffsetsReader;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcAlertHistory;
import org.kafkaetl.offsets.MySqlRunLock;

/**
 * The real hourly run wired as the CLI wires it (alerts through the real dispatcher, so they reach
 * the SMS gateway), but with its clock fixed at the simulated hour; and the merge after it, through
 * the real {@code merge} command for every date the landed hours hold.
 */
final class SoakRunner {
  /** What cron would see: the exit code, and the result when the driver lived to return one. */
  record Outcome(int exitCode, RunResult result, String failure) {
    List<HourPartition> hoursLanded() {
      return result == null ? List.of() : result.hoursLanded();
    }

    @Override
    public String toString() {
      return "exit " + exitCode + (result != null ? ": " + result.message() : ": " + failure);
    }
  }

  private static final java.time.Duration KILL_WAIT = java.time.Duration.ofMinutes(5);

  private final EtlScenario scenario;
  private final List<String> topics;
  private final Configuration hadoopConf;
  private final FileSystem fs;
  private final EtlCli cli;

  SoakRunner(EtlScenario scenario, List<String> topics, Configuration hadoopConf, FileSystem fs, EtlCli cli) {
    this.scenario = scenario;
    this.topics = List.copyOf(topics);
    this.hadoopConf = hadoopConf;
    this.fs = fs;
    this.cli = cli;
  }

  Outcome run(Instant now, OffsetStore store, UnaryOperator<List<KafkaPartitionOffsets>> kafkaSays) {
    return run(now, store, kafkaSays, null);
  }

  /** The same with {@code launcher} submitting the job and waiting for it (null: the real one). */
  Outcome run(Instant now, OffsetStore store, UnaryOperator<List<KafkaPartitionOffsets>> kafkaSays,
      JobLauncher launcher) {
    EtlConfig config = EtlConfig.parse(scenario.properties());
    Database db = scenario.database();
    try (KafkaOffsetsReader real = new KafkaOffsetsReader(config.kafkaClientProperties(), 30_000)) {
      PartitionOffsetsSource kafka = new PartitionOffsetsSource() {
        @Override
        public List<KafkaPartitionOffsets> offsets(Collection<String> topics) {
          return kafkaSays.apply(real.offsets(topics));
        }

        @Override
        public void close() {}
      };
      // The dispatcher keeps real time: its suppression window is about pages, not simulated hours.
      HourlyRun run = new HourlyRun(config, store, new MySqlRunLock(db), kafka,
          launcher == null ? new EtlJobRunner(hadoopConf, config, SchemaFiles.load(config, hadoopConf))
              : new EtlJobRunner(hadoopConf, config, SchemaFiles.load(config, hadoopConf), launcher, KILL_WAIT),
          AlertSenders.from(config.alerts(), new JdbcAlertHistory(db), Clock.systemUTC()),
          Clock.fixed(now, ZoneOffset.UTC));
      RunResult result = run.run();
      return new Outcome(result.exitCode().code(), result, null);
    } catch (RuntimeException e) {
      // what cron sees of a driver that threw: exit 1 and a line on stderr
      return new Outcome(1, null, e.toString());
    }
  }

  /** Merges every date the hours hold data for, as the run's merge-after-run does; returns the worst exit code. */
  int mergeHours(List<HourPartition> hours) {
    return merge(datesToMerge(hours));
  }

  /** Per topic, the dates the hours hold files for (asked of HDFS before a fault may take it away). */
  java.util.Map<String, SortedSet<LocalDate>> datesToMerge(List<HourPartition> hours) {
    java.util.Map<String, SortedSet<LocalDate>> dates = new java.util.LinkedHashMap<>();
    topics.forEach(topic -> dates.put(topic, datesLanded(topic, hours)));
    return dates;
  }

  /** The real {@code merge} command per topic and date; returns the worst exit code. */
  int merge(java.util.Map<String, SortedSet<LocalDate>> dates) {
    int worst = 0;
    for (var topic : dates.entrySet()) {
      for (LocalDate date : topic.getValue()) {
        EtlCli.Result merged = cli.run("merge", "--topic", topic.getKey(), "--date", date.toString());
        // 2: nothing of the date is COMPLETE yet; its ranges' alerts carry the commands
        if (merged.exitCode() != 0 && merged.exitCode() != 2) {
          worst = Math.max(worst, merged.exitCode());
        }
      }
    }
    return worst;
  }

  /** The dates the hours hold files of {@code topic} for. */
  SortedSet<LocalDate> datesLanded(String topic, List<HourPartition> hours) {
    SortedSet<LocalDate> dates = new TreeSet<>();
    WorkLayout work = new WorkLayout(scenario.workRoot);
    for (HourPartition hour : hours) {
      Path topicDir = new Path(work.hourDir(hour), topic);
      try {
        for (FileStatus status : fs.listStatus(topicDir)) {
          WorkLayout.parseDateDir(status.getPath().getName()).ifPresent(dates::add);
        }
      } catch (FileNotFoundException e) {
        // the hour landed nothing of the topic
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dates;
  }

  EtlCli cli() {
    return cli;
  }
}

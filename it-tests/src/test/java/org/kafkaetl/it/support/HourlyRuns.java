package org.kafkaetl.it.support;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.alerts.LogAlertSender;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;
import org.kafkaetl.core.plan.PartitionOffsetsSource;
import org.kafkaetl.mapreduce.driver.HourlyRun;
import org.kafkaetl.mapreduce.driver.RunResult;
import org.kafkaetl.mapreduce.driver.SchemaFiles;
import org.kafkaetl.mapreduce.job.EtlJobRunner;
import org.kafkaetl.mapreduce.kafka.KafkaOffsetsReader;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcOffsetStore;
import org.kafkaetl.offsets.MySqlRunLock;

/** The real hourly run, wired like the CLI wires it, but at a chosen time: to land several hours. */
public final class HourlyRuns {
  private HourlyRuns() {}

  public static RunResult runAt(EtlScenario s, Configuration hadoopConf, Instant now) {
    s.database().migrate();
    return run(s, hadoopConf, now, new JdbcOffsetStore(s.database()));
  }

  /** The hourly run with another offset store, e.g. one that fails on purpose. */
  public static RunResult run(EtlScenario s, Configuration hadoopConf, Instant now, OffsetStore store) {
    return run(s, hadoopConf, now, store, () -> { });
  }

  /**
   * The hourly run, with {@code afterPlanning} run between asking Kafka for offsets and reading
   * them: the moment to make Kafka delete what was just planned.
   */
  public static RunResult run(EtlScenario s, Configuration hadoopConf, Instant now, OffsetStore store,
      Runnable afterPlanning) {
    return run(s, hadoopConf, now, store, offsets -> {
      afterPlanning.run();
      return offsets;
    });
  }

  /**
   * The hourly run planning from what {@code kafkaSays} makes of Kafka's real offsets, e.g. latest
   * offsets ahead of what producers wrote: a partition whose reads get stuck.
   */
  public static RunResult run(EtlScenario s, Configuration hadoopConf, Instant now, OffsetStore store,
      java.util.function.UnaryOperator<List<KafkaPartitionOffsets>> kafkaSays) {
    return run(s, hadoopConf, now, store, kafkaSays, null);
  }

  /** The same with {@code launcher} submitting the job and waiting for it (null: the real one). */
  public static RunResult run(EtlScenario s, Configuration hadoopConf, Instant now, OffsetStore store,
      java.util.function.UnaryOperator<List<KafkaPartitionOffsets>> kafkaSays,
      org.kafkaetl.mapreduce.job.JobLauncher launcher) {
    EtlConfig config = EtlConfig.parse(s.properties());
    Database db = s.database();
    db.migrate();
    try (KafkaOffsetsReader real = new KafkaOffsetsReader(config.kafkaClientProperties(), 30_000)) {
      PartitionOffsetsSource kafka = new PartitionOffsetsSource() {
        @Override
        public List<KafkaPartitionOffsets> offsets(Collection<String> topics) {
          return kafkaSays.apply(real.offsets(topics));
        }

        @Override
        public void close() {}
      };
      // As the run command does: a topic without its reader schema is left out, the others read.
      SchemaFiles.Loaded schemas = SchemaFiles.loadReadable(config, hadoopConf);
      return new HourlyRun(config, store, new MySqlRunLock(db),
          new org.kafkaetl.core.plan.UnreadableTopicsLeftOut(kafka, schemas.unreadable()),
          launcher == null ? new EtlJobRunner(hadoopConf, config, schemas.schemas()).withWriterSchemas(schemas.writers())
              : new EtlJobRunner(hadoopConf, config, schemas.schemas(), launcher, java.time.Duration.ofSeconds(10))
                  .withWriterSchemas(schemas.writers()),
          new LogAlertSender(),
          Clock.fixed(now, ZoneOffset.UTC), new org.kafkaetl.offsets.JdbcThroughputHistory(db)).run();
    }
  }
}

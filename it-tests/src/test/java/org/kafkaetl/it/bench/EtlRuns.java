package org.kafkaetl.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.alerts.LogAlertSender;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.mapreduce.driver.HourlyRun;
import org.kafkaetl.mapreduce.driver.Rerun;
import org.kafkaetl.mapreduce.driver.RunResult;
import org.kafkaetl.mapreduce.driver.SchemaFiles;
import org.kafkaetl.mapreduce.job.EtlJobRunner;
import org.kafkaetl.mapreduce.kafka.KafkaOffsetsReader;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcOffsetStore;
import org.kafkaetl.offsets.MySqlRunLock;

/**
 * The real hourly run and rerun, wired as the {@code run} and {@code rerun} commands wire them
 * ({@code Components}), timed from building the Kafka admin client to the recorded outcomes. Not
 * timed: the schema migration every command does first (once per fresh database) and the merge
 * after the run ({@code etl.merge.after.run=false}; the merge is measured on its own).
 */
final class EtlRuns {
  private EtlRuns() {}

  /** A run's result and its wall time. */
  record Timed(RunResult result, double seconds) {
    long records() {
      return result.outcomes().stream().mapToLong(RangeOutcome::records).sum();
    }
  }

  /** Hadoop local mode: the job runs in this JVM (LocalJobRunner) on the local file system. */
  static Configuration localHadoop(Path tmp) {
    return org.kafkaetl.it.support.LocalHadoop.configuration(tmp);
  }

  /** Settings of a one-topic run in a fresh database {@code dbName} (dropped and created). */
  static Map<String, String> properties(EtlTestEnvironment env, String dbName, String topic, BenchData.Format format,
      Path schema, String workRoot) {
    try {
      env.mariaDb().recreateDatabase(dbName);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + dbName, e);
    }
    Map<String, String> p = new LinkedHashMap<>();
    p.put("kafka.bootstrap.servers", env.kafka().bootstrapServers());
    p.put("db.url", env.mariaDb().jdbcUrl(dbName));
    p.put("db.user", env.mariaDb().user());
    p.put("db.password", env.mariaDb().password());
    p.put("etl.topics", topic);
    p.put("etl.work.root", workRoot + "/work");
    p.put("etl.warehouse.root", workRoot + "/warehouse");
    p.put("etl.max.pull.time", "30m");
    p.put("etl.stall.timeout", "2m");
    p.put("etl.merge.after.run", "false");
    p.put("topic." + topic + ".format", format.configName);
    if (format != BenchData.Format.RAW) {
      p.put("topic." + topic + ".schema", schema.toString());
      p.put("topic." + topic + ".timestamp.field", "event_time");
    }
    return p;
  }

  /** Runs the hourly run once and fails unless every planned range landed completely. */
  static Timed run(Map<String, String> properties, Configuration hadoop) {
    return run(properties, hadoop, Clock.systemUTC());
  }

  /** The hourly run at the time {@code clock} says, e.g. to land into an earlier hour. */
  static Timed run(Map<String, String> properties, Configuration hadoop, Clock clock) {
    EtlConfig config = EtlConfig.parse(properties);
    Database db = new Database(config.jdbcUrl(), config.dbUser(), config.dbPassword().value());
    db.migrate();
    long start = System.nanoTime();
    RunResult result;
    try (KafkaOffsetsReader kafka = new KafkaOffsetsReader(config.kafkaClientProperties(), 30_000)) {
      result = new HourlyRun(config, new JdbcOffsetStore(db), new MySqlRunLock(db), kafka,
          new EtlJobRunner(hadoop, config, SchemaFiles.load(config, hadoop)), new LogAlertSender(), clock,
          new org.kafkaetl.offsets.JdbcThroughputHistory(db)).run();
    }
    return complete(result, (System.nanoTime() - start) / 1e9);
  }

  /** Runs {@code rerun --topic T --partition P --hour H --include-complete} once, as the command does. */
  static Timed rerun(Map<String, String> properties, Configuration hadoop, String topic, int partition,
      org.kafkaetl.core.HourPartition hour) {
    EtlConfig config = EtlConfig.parse(properties);
    Database db = new Database(config.jdbcUrl(), config.dbUser(), config.dbPassword().value());
    db.migrate();
    long start = System.nanoTime();
    RunResult result;
    try (var kafka = new org.kafkaetl.mapreduce.kafka.KafkaOffsetsReader(config.kafkaClientProperties(), 30_000)) {
      result = new Rerun(config, new JdbcOffsetStore(db), new MySqlRunLock(db), kafka,
          new EtlJobRunner(hadoop, config, SchemaFiles.load(config, hadoop)), new LogAlertSender(), Clock.systemUTC())
          .rerun(topic, java.util.Set.of(partition), hour, true, true);
    }
    return complete(result, (System.nanoTime() - start) / 1e9);
  }

  private static Timed complete(RunResult result, double seconds) {
    boolean allComplete = result.outcomes().stream().allMatch(o -> o.state() == RangeState.COMPLETE);
    if (result.exitCode() != ExitCode.OK || !allComplete || result.outcomes().isEmpty()) {
      throw new IllegalStateException("benchmark run did not land everything: " + result.exitCode() + " "
          + result.message());
    }
    return new Timed(result, seconds);
  }

  /** Bytes of the landed Avro files under a local directory. */
  static long avroBytes(Path dir) {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".avro")).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}

package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.AlertCapture;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.HourlyRuns;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.LandedFiles.LandedFile;
import org.kafkaetl.it.support.MySqlGoneAtTheEnd;
import org.kafkaetl.it.support.OutcomeCommitAnswerLost;

/**
 * MySQL goes away after the job committed and before the run recorded its outcome (the same trace a
 * killed driver leaves): nothing is lost, the next run settles the dead run's ranges from committed
 * output, and continues after them. What the dead run would have alerted about its reads (event
 * times outside the window, implausible ones) the settling run alerts. The same when the outcome
 * was recorded and the driver stopped before alerting on it.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class DeadRunIT {
  @TempDir
  java.nio.file.Path tmp;

  @Test
  void theNextRunSettlesADeadRunFromCommittedOutput(EtlTestEnvironment env) throws Exception {
    EtlScenario s = withARecordFrom1970(env);

    try {
      assertThatThrownBy(() -> HourlyRuns.run(s, env.hadoop().configuration(), Instant.now(),
          new MySqlGoneAtTheEnd(s.offsetStore(), env.mariaDb())))
          .isInstanceOf(RetriableException.class).hasMessageContaining("cannot connect to the database");
    } finally {
      env.mariaDb().start();
    }
    assertThat(s.offsetStore().allRanges(s.raw)).extracting(RangeRecord::state).containsOnly(RangeState.RUNNING);

    s.sendRaw(0, 4);
    Map<TopicPartition, List<Long>> sent = s.sent();
    EtlCli.Result next;
    List<String> alerts;
    try (AlertCapture capture = new AlertCapture()) {
      next = new EtlCli(env.hadoop().configuration(), tmp, s.properties()).run("run");
      alerts = capture.alerts();
    }
    assertThat(next.exitCode()).as(next.toString()).isZero();
    // the dead run never sent them: the settling run does, with the commands that land the record by its date
    assertThat(alerts).as("alerts of the settling run").anySatisfy(a -> assertThat(a)
        .contains("records with event times outside the window").contains("--include-complete")
        .contains("--date 1970-01-01 --rebuild"));
    assertThat(alerts).anySatisfy(a -> assertThat(a).contains("records with implausible event times"));

    List<RangeRecord> ranges = s.offsetStore().allRanges(s.raw);
    assertThat(ranges).extracting(RangeRecord::state).containsOnly(RangeState.COMPLETE);
    assertThat(ranges).hasSize(3);
    assertThat(LandedFiles.envelopeOffsets(env.hadoop().fileSystem(), new Path(s.workRoot), s.raw)).isEqualTo(sent);
  }

  @Test
  void whatARunRecordedButDidNotAlertOnTheNextRunAlerts(EtlTestEnvironment env) throws Exception {
    EtlScenario s = withARecordFrom1970(env);

    List<String> first;
    try (AlertCapture capture = new AlertCapture()) {
      assertThatThrownBy(() -> HourlyRuns.run(s, env.hadoop().configuration(), Instant.now(),
          new OutcomeCommitAnswerLost(s.offsetStore())))
          .isInstanceOf(RetriableException.class).hasMessageContaining("Communications link failure");
      first = capture.alerts();
    }
    // recorded, so nothing is left open for the next run to settle, and not alerted
    assertThat(s.offsetStore().allRanges(s.raw)).extracting(RangeRecord::state).containsOnly(RangeState.COMPLETE);
    assertThat(first).noneSatisfy(a -> assertThat(a).contains("records with event times outside the window"));

    List<String> next;
    EtlCli.Result result;
    try (AlertCapture capture = new AlertCapture()) {
      result = new EtlCli(env.hadoop().configuration(), tmp, s.properties()).run("run");
      next = capture.alerts();
    }
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(next).as("alerts of the next run").anySatisfy(a -> assertThat(a)
        .contains("records with event times outside the window").contains("--include-complete")
        .contains("--date 1970-01-01 --rebuild"));
    assertThat(next).anySatisfy(a -> assertThat(a).contains("records with implausible event times"));
    assertThat(s.offsetStore().endedRunsNotAlerted()).as("each alerted once").isEmpty();
  }

  /** 24 records in two partitions, one stamped at 1970 that the topic's window quarantines. */
  private EtlScenario withARecordFrom1970(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 2);
    s.onlyTopic(s.raw).set("etl.merge.after.run", "false")
        .set("topic." + s.raw + ".event.time.out.of.window", "quarantine");
    s.sendRaw(0, 15);
    // not alone in its partition: a log whose newest record is from 1970 is past retention at once
    s.sendRaw(1, 9);
    s.sendRaw(1, 1, 1_000L); // a producer clock at 1970: out of the window and implausible
    s.sent();
    return s;
  }
}

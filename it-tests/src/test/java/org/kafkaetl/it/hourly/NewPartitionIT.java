package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.LandedFiles;

/** A partition first seen with etl.new.partition.start=latest is read from then on, not skipped forever. */
@ExtendWith(EtlEnvironmentExtension.class)
class NewPartitionIT {
  @TempDir
  java.nio.file.Path tmp;

  @Test
  void aPartitionStartingAtLatestIsReadFromTheNextRunOn(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    s.onlyTopic(s.raw).set("etl.new.partition.start", "latest").set("etl.merge.after.run", "false");
    EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp, s.properties());
    s.sendRaw(0, 5);
    s.sent();
    assertThat(cli.run("run").exitCode()).isZero();
    assertThat(s.offsetStore().allRanges(s.raw)).as("nothing read at first sight").isEmpty();

    s.sendRaw(0, 7);
    s.sent();
    EtlCli.Result second = cli.run("run");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    List<Long> landed = new ArrayList<>();
    for (LandedFiles.LandedFile f : LandedFiles.dataFiles(env.hadoop().fileSystem(), new Path(s.workRoot))) {
      for (GenericRecord r : f.records()) {
        landed.add((Long) r.get("offset"));
      }
    }
    landed.sort(Long::compare);
    assertThat(landed).containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L);
  }
}

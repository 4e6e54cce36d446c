package org.kafkaetl.it.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;

/**
 * The soak's short version for the default suite: a few simulated hours on the shared environment
 * with the faults that need no spare nodes, a fixed seed (override with -Dsoak.seed). The full soak
 * is {@link FullSoakIT} ({@code -Psoak}).
 */
@ExtendWith(EtlEnvironmentExtension.class)
class ShortSoakIT {
  private static final long DEFAULT_SEED = 5;

  @TempDir
  java.nio.file.Path tmp;

  @Test
  void afewFaultyHoursLandEverythingExactlyOnceExceptWhatKafkaDeleted(EtlTestEnvironment env) throws Exception {
    // Five faults in six hours. Kafka deleting a part-read range before its retry is left to
    // RetryAfterRetentionIT and the full soak: here it cost an hour of the suite's time.
    Soak.Settings settings = new Soak.Settings(Long.getLong("soak.seed", DEFAULT_SEED), 6,
        List.of(FaultClass.TASK_ATTEMPT_KILLED, FaultClass.DRIVER_KILLED, FaultClass.RETENTION_DELETED,
            FaultClass.POISON_MESSAGES, FaultClass.PARTITIONS_ADDED), 1, 1, 2, 30, List.of(SoakFormat.RAW));

    Soak.Report report = new Soak(env, Optional.empty(), tmp, settings).run();

    assertThat(report.problems()).as(report.table()).isEmpty();
  }
}

package org.kafkaetl.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;

class FixCommandsTest {
  private static final HourPartition HOUR = HourPartition.parse("2026112103");

  @Test
  void commandsStartTheToolTheWayThisClusterDoesAndNameTheConfiguration() {
    FixCommands fix = new FixCommands("hadoop jar /opt/kafka-etl/kafka-etl-job.jar -D mapreduce.job.queuename=etl",
        Optional.of("/etc/kafka-etl/prod.properties"));
    assertThat(fix.rerun("clicks", List.of(3, 1, 3), HOUR)).isEqualTo("hadoop jar /opt/kafka-etl/kafka-etl-job.jar"
        + " -D mapreduce.job.queuename=etl rerun --topic clicks --partition 1,3 --hour 2026112103"
        + " --config /etc/kafka-etl/prod.properties");
    assertThat(fix.rebuild("clicks", LocalDate.of(2026, 11, 21), 2)).endsWith(
        " merge --topic clicks --date 2026-11-21 --partition 2 --rebuild --config /etc/kafka-etl/prod.properties");
  }

  @Test
  void withoutAConfigurationFileTheCommandRelysOnTheDefault() {
    assertThat(FixCommands.defaults().merge("clicks", LocalDate.of(2026, 11, 21), null))
        .isEqualTo("hadoop jar kafka-etl-job.jar merge --topic clicks --date 2026-11-21");
    assertThat(new FixCommands("x", Optional.of(" ")).run()).isEqualTo("x run");
  }

  @Test
  void aPathAShellWouldSplitOrExpandIsQuoted() {
    FixCommands fix = new FixCommands("etl", Optional.of("/etc/my etl/it's $HOME.properties"));
    assertThat(fix.run()).isEqualTo("etl run --config '/etc/my etl/it'\\''s $HOME.properties'");
  }

  @Test
  void aBlankLauncherIsRefused() {
    assertThatThrownBy(() -> new FixCommands(" ", Optional.empty())).isInstanceOf(IllegalArgumentException.class);
  }
}

package org.kafkaetl.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.Severity;

/** What an SMS says: the cause after the commands, in the order they are run, cut to fit a phone. */
class SmsTextTest {
  private static final Alert INCOMPLETE = new Alert(Severity.CRITICAL, "incomplete:t:2026112103",
      "topic t hour 2026112103: 2 range(s) incomplete", "  t-0[0-10) reached 3: \"max pull time\"",
      List.of("hadoop jar kafka-etl-job.jar rerun --topic t --partition 0,1 --hour 2026112103"));

  @Test
  void longTextsAreCutForAPhone() {
    Alert longOne = new Alert(Severity.CRITICAL, "k", "x".repeat(2000), "", List.of());
    assertThat(SmsGatewaySender.text(longOne)).hasSize(SmsGatewaySender.MAX_TEXT).endsWith("...");
  }

  @Test
  void theTextNamesTheCauseAfterTheCommandAndACutTakesTheCauseFirst() {
    assertThat(SmsGatewaySender.text(INCOMPLETE)).isEqualTo("[CRITICAL] topic t hour 2026112103: 2 range(s) incomplete"
        + " | fix: hadoop jar kafka-etl-job.jar rerun --topic t --partition 0,1 --hour 2026112103"
        + " | t-0[0-10) reached 3: \"max pull time\"");
    Alert longCause = new Alert(Severity.CRITICAL, "k", "summary", "\n  " + "y".repeat(2000) + "\nsecond line",
        INCOMPLETE.fixCommands());
    assertThat(SmsGatewaySender.text(longCause)).hasSize(SmsGatewaySender.MAX_TEXT)
        .startsWith("[CRITICAL] summary | fix: " + INCOMPLETE.fixCommands().get(0) + " | yyy")
        .doesNotContain("second line");
  }

  @Test
  void everyCommandIsInTheTextInTheOrderItIsRunWhileTheyFit() {
    Alert twoSteps = new Alert(Severity.CRITICAL, "k", "run 7 of hour 2026112103 stopped",
        "its job may still be running", List.of("yarn application -kill application_1_0002",
            "hadoop jar kafka-etl-job.jar run"));
    assertThat(SmsGatewaySender.text(twoSteps)).isEqualTo("[CRITICAL] run 7 of hour 2026112103 stopped"
        + " | fix: yarn application -kill application_1_0002 ; then hadoop jar kafka-etl-job.jar run"
        + " | its job may still be running");
    Alert many = new Alert(Severity.CRITICAL, "k", "summary", "cause",
        java.util.stream.IntStream.range(0, 40).mapToObj(i -> "hadoop jar kafka-etl-job.jar merge --partition " + i)
            .toList());
    assertThat(SmsGatewaySender.text(many)).isEqualTo("[CRITICAL] summary | fix: hadoop jar kafka-etl-job.jar merge"
        + " --partition 0 (+39 more) | cause");
  }
}

package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.AlertCapture;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.LocalHadoop;
import org.slf4j.LoggerFactory;

/**
 * A matched topic taken out by etl.topics.exclude while a range of it is incomplete: no run retries
 * it any more, so each run warns with the commands that land it once it is back; and a run's log of
 * the matched topics names those the bookkeeping already knows.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class RetiredTopicIT {
  @TempDir
  Path tmp;

  @Test
  void anExcludedTopicWithAnIncompleteRangeIsWarnedWithTheRerunThatLandsIt(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    String matching = s.name + "_orders_eu";
    env.kafka().createTopic(matching, 1);
    for (int i = 0; i < 3; i++) {
      env.kafka().produce(matching, 0, System.currentTimeMillis(), null, "v".getBytes()).get(60, TimeUnit.SECONDS);
    }
    s.onlyTopic(s.raw).set("etl.merge.after.run", "false")
        .set("etl.topics.include", Pattern.quote(s.name + "_orders_") + ".*")
        .set("etl.work.root", tmp.resolve("work").toUri().toString())
        .set("etl.warehouse.root", tmp.resolve("warehouse").toUri().toString())
        // a pull time already over when the mapper starts: every range is left incomplete
        .set("etl.max.pull.time", "1ms");
    EtlCli starved = new EtlCli(LocalHadoop.configuration(tmp.resolve("hadoop-tmp")), tmp.resolve("starved"),
        s.properties());
    Map<String, String> excluding = new TreeMap<>(s.properties());
    excluding.put("etl.topics.exclude", Pattern.quote(matching));
    EtlCli excluded = new EtlCli(LocalHadoop.configuration(tmp.resolve("hadoop-tmp")), tmp.resolve("excluded"),
        excluding);

    EtlCli.Result first = starved.run("run");
    assertThat(first.exitCode()).as(first.toString()).isEqualTo(3);
    assertThat(s.offsetStore().allRanges(matching)).singleElement()
        .satisfies(r -> assertThat(r.state()).isEqualTo(RangeState.INCOMPLETE));
    String hour = s.offsetStore().allRanges(matching).get(0).hour().toString();

    try (AlertCapture alerts = new AlertCapture()) {
      EtlCli.Result retired = excluded.run("run");
      assertThat(retired.exitCode()).as(retired.toString()).isZero();
      assertThat(alerts.alerts()).filteredOn(a -> a.contains("no longer selected")).singleElement().asString()
          .contains("WARNING", "topic " + matching + " is no longer selected but has 1 range(s) not landed completely",
              "add " + matching + " back to etl.topics",
              "rerun --topic " + matching + " --partition 0 --hour " + hour);
    }
    assertThat(s.offsetStore().allRanges(matching)).as("not retried while excluded").singleElement()
        .satisfies(r -> assertThat(r.attempts()).isEqualTo(1));

    Logger components = (Logger) LoggerFactory.getLogger("org.kafkaetl.cli.Components");
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    components.addAppender(log);
    try (AlertCapture alerts = new AlertCapture()) {
      EtlCli.Result back = starved.run("run");
      assertThat(back.exitCode()).as(back.toString()).isEqualTo(3);
      assertThat(alerts.alerts()).as("selected again: retried, not warned").noneMatch(a -> a.contains("no longer selected"));
    } finally {
      components.detachAppender(log);
    }
    assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
        .contains("topics matched by etl.topics.include: [" + matching + "] (0 new: [])");
  }
}

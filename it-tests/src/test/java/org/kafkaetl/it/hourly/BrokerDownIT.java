package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.fixtures.KafkaFixture;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.SmsGateway;

/**
 * The broker goes down while a mapper is reading: the range stops at the stall timeout, is
 * recorded INCOMPLETE with the offset it reached (and what it read up to there is landed), one SMS
 * names the cause and the rerun command; with the broker back, that command lands every offset
 * exactly once.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class BrokerDownIT {
  private static final int MESSAGES = 1000;

  @TempDir
  java.nio.file.Path tmp;

  @Test
  void aBrokerStoppedMidReadPagesOnceAndTheCommandInTheSmsLandsEveryOffsetOnce(EtlTestEnvironment env)
      throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    s.onlyTopic(s.raw).set("etl.retry.max.attempts", "1");
    List<Long> sent = org.kafkaetl.it.support.OneRecordBatches.produce(env.kafka(), s.raw, MESSAGES);
    assertThat(sent).containsExactlyElementsOf(LongStream.range(0, MESSAGES).boxed().toList());

    try (SmsGateway gateway = SmsGateway.start()) {
      s.properties().putAll(gateway.alertSettings(""));
      // One producer batch (here: one message) per fetch makes the mapper read for seconds, so the
      // broker stops in the middle of the range; a short stall timeout ends the range soon after.
      EtlCli normal = new EtlCli(env.hadoop().configuration(), tmp.resolve("normal"), s.properties());
      Map<String, String> slow = new TreeMap<>(s.properties());
      slow.put("alerts.fix.config", normal.configFile().toString());
      slow.put("kafka.max.partition.fetch.bytes", "1");
      slow.put("etl.stall.timeout", "4s");
      EtlCli.Result run;
      try (BrokerStopper stopper = new BrokerStopper(env, new Path(s.workRoot))) {
        run = new EtlCli(env.hadoop().configuration(), tmp.resolve("slow"), slow).run("run");
        assertThat(stopper.stopped()).as("the broker was stopped while the mapper read").isTrue();
      }
      awaitLeader(env.kafka(), s.raw);

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
      RangeRecord range = s.offsetStore().allRanges(s.raw).get(0);
      assertThat(s.offsetStore().allRanges(s.raw)).hasSize(1);
      assertThat(range.state()).isEqualTo(RangeState.INCOMPLETE);
      assertThat(range.reached()).as("stopped mid-range").isStrictlyBetween(0L, (long) MESSAGES);
      assertThat(range.detail()).contains("stopped at offset " + range.reached(), "no progress for 4 s");
      assertThat(LandedFiles.envelopeOffsets(env.hadoop().fileSystem(), new Path(s.workRoot)))
          .as("what was read before the broker went away landed, and nothing more")
          .isEqualTo(Map.of(0, LongStream.range(0, range.reached()).boxed().toList()));

      assertThat(gateway.bodies()).as("one SMS").hasSize(1);
      assertThat(gateway.texts().get(0)).contains("reached " + range.reached(), "no progress for 4 s",
          "broker down or partition unavailable");
      String command = "rerun --topic " + s.raw + " --partition 0 --hour " + range.hour() + " --config "
          + normal.configFile();
      assertThat(gateway.fixCommands()).containsExactly(command);

      EtlCli.Result fixed = normal.run(command.split(" "));
      assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
      assertThat(LandedFiles.envelopeOffsets(env.hadoop().fileSystem(), new Path(s.workRoot), s.raw))
          .isEqualTo(Map.of(TopicPartition.of(s.raw, 0), sent));
      assertThat(s.offsetStore().allRanges(s.raw)).singleElement()
          .satisfies(r -> assertThat(r.state()).isEqualTo(RangeState.COMPLETE));
      assertThat(gateway.texts()).as("a rerun that fixed the hour pages nobody; it tells the paged one").hasSize(2);
      assertThat(gateway.texts().get(1)).contains("RESOLVED", s.raw, range.hour().toString());
      assertThat(gateway.fixCommands()).as("the resolution asks for nothing").containsExactly(command);
    }
  }

  /**
   * Stops the broker as soon as a mapper has written its first record (an Avro file appears under
   * the work root); on close, starts it again and waits until it is ready, so the shared broker is
   * back for the tests after this one whatever happened.
   */
  private static final class BrokerStopper implements AutoCloseable {
    private final EtlTestEnvironment env;
    private final Thread watcher;
    private volatile boolean closed;
    private volatile boolean stopped;
    private volatile RuntimeException failure;

    BrokerStopper(EtlTestEnvironment env, Path workRoot) {
      this.env = env;
      this.watcher = new Thread(() -> watch(workRoot), "broker-stopper");
      watcher.setDaemon(true);
      watcher.start();
    }

    private void watch(Path workRoot) {
      try {
        FileSystem fs = env.hadoop().fileSystem();
        while (!closed) {
          if (anyAvroFile(fs, workRoot)) {
            env.kafka().stopBroker();
            stopped = true;
            return;
          }
          Thread.sleep(20);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        failure = new UncheckedIOException(e);
      } catch (RuntimeException e) {
        failure = e;
      }
    }

    boolean stopped() {
      if (failure != null) {
        throw failure;
      }
      return stopped;
    }

    @Override
    public void close() throws InterruptedException {
      closed = true;
      watcher.join(TimeUnit.MINUTES.toMillis(2));
      if (stopped) {
        env.kafka().restartBroker();
      }
    }

    private static boolean anyAvroFile(FileSystem fs, Path root) throws IOException {
      try {
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
        while (it.hasNext()) {
          if (it.next().getPath().getName().endsWith(".avro")) {
            return true;
          }
        }
        return false;
      } catch (FileNotFoundException e) {
        return false;
      }
    }
  }


  /** After a restart, the partition has a leader again before anything reads it. */
  private static void awaitLeader(KafkaFixture kafka, String topic) {
    await("partition leader of " + topic + " after the broker restart").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
        .until(() -> {
          TopicDescription d = kafka.admin().describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
              .get(topic);
          return d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        });
  }
}

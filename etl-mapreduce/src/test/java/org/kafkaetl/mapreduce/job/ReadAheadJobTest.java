package org.kafkaetl.mapreduce.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.hadoop.security.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.plan.MapperAssignment;

/**
 * etl.read.ahead from the configuration to the task: the job and run sizing ask YARN for two vcores
 * per map task only with it, and only then does the record reader read on a thread of its own,
 * which closing the reader stops even while a real consumer waits in a poll.
 */
@Timeout(60)
class ReadAheadJobTest {
  private static final KafkaEvent EVENT = new KafkaEvent(TopicPartition.of("clicks", 0), new OffsetRange(0, 10));
  private static final TaskAttemptID ATTEMPT = TaskAttemptID.forName("attempt_1700000000000_0001_m_000000_0");

  @TempDir
  java.nio.file.Path dir;

  @Test
  void theJobAsksForTwoVcoresPerMapTaskOnlyWhenItReadsAhead() throws IOException {
    assertThat(job(config(false)).getConfiguration().get(JobSettings.MAP_VCORES)).isNull();
    assertThat(job(config(true)).getConfiguration().getInt(JobSettings.MAP_VCORES, -1)).isEqualTo(2);
  }

  @Test
  void aLowerRequestIsRaisedAndAHigherOneStays() {
    Configuration one = new Configuration(false);
    one.setInt(JobSettings.MAP_VCORES, 1);
    assertThat(JobSettings.declareMapTaskResources(one, config(true)).getInt(JobSettings.MAP_VCORES, -1)).isEqualTo(2);
    Configuration four = new Configuration(false);
    four.setInt(JobSettings.MAP_VCORES, 4);
    assertThat(JobSettings.declareMapTaskResources(four, config(true)).getInt(JobSettings.MAP_VCORES, -1)).isEqualTo(4);
    Configuration off = new Configuration(false);
    off.setInt(JobSettings.MAP_VCORES, 1);
    assertThat(JobSettings.declareMapTaskResources(off, config(false)).getInt(JobSettings.MAP_VCORES, -1)).isEqualTo(1);
  }

  /** Run sizing counts the map tasks that fit in the queue with the request the job will make. */
  @Test
  void runSizingAsksTheQueueWithTheSameRequest() {
    assertThat(capacity(config(true)).mapTask().vcores()).isEqualTo(2);
    assertThat(capacity(config(false)).mapTask().vcores()).isEqualTo(1);
  }

  @Test
  void theRecordReaderReadsOnAThreadOfItsOwnOnlyWhenAsked() throws Exception {
    try (Reader off = new Reader(config(false)); Reader on = new Reader(config(true))) {
      assertThat(off.reader.readsAhead()).isFalse();
      assertThat(on.reader.readsAhead()).isTrue();
    }
  }

  /**
   * A real KafkaConsumer with no broker to answer waits in poll for the whole poll timeout (10
   * minutes here); closing the reader, as a failing task does, must not.
   */
  @Test
  void closingTheReaderStopsItsReadingThreadWhileARealConsumerWaitsInAPoll() throws Exception {
    Map<String, String> props = properties(true);
    props.put("etl.poll.timeout", "10m");
    props.put("etl.max.pull.time", "1h");
    try (Reader on = new Reader(EtlConfig.parse(props))) {
      AtomicReference<Throwable> mapperSaw = new AtomicReference<>();
      Thread mapper = new Thread(() -> {
        try {
          on.reader.nextKeyValue();
        } catch (InterruptedException | RuntimeException e) {
          mapperSaw.set(e);
        }
      });
      mapper.start();
      String readingThread = "kafka-etl read-ahead " + ATTEMPT;
      while (!inPoll(readingThread)) {
        Thread.sleep(20);
      }

      long start = System.nanoTime();
      on.reader.close();
      assertThat((System.nanoTime() - start) / 1_000_000).as("ms to close").isLessThan(10_000);
      assertThat(threadNamed(readingThread)).as("the reading thread ended").isFalse();
      mapper.join();
      assertThat(mapperSaw.get()).as("a waiting mapper is told, not handed an end").isInstanceOf(
          IllegalStateException.class);
    }
  }

  private static boolean inPoll(String threadName) {
    return Thread.getAllStackTraces().entrySet().stream().anyMatch(e -> e.getKey().getName().equals(threadName)
        && java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getMethodName().equals("poll")
            && f.getClassName().contains("KafkaConsumer")));
  }

  private static boolean threadNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name));
  }

  /** A record reader initialized as a map task's is, for a consumer with no broker behind it. */
  private static final class Reader implements AutoCloseable {
    final EtlRecordReader reader = new EtlRecordReader();

    Reader(EtlConfig config) {
      Configuration conf = new Configuration(false);
      JobSettings.write(conf, new Credentials(), config, Map.of(), List.of(new MapperAssignment(List.of(EVENT), 10)), 7);
      reader.initialize(new EtlInputSplit(List.of(EVENT)), new TaskAttemptContextImpl(conf, ATTEMPT));
    }

    @Override
    public void close() {
      reader.close();
    }
  }

  private Job job(EtlConfig config) throws IOException {
    String workRoot = config.workRoot();
    return new EtlJobRunner(new Configuration(false), config, Map.of()).newJob(HourPartition.parse("2026112103"), 7,
        List.of(), new Path(workRoot, "2026112103"), Map.of());
  }

  private static YarnQueueCapacity capacity(EtlConfig config) {
    return (YarnQueueCapacity) new EtlJobRunner(new Configuration(false), config, Map.of()).queueCapacity();
  }

  private EtlConfig config(boolean readAhead) {
    return EtlConfig.parse(properties(readAhead));
  }

  private Map<String, String> properties(boolean readAhead) {
    Map<String, String> props = new HashMap<>(Map.of("kafka.bootstrap.servers", "127.0.0.1:9", "db.url",
        "jdbc:mysql://db/etl", "db.user", "etl", "etl.topics", "clicks", "etl.work.root",
        dir.resolve("work").toUri().toString()));
    props.put("etl.read.ahead", String.valueOf(readAhead));
    return props;
  }
}

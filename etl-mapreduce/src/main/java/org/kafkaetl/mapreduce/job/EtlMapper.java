package org.kafkaetl.mapreduce.job;

import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.config.TopicConfig;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.decode.Decoders;
import org.kafkaetl.core.decode.KafkaMessage;
import org.kafkaetl.core.decode.MessageDecoder;
import org.kafkaetl.core.decode.WriterSchemas;
import org.kafkaetl.mapreduce.land.RangeLander;
import org.kafkaetl.mapreduce.registry.SchemaRegistryClient;

/**
 * Hands each message to a {@link RangeLander} writing into the task attempt's work directory; a
 * range that resumes an earlier read starts with that read's records.
 */
public final class EtlMapper extends Mapper<KafkaEvent, ReadItem, NullWritable, NullWritable> {
  static final String RECORDS = "kafka-etl records";
  static final String BYTES = "kafka-etl bytes";
  static final String DECODE_ERRORS = "kafka-etl decode errors";
  static final String INCOMPLETE = "kafka-etl incomplete ranges";
  static final String OUT_OF_WINDOW = "kafka-etl event times outside the window";
  static final String IMPLAUSIBLE = "kafka-etl implausible event times";
  static final String SKIPPED_TOMBSTONES = "kafka-etl tombstones skipped";
  static final String NOT_RESUMED = "kafka-etl ranges whose earlier read could not be carried over";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EtlMapper.class);

  private RangeLander lander;
  private KafkaEvent open;
  private Map<KafkaEvent, Long> resumed;
  private org.apache.hadoop.fs.FileSystem fs;
  private Path hourDir;
  private long runId;
  /** A range whose earlier read could not be carried over: read to its end, but nothing of it is written. */
  private KafkaEvent abandoned;
  /**
   * When the task was ready or its previous range ended (System.nanoTime): ranges are read one after
   * another, so the time since then is this range's, its first poll included.
   */
  private long previousEnd;
  /** Whether the open range resumes an earlier read: its time says nothing of a rate. */
  private boolean openResumed;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    EtlConfig config = JobSettings.config(context.getConfiguration(), context.getCredentials());
    Map<String, Schema> schemas = JobSettings.schemas(context.getConfiguration());
    Path workDir = FileOutputFormat.getWorkOutputPath(context);
    // The job's output is the hour directory (WorkLayout.hourDir), so its name is the run hour.
    hourDir = FileOutputFormat.getOutputPath(context);
    HourPartition hour = HourPartition.parse(hourDir.getName());
    fs = hourDir.getFileSystem(context.getConfiguration());
    runId = context.getConfiguration().getLong(JobSettings.RUN_ID, -1);
    resumed = JobSettings.resumed(context.getConfiguration());
    // One client per task, starting from the writer schemas the driver fetched for the run: what it
    // fetches itself serves every range of the task.
    WriterSchemas writers = config.schemaRegistry().isConfigured()
        ? new SchemaRegistryClient(config.schemaRegistry(), JobSettings.writerSchemas(context.getConfiguration()))
        : Decoders.NO_REGISTRY;
    lander = new RangeLander(topic -> decoder(config, schemas, writers, topic), topic -> topicConfig(config, topic), hour,
        new HadoopFileSink(workDir.getFileSystem(context.getConfiguration()), workDir),
        config.timeZone(), config.avroCompression().codecFactory(), config.maxOpenDateFiles(), context::progress,
        config.plausibleEventTimes());
    previousEnd = System.nanoTime();
  }

  @Override
  protected void map(KafkaEvent event, ReadItem item, Context context) throws IOException {
    if (event.equals(abandoned)) {
      if (item instanceof ReadItem.RangeEnd) {
        abandoned = null;
        open = null;
        previousEnd = System.nanoTime();
      }
      return;
    }
    if (!event.equals(open)) {
      open = event;
      if (!start(event)) {
        context.getCounter(NOT_RESUMED, event.topic()).increment(1);
        abandoned = item instanceof ReadItem.RangeEnd ? null : event;
        open = null;
        return;
      }
    }
    if (item instanceof ReadItem.Messages batch) {
      for (KafkaMessage m : batch.messages()) {
        lander.accept(m);
      }
    } else if (item instanceof ReadItem.RangeEnd end) {
      // The per-range time feeds the next runs' sizing (per-mapper rates): monotonic, so clock steps don't skew it.
      long now = System.nanoTime();
      long readMillis = openResumed ? 0 : Math.max(1, (now - previousEnd) / 1_000_000);
      RangeReport report = lander.finish(end.reached(), end.stopReason(), end.lost(), readMillis);
      // writing spilled dates at the end is this range's time, not the next one's
      previousEnd = System.nanoTime();
      open = null;
      count(context, report);
    }
  }

  /**
   * Begins the event, or resumes it from the earlier read the driver set aside (EarlierReads). A
   * failure to carry that read over costs this range only: it commits no report, so the driver puts
   * the earlier read back, and the task's other ranges land as usual.
   */
  private boolean start(KafkaEvent event) throws IOException {
    openResumed = resumed.containsKey(event);
    if (!openResumed) {
      lander.begin(event);
      return true;
    }
    Path earlier = EarlierReads.dir(hourDir, runId);
    try {
      lander.resume(event, EarlierReads.report(fs, hourDir, runId, event),
          relative -> fs.open(new Path(earlier, relative)));
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.error("cannot carry the earlier read of {} over; this range lands nothing and its earlier read stays",
          event, e);
      lander.abandon();
      return false;
    }
  }

  private static void count(Context context, RangeReport report) {
    String topic = report.event().topic();
    context.getCounter(RECORDS, topic).increment(report.records());
    context.getCounter(BYTES, topic).increment(report.bytes());
    context.getCounter(DECODE_ERRORS, topic).increment(report.decodeErrors());
    context.getCounter(OUT_OF_WINDOW, topic).increment(report.outOfWindow());
    context.getCounter(SKIPPED_TOMBSTONES, topic).increment(report.skippedTombstones());
    context.getCounter(IMPLAUSIBLE, topic).increment(report.implausibleCount());
    if (!report.readToEnd()) {
      context.getCounter(INCOMPLETE, topic).increment(1);
    }
  }

  private static MessageDecoder decoder(EtlConfig config, Map<String, Schema> schemas, WriterSchemas writers,
      String topic) {
    return Decoders.create(topicConfig(config, topic), schemas.get(topic), writers);
  }

  private static TopicConfig topicConfig(EtlConfig config, String topic) {
    return config.topic(topic)
        .orElseThrow(() -> new IllegalStateException("planned topic " + topic + " is not configured"));
  }
}

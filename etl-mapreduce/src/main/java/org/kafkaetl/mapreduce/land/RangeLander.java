package org.kafkaetl.mapreduce.land;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.generic.GenericRecord;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.config.PlausibleEventTimes;
import org.kafkaetl.core.config.TombstonePolicy;
import org.kafkaetl.core.config.TopicConfig;
import org.kafkaetl.core.coverage.ImplausibleTally;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReportCodec;
import org.kafkaetl.core.decode.DecodeException;
import org.kafkaetl.core.decode.DirectEncoder;
import org.kafkaetl.core.decode.KafkaMessage;
import org.kafkaetl.core.decode.MessageDecoder;
import org.kafkaetl.core.decode.RegistryUnavailableException;
import org.kafkaetl.core.layout.WorkLayout;

/**
 * Lands one event's messages: decodes each, routes it by event date to that date's Avro file,
 * sends undecodable ones to the error file, and at the end writes the event's report. No single
 * message can fail the task: whatever its bytes or times, it lands, goes to the error file with a
 * reason, or (a tombstone the topic skips) is counted; only a schema registry that does not answer
 * ends the read early, before the message that needed it, so no good message lands in the error file. Holds no Hadoop types, so unit tests drive it
 * with a local {@link FileSink}. It decodes, routes and counts; the range's files are {@link RangeFiles}'.
 */
public final class RangeLander {
  private final Function<String, MessageDecoder> decoders;
  private final Function<String, TopicConfig> topics;
  private final HourPartition hour;
  private final ZoneId zone;
  private final FileSink sink;
  private final RangeFiles files;

  private KafkaEvent event;
  private MessageDecoder decoder;
  /** Set when the topic's records can be written straight from the message (raw envelopes). */
  private DirectEncoder direct;
  private TombstonePolicy tombstones;
  private EventDateRouter router;
  private long records;
  private long decodeErrors;
  private long bytes;
  private long outOfWindow;
  private long outOfWindowErrors;
  private long skippedTombstones;
  private List<OffsetRange> carriedLost = List.of();
  /** Where the read stopped because the decoder's registry did not answer (-1: it did not), and why. */
  private long stoppedAt = -1;
  private String stoppedReason;
  private final OffsetTrail offsets = new OffsetTrail();
  private final PlausibleEventTimes plausible;
  private final ImplausibleTally implausible = new ImplausibleTally();

  /**
   * @param topics each topic's settings (event-time window, tombstone policy)
   * @param hour the run's hour, which the event-time window is relative to
   * @param maxOpenDateFiles most data files one range keeps open at once (see {@link DatedFiles})
   */
  public RangeLander(Function<String, MessageDecoder> decoders, Function<String, TopicConfig> topics,
      HourPartition hour, FileSink sink, ZoneId zone, CodecFactory codec, int maxOpenDateFiles) {
    this(decoders, topics, hour, sink, zone, codec, maxOpenDateFiles, () -> { });
  }

  /** @param progress told while a range's end takes long (see {@link DatedFiles}), e.g. the task's context */
  public RangeLander(Function<String, MessageDecoder> decoders, Function<String, TopicConfig> topics,
      HourPartition hour, FileSink sink, ZoneId zone, CodecFactory codec, int maxOpenDateFiles, Runnable progress) {
    this(decoders, topics, hour, sink, zone, codec, maxOpenDateFiles, progress, PlausibleEventTimes.DEFAULT);
  }

  /** @param plausible event times not counted as implausible in the reports */
  public RangeLander(Function<String, MessageDecoder> decoders, Function<String, TopicConfig> topics,
      HourPartition hour, FileSink sink, ZoneId zone, CodecFactory codec, int maxOpenDateFiles, Runnable progress,
      PlausibleEventTimes plausible) {
    this.plausible = plausible;
    this.decoders = decoders;
    this.topics = topics;
    this.hour = hour;
    this.zone = zone;
    this.sink = sink;
    this.files = new RangeFiles(sink, zone, codec, maxOpenDateFiles, progress);
  }

  public void begin(KafkaEvent event) {
    this.event = event;
    this.decoder = decoders.apply(event.topic());
    this.direct = decoder.directEncoder().orElse(null);
    TopicConfig topic = topics.apply(event.topic());
    this.tombstones = topic.tombstones();
    this.router = new EventDateRouter(topic.eventTimeWindow(), hour, zone);
    this.files.begin(event, decoder.schema());
    this.records = 0;
    this.decodeErrors = 0;
    this.bytes = 0;
    this.outOfWindow = 0;
    this.outOfWindowErrors = 0;
    this.skippedTombstones = 0;
    this.carriedLost = List.of();
    this.stoppedAt = -1;
    this.stoppedReason = null;
    this.offsets.clear(event.toString());
    this.implausible.begin(plausible.bounds(hour, zone));
  }

  /**
   * Starts the event as the continuation of an earlier read that stopped at {@code earlier.reached()}:
   * its records are copied into this read's files first and its counts carried on, so the files and
   * report of this read hold the whole range (except the implausible event times, which count what
   * this read saw); the messages then handed in start where it stopped.
   * Nothing the earlier read landed is read from Kafka again, which may have deleted it since.
   */
  public void resume(KafkaEvent event, RangeReport earlier, FileSource earlierFiles) throws IOException {
    begin(event);
    records = earlier.records();
    decodeErrors = earlier.decodeErrors();
    bytes = earlier.bytes();
    outOfWindow = earlier.outOfWindow();
    outOfWindowErrors = earlier.outOfWindowErrors();
    skippedTombstones = earlier.skippedTombstones();
    carriedLost = earlier.lost();
    // Implausible event times are not carried: the earlier read's were alerted and pushed when its
    // run recorded it, or when the next run settled it after its run died (DeadRunReconciler), and
    // this read's report (its alert, its metric) counts only what this read saw.
    offsets.carry(earlier);
    files.carry(earlier, earlierFiles);
  }

  public void accept(KafkaMessage message) throws IOException {
    if (stoppedAt >= 0) {
      return;
    }
    offsets.read(message.offset());
    bytes += length(message.key()) + length(message.value());
    if (message.value() == null && tombstones != TombstonePolicy.LAND) {
      tombstone(message);
      return;
    }
    GenericRecord decoded = null;
    ByteBuffer encoded = null;
    long eventMillis;
    try {
      if (direct != null) {
        encoded = direct.encode(message);
        eventMillis = message.timestamp();
      } else {
        decoded = decoder.decode(message);
        eventMillis = decoder.eventTimeMillis(decoded, message);
      }
    } catch (RegistryUnavailableException e) {
      // Nothing is known against the message: the read ends before it, INCOMPLETE, and is retried.
      stoppedAt = message.offset();
      stoppedReason = "schema registry unavailable at offset " + stoppedAt + ": " + e.getMessage();
      bytes -= length(message.key()) + length(message.value()); // not this read's: the retry reads it
      return;
    } catch (DecodeException e) {
      undecodable(message, String.valueOf(e.getMessage()));
      return;
    } catch (RuntimeException e) {
      // A decoder bug on odd bytes must cost one message, not the task and every range in it.
      undecodable(message, where(message) + "the decoder failed on this message: " + e);
      return;
    }
    implausible.note(message.offset(), eventMillis);
    EventDateRouter.Route route = router.route(eventMillis, message.timestamp());
    if (route.outOfWindow()) {
      outOfWindow++;
    }
    if (route.errorReason() != null) {
      files.errorWriter().append(ErrorRecords.of(message, where(message) + route.errorReason()));
      offsets.landed(WorkLayout.errorFile(event), message.offset());
      outOfWindowErrors++;
      return;
    }
    DatedFiles.DateFile file = files.forTime(route.millis());
    if (encoded != null) {
      file.appendEncoded(encoded);
    } else {
      file.append(decoded);
    }
    offsets.landed(file.path(), message.offset());
    file.records++;
    records++;
  }

  private void tombstone(KafkaMessage message) throws IOException {
    if (tombstones == TombstonePolicy.SKIP) {
      offsets.skipped(message.offset());
      skippedTombstones++;
    } else {
      undecodable(message, where(message) + "value is null (a tombstone) and the topic's tombstones policy is error");
    }
  }

  private void undecodable(KafkaMessage message, String reason) throws IOException {
    files.errorWriter().append(ErrorRecords.of(message, reason));
    offsets.landed(WorkLayout.errorFile(event), message.offset());
    decodeErrors++;
  }

  /** Drops the event: its files are closed as they are and no report is written, so it counts as not read. */
  public void abandon() {
    files.abandon();
  }

  /**
   * Closes the event's files and writes its report, with each file's length and records so coverage
   * can tell them from an earlier read's files of the same name; the report is the last file written.
   */
  public RangeReport finish(long reached, String stopReason, List<OffsetRange> lost) throws IOException {
    return finish(reached, stopReason, lost, 0);
  }

  /**
   * {@link #finish(long, String, List)}, noting in the report how long the range took.
   *
   * @param readMillis time from the range's first poll to now; 0 when unknown
   */
  public RangeReport finish(long reached, String stopReason, List<OffsetRange> lost, long readMillis)
      throws IOException {
    if (stoppedAt >= 0 && stoppedAt < reached) {
      return finish(stoppedAt, stoppedReason, lost.stream().filter(r -> r.end() <= stoppedAt).toList(), readMillis);
    }
    RangeFiles.Closed closed = files.close(offsets, decodeErrors + outOfWindowErrors);
    List<OffsetRange> allLost = new ArrayList<>(carriedLost);
    allLost.addAll(lost);
    RangeReport report =
        new RangeReport(event, reached, records, decodeErrors, bytes, stopReason, closed.recordsByDate(), allLost,
            outOfWindow, outOfWindowErrors, skippedTombstones, closed.landed(),
            offsets.account(new OffsetRange(event.range().begin(), Math.max(event.range().begin(), reached)), allLost),
            readMillis, implausible.result());
    try (OutputStream out = sink.create(WorkLayout.reportFile(event))) {
      out.write(ReportCodec.encode(report));
    }
    return report;
  }

  /** The prefix DecodeException gives its reasons, so every reason in an error file starts alike. */
  private static String where(KafkaMessage m) {
    return m.topic() + "-" + m.partition() + "@" + m.offset() + ": ";
  }

  private static long length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }
}

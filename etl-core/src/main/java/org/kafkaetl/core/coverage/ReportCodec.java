package org.kafkaetl.core.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetIntervals;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;

/** JSON form of a {@link RangeReport}, readable by people looking at the work directory. */
public final class ReportCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportCodec() {}

  public static byte[] encode(RangeReport report) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson(report));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode report " + report, e);
    }
  }

  /** The report as a JSON tree, for files that hold several (an index of reports). */
  public static ObjectNode toJson(RangeReport report) {
    ObjectNode n = JSON.createObjectNode();
    n.put("topic", report.event().topic());
    n.put("partition", report.event().partition().partition());
    n.put("begin", report.event().range().begin());
    n.put("end", report.event().range().end());
    n.put("reached", report.reached());
    n.put("records", report.records());
    n.put("decodeErrors", report.decodeErrors());
    n.put("bytes", report.bytes());
    n.put("stopReason", report.stopReason());
    n.put("outOfWindow", report.outOfWindow());
    n.put("outOfWindowErrors", report.outOfWindowErrors());
    n.put("skippedTombstones", report.skippedTombstones());
    n.put("readMillis", report.readMillis());
    var implausible = n.putArray("implausibleEventTimes");
    report.implausible().forEach(t -> implausible.addObject().put("cause", t.cause().name()).put("count", t.count())
        .put("exampleOffset", t.exampleOffset()).put("exampleMillis", t.exampleMillis()));
    ObjectNode byDate = n.putObject("recordsByDate");
    report.recordsByDate().forEach(byDate::put);
    putRanges(n.putArray("lost"), report.lost());
    var files = n.putArray("files");
    report.files().forEach(f -> {
      ObjectNode file = files.addObject().put("path", f.path()).put("bytes", f.bytes()).put("records", f.records());
      if (report.offsets().known()) {
        putRanges(file.putArray("offsets"), f.offsets());
      }
    });
    if (report.offsets().known()) {
      // noRecord is not written: it is what [begin, reached) leaves after files, skips and losses.
      n.put("offsetsKnown", true);
      putRanges(n.putArray("skipped"), report.offsets().skipped());
    }
    return n;
  }

  private static void putRanges(ArrayNode into, List<OffsetRange> ranges) {
    ranges.forEach(r -> into.addArray().add(r.begin()).add(r.end()));
  }

  private static List<OffsetRange> ranges(JsonNode array) {
    List<OffsetRange> ranges = new ArrayList<>();
    array.forEach(r -> ranges.add(new OffsetRange(r.get(0).asLong(), r.get(1).asLong())));
    return ranges;
  }

  /** The offsets of [begin, reached) that no file, skip or lost sub-range accounts for. */
  private static List<OffsetRange> noRecord(KafkaEvent event, long reached, List<LandedFile> files,
      List<OffsetRange> skipped, List<OffsetRange> lost) {
    List<OffsetRange> accounted = new ArrayList<>(skipped);
    accounted.addAll(lost);
    files.forEach(f -> accounted.addAll(f.offsets()));
    long begin = event.range().begin();
    return OffsetIntervals.of(accounted).complementIn(new OffsetRange(begin, Math.max(begin, reached))).ranges();
  }

  public static RangeReport decode(InputStream in) throws IOException {
    return fromJson(JSON.readTree(in));
  }

  /**
   * The report a JSON tree written by {@link #toJson} describes.
   *
   * @throws RuntimeException when the tree is not a report (a field missing or of another kind)
   */
  public static RangeReport fromJson(JsonNode n) {
    KafkaEvent event = new KafkaEvent(TopicPartition.of(n.get("topic").asText(), n.get("partition").asInt()),
        new OffsetRange(n.get("begin").asLong(), n.get("end").asLong()));
    Map<String, Long> recordsByDate = new HashMap<>();
    n.path("recordsByDate").properties().forEach(e -> recordsByDate.put(e.getKey(), e.getValue().asLong()));
    List<OffsetRange> lost = ranges(n.path("lost"));
    // Reports written before these counters existed read as 0: such runs had none of either. Reports
    // written before they described their files have no "files": an empty list; before they kept
    // offsets, no "skipped"/"noRecord" and no file "offsets"; before they were timed, no "readMillis" (0).
    List<LandedFile> files = new ArrayList<>();
    n.path("files").forEach(f -> files.add(new LandedFile(f.get("path").asText(), f.get("bytes").asLong(),
        f.get("records").asLong(), ranges(f.path("offsets")))));
    long reached = n.get("reached").asLong();
    ReadOffsets offsets = n.path("offsetsKnown").asBoolean(false)
        ? ReadOffsets.of(ranges(n.path("skipped")), noRecord(event, reached, files, ranges(n.path("skipped")), lost))
        : ReadOffsets.UNKNOWN;
    return new RangeReport(event, reached, n.get("records").asLong(),
        n.get("decodeErrors").asLong(), n.get("bytes").asLong(), n.get("stopReason").asText(), recordsByDate, lost,
        n.path("outOfWindow").asLong(0), n.path("outOfWindowErrors").asLong(0), n.path("skippedTombstones").asLong(0),
        files, offsets, n.path("readMillis").asLong(0), implausible(n.path("implausibleEventTimes")));
  }

  /** Absent in reports written before implausible times were counted: none were. */
  private static List<ImplausibleTimes> implausible(JsonNode array) {
    List<ImplausibleTimes> all = new ArrayList<>();
    array.forEach(t -> all.add(new ImplausibleTimes(ImplausibleCause.valueOf(t.get("cause").asText()),
        t.get("count").asLong(), t.get("exampleOffset").asLong(), t.get("exampleMillis").asLong())));
    return all;
  }
}

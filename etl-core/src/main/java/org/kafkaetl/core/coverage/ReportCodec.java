package org.kafkaetl.core.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;

/** JSON form of a {@link RangeReport}, readable by people looking at the work directory. */
public final class ReportCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportCodec() {}

  public static byte[] encode(RangeReport report) {
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
    ObjectNode byDate = n.putObject("recordsByDate");
    report.recordsByDate().forEach(byDate::put);
    var lost = n.putArray("lost");
    report.lost().forEach(r -> lost.addArray().add(r.begin()).add(r.end()));
    var files = n.putArray("files");
    report.files().forEach(f -> files.addObject().put("path", f.path()).put("bytes", f.bytes()).put("records", f.records()));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode report " + report, e);
    }
  }

  public static RangeReport decode(InputStream in) throws IOException {
    JsonNode n = JSON.readTree(in);
    KafkaEvent event = new KafkaEvent(TopicPartition.of(n.get("topic").asText(), n.get("partition").asInt()),
        new OffsetRange(n.get("begin").asLong(), n.get("end").asLong()));
    Map<String, Long> recordsByDate = new HashMap<>();
    n.path("recordsByDate").properties().forEach(e -> recordsByDate.put(e.getKey(), e.getValue().asLong()));
    java.util.List<OffsetRange> lost = new java.util.ArrayList<>();
    n.path("lost").forEach(r -> lost.add(new OffsetRange(r.get(0).asLong(), r.get(1).asLong())));
    // Reports written before these counters existed read as 0: such runs had none of either. Reports
    // written before they described their files have no "files": an empty list.
    java.util.List<LandedFile> files = new java.util.ArrayList<>();
    n.path("files").forEach(f -> files.add(
        new LandedFile(f.get("path").asText(), f.get("bytes").asLong(), f.get("records").asLong())));
    return new RangeReport(event, n.get("reached").asLong(), n.get("records").asLong(),
        n.get("decodeErrors").asLong(), n.get("bytes").asLong(), n.get("stopReason").asText(), recordsByDate, lost,
        n.path("outOfWindow").asLong(0), n.path("outOfWindowErrors").asLong(0), n.path("skippedTombstones").asLong(0),
        files);
  }
}

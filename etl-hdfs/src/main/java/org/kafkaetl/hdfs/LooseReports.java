package org.kafkaetl.hdfs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReportCodec;

/**
 * What a loose report file (one range's, at {@code WorkLayout.reportFile}) holds: the range's
 * report, or a tombstone saying its read was taken out of the hour. A tombstone is what lets a
 * range whose report is folded into its topic's index stop counting without rewriting the index; it
 * is not empty, because an empty report file stays one that cannot be read (a write cut short).
 */
final class LooseReports {
  static final byte[] TOMBSTONE = "{\"takenOut\": true}\n".getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper JSON = new ObjectMapper();

  private LooseReports() {}

  /**
   * @return the report; empty for a tombstone
   * @throws IOException or RuntimeException when the stream is neither
   */
  static Optional<RangeReport> decode(InputStream in) throws IOException {
    JsonNode n = JSON.readTree(in);
    if (n != null && n.path("takenOut").asBoolean(false)) {
      return Optional.empty();
    }
    if (n == null || !n.isObject()) {
      throw new IOException("not a report");
    }
    return Optional.of(ReportCodec.fromJson(n));
  }
}

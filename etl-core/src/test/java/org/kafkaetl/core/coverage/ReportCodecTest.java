package org.kafkaetl.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;

class ReportCodecTest {
  private static final KafkaEvent EVENT = new KafkaEvent(TopicPartition.of("t", 1), new OffsetRange(0, 10));

  @Test
  void countersOfOutOfWindowRecordsAndSkippedTombstonesRoundTrip() throws IOException {
    RangeReport report = new RangeReport(EVENT, 10, 5, 1, 99, "", Map.of("2026-11-20", 5L), List.of(), 3, 2, 2);
    RangeReport back = ReportCodec.decode(new ByteArrayInputStream(ReportCodec.encode(report)));
    assertThat(back).isEqualTo(report);
    assertThat(back.errorRecords()).isEqualTo(3);
  }

  @Test
  void reportsWrittenBeforeTheCountersExistedStillRead() throws IOException {
    String old = """
        {"topic":"t","partition":1,"begin":0,"end":10,"reached":10,"records":9,"decodeErrors":1,"bytes":5,
         "stopReason":"","recordsByDate":{"2026-11-20":9},"lost":[]}""";
    RangeReport back = ReportCodec.decode(new ByteArrayInputStream(old.getBytes(StandardCharsets.UTF_8)));
    assertThat(back.outOfWindow()).isZero();
    assertThat(back.skippedTombstones()).isZero();
    assertThat(back.errorRecords()).isEqualTo(1);
  }
}

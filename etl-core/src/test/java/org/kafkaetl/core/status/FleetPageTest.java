package org.kafkaetl.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;

/** The page's text and embedded data; what a browser makes of them is FleetPageBrowserTest's (etl-cli). */
class FleetPageTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
  private static final HourPartition FROM = new HourPartition(DAY.atTime(0, 0));
  private static final HourPartition TO = new HourPartition(DAY.atTime(5, 0));
  private static final HourPartition NOW = new HourPartition(DAY.atTime(8, 0));
  private static final Instant WRITTEN = Instant.parse("2026-11-20T08:05:00Z");

  @Test
  void thePageFetchesNothingAndEmbedsEachTopicsHoursAsData() throws Exception {
    FleetStatus status = new FleetStatus(FROM, TO, NOW, List.of("clicks", "quiet"), List.of(
        new TopicHour("clicks", hour(1), List.of(), new TreeSet<>(), new TreeSet<>()),
        new TopicHour("clicks", hour(2), List.of(row(hour(2), 3, RangeState.INCOMPLETE)), new TreeSet<>(),
            new TreeSet<>())), Map.of());
    FleetRecords records = new FleetRecords(Map.of("clicks", Map.of(hour(1), 1200L, hour(2), 40L)));

    String html = FleetPage.render(status, records, FixCommands.defaults(), WRITTEN);

    assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*\"(https?:)?//").doesNotContain("<link")
        .doesNotContain("<script src").doesNotContain("@import").doesNotContain("url(");
    JsonNode data = data(html);
    assertThat(data.path("format").asText()).isEqualTo(FleetPage.FORMAT);
    assertThat(data.path("hourLabels")).hasSize(6);
    JsonNode clicks = data.path("topics").get(0);
    assertThat(clicks.path("cells").asText()).isEqualTo(".MI...");
    assertThat(clicks.path("records").toString()).isEqualTo("[0,1200,40,0,0,0]");
    assertThat(clicks.path("notes").toString()).isEqualTo("{\"2\":\"incomplete: partition(s) [3]\"}");
    assertThat(clicks.path("gridCommand").asText()).isEqualTo("hadoop jar kafka-etl-job.jar status --topic clicks"
        + " --date 2026-11-20");
    assertThat(data.path("topics").get(1).path("cells").asText()).isEqualTo("......");
    assertThat(data.path("lag").path("notes").toString()).isEqualTo("[\"lag was not measured\"]");
    assertThat(data.path("lag").path("topics").isEmpty()).isTrue();
    assertThat(html).contains("<code>hadoop jar kafka-etl-job.jar rerun --topic clicks --partition 3 --hour 2026112002"
        + "</code>");
  }

  @Test
  void recordsNotReadAreNullsNotZeros() throws Exception {
    FleetStatus status = new FleetStatus(FROM, TO, NOW, List.of("clicks"), List.of(), Map.of());

    JsonNode data = data(FleetPage.render(status, FleetRecords.NOT_READ, FixCommands.defaults(), WRITTEN));

    assertThat(data.path("recordsRead").asBoolean()).isFalse();
    assertThat(data.path("topics").get(0).path("records").toString()).isEqualTo("[null,null,null,null,null,null]");
    assertThat(data.path("lagHistoryRead").asBoolean()).isFalse();
    assertThat(data.path("topics").get(0).path("lag").toString()).isEqualTo("[null,null,null,null,null,null]");
  }

  /**
   * Lag per hour as the commands of each hour kept it, with the lag just measured as the last hour's
   * (the command keeps it after the page is written); an hour nobody measured is null, not zero.
   */
  @Test
  void lagPerHourIsWhatEachHourMeasuredAndTheLagJustMeasuredIsTheLastHours() throws Exception {
    FleetStatus status = new FleetStatus(FROM, TO, NOW, List.of("clicks", "quiet"), List.of(), Map.of())
        .withLag(new FleetLag(Map.of("clicks", new FleetLag.TopicLag("clicks", 30, 12, 2)), List.of()));
    FleetLagHistory kept = new FleetLagHistory(Map.of("clicks", Map.of(hour(1), 7L, hour(5), 999L)));

    JsonNode data = data(FleetPage.render(status, FleetRecords.NOT_READ, kept.with(TO, status.lag()),
        FixCommands.defaults(), WRITTEN));

    assertThat(data.path("lagHistoryRead").asBoolean()).isTrue();
    assertThat(data.path("topics").get(0).path("lag").toString()).isEqualTo("[null,7,null,null,null,42]");
    assertThat(data.path("topics").get(1).path("lag").toString()).isEqualTo("[null,null,null,null,null,null]");
  }

  @Test
  void textThatLooksLikeMarkupCannotEndTheScriptOrAddElements() throws Exception {
    FixCommands fix = new FixCommands("run-etl </script><img src=x onerror=alert(1)>", Optional.empty());
    FleetStatus status = new FleetStatus(FROM, TO, NOW, List.of("clicks"), List.of(
        new TopicHour("clicks", hour(2), List.of(row(hour(2), 0, RangeState.INCOMPLETE)), new TreeSet<>(),
            new TreeSet<>())), Map.of());

    String html = FleetPage.render(status, FleetRecords.NOT_READ, fix, WRITTEN);

    assertThat(html).doesNotContain("<img").contains("&lt;img src=x");
    assertThat(data(html).path("actions").get(0).path("command").asText()).startsWith("run-etl </script><img");
  }

  private static JsonNode data(String html) throws Exception {
    Matcher json = Pattern.compile("<script type=\"application/json\" id=\"fleet-data\">(.*?)</script>",
        Pattern.DOTALL).matcher(html);
    assertThat(json.find()).isTrue();
    return new ObjectMapper().readTree(json.group(1));
  }

  private static HourPartition hour(int h) {
    return new HourPartition(DAY.atTime(h, 0));
  }

  private static RangeRecord row(HourPartition hour, int partition, RangeState state) {
    return new RangeRecord(1, hour, new KafkaEvent(TopicPartition.of("clicks", partition), new OffsetRange(0, 10)),
        state, 4, 4, 0, "", 1);
  }
}

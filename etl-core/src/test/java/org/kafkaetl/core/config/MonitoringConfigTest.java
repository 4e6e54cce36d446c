package org.kafkaetl.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kafkaetl.core.config.EtlConfigTest.minimal;
import static org.kafkaetl.core.config.EtlConfigTest.problems;
import static org.kafkaetl.core.config.EtlConfigTest.with;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MonitoringConfigTest {
  @Test
  void withoutTheKeysThereIsNoPageAndNoPush() {
    MonitoringSettings monitoring = EtlConfig.parse(minimal()).monitoring();

    assertThat(monitoring.pagePath()).isEmpty();
    assertThat(monitoring.pageHours()).isEqualTo(48);
    assertThat(monitoring.pushgatewayUrl()).isEmpty();
    assertThat(monitoring.pushgatewayJob()).isEqualTo("kafka-etl");
  }

  @Test
  void readsThePageAndThePushgateway() {
    MonitoringSettings monitoring = EtlConfig.parse(with("etl.status.page.path", "/var/www/etl/index.html",
        "etl.status.page.hours", "72", "etl.metrics.pushgateway.url", "https://pgw.example:9091",
        "etl.metrics.pushgateway.job", "etl-eu")).monitoring();

    assertThat(monitoring.pagePath()).contains("/var/www/etl/index.html");
    assertThat(monitoring.pageHours()).isEqualTo(72);
    assertThat(monitoring.pushgatewayUrl()).contains(URI.create("https://pgw.example:9091"));
    assertThat(monitoring.pushgatewayJob()).isEqualTo("etl-eu");
  }

  @Test
  void badValuesAreReportedTogetherByKey() {
    assertThat(problems(with("etl.metrics.pushgateway.url", "pgw.example:9091", "etl.status.page.hours", "0")))
        .anySatisfy(p -> assertThat(p).startsWith("etl.metrics.pushgateway.url").contains("http(s)://host:port"))
        .anySatisfy(p -> assertThat(p).startsWith("etl.status.page.hours").contains("between 1 and 840"));
    assertThat(problems(with("etl.metrics.pushgateway.url", "http://pgw.example:9091/metrics/job/x")))
        .singleElement().asString().contains("without a path");
  }

  @Test
  void credentialsInThePushgatewayUrlAreNeverPrinted() {
    EtlConfig config = EtlConfig.parse(with("etl.metrics.pushgateway.url", "http://etl:S3cret-pgw@pgw:9091"));

    assertThat(config.monitoring().pushgatewayForDisplay()).isEqualTo(Optional.of("http://etl:[hidden]@pgw:9091"));
    assertThat(config.toString()).doesNotContain("S3cret-pgw");
    assertThat(String.join("\n", problems(with("etl.metrics.pushgateway.url", "ftp://etl:S3cret-pgw@pgw:9091"))))
        .doesNotContain("S3cret-pgw");
  }
}

package org.kafkaetl.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kafkaetl.core.config.EtlConfigTest.problems;
import static org.kafkaetl.core.config.EtlConfigTest.with;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HiveConfigTest {

  @Test
  void noTableMeansNothingPublished() {
    HiveSettings hive = EtlConfig.parse(with()).hive();
    assertThat(hive.enabled()).isFalse();
    assertThat(hive.table("clicks")).isEmpty();
  }

  @Test
  void aTopicWithATableIsPublishedWithDefaults() {
    HiveSettings hive = EtlConfig.parse(with("topic.clicks.hive.table", "etl.clicks",
        "hive.metastore.uris", "thrift://hms1:9083, thrift://hms2:9083")).hive();
    assertThat(hive.metastoreUris()).containsExactly("thrift://hms1:9083", "thrift://hms2:9083");
    assertThat(hive.saslEnabled()).isFalse();
    assertThat(hive.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(hive.pendingAlertAfter()).isEqualTo(Duration.ofHours(6));
    assertThat(hive.table("clicks")).contains(
        new HiveSettings.HiveTable("etl", "clicks", "dt", HiveRegisterWhen.COMPLETE));
  }

  @Test
  void topicOverridesColumnAndWhen() {
    HiveSettings hive = EtlConfig.parse(with("topic.clicks.hive.table", "db1.c", "hive.metastore.uris",
        "thrift://h:9083", "hive.register.when", "complete", "topic.clicks.hive.register.when", "merged",
        "topic.clicks.hive.partition.column", "day", "hive.metastore.sasl.enabled", "true",
        "hive.metastore.kerberos.principal", "hive/_HOST@EXAMPLE.COM")).hive();
    assertThat(hive.table("clicks")).contains(new HiveSettings.HiveTable("db1", "c", "day", HiveRegisterWhen.MERGED));
    assertThat(hive.saslEnabled()).isTrue();
    assertThat(hive.kerberosPrincipal()).isEqualTo(Optional.of("hive/_HOST@EXAMPLE.COM"));
  }

  @Test
  void everyBadHiveKeyIsReportedByName() {
    List<String> problems = problems(with("topic.clicks.hive.table", "clicks",
        "topic.clicks.hive.partition.column", "1dt", "hive.register.when", "sometimes",
        "hive.metastore.sasl.enabled", "true", "hive.metastore.timeout", "0s"));
    assertThat(problems).anyMatch(p -> p.startsWith("topic.clicks.hive.table: must be database.table"));
    assertThat(problems).anyMatch(p -> p.startsWith("topic.clicks.hive.partition.column: must be a column name"));
    assertThat(problems).anyMatch(p -> p.startsWith("hive.register.when:"));
    assertThat(problems).anyMatch(p -> p.startsWith("hive.metastore.kerberos.principal: is required because"));
    assertThat(problems).anyMatch(p -> p.startsWith("hive.metastore.timeout: must be longer than zero"));
  }

  @Test
  void aTableNeedsAMetastore() {
    assertThat(problems(with("topic.clicks.hive.table", "etl.clicks")))
        .containsExactly("hive.metastore.uris: is required because [topic.clicks.hive.table] set a table");
    assertThat(problems(with("topic.clicks.hive.table", "etl.clicks", "hive.metastore.uris", "http://h:9083")))
        .anyMatch(p -> p.startsWith("hive.metastore.uris: each URI must start with thrift://"));
  }

  @Test
  void aMisspeltHiveKeyIsUnknownWithASuggestion() {
    assertThat(problems(with("hive.metastore.uri", "thrift://h:9083")))
        .anyMatch(p -> p.contains("hive.metastore.uri: unknown key (did you mean hive.metastore.uris?)"));
    assertThat(problems(with("topic.clicks.hive.tabel", "etl.clicks")))
        .anyMatch(p -> p.contains("did you mean topic.clicks.hive.table?"));
  }
}

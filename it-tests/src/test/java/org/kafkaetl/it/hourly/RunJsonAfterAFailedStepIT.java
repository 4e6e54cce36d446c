package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.LocalHadoop;

/**
 * {@code run --json} when a step after the run fails outright: the process's stdout still carries one
 * document, the error, and it holds the run's own summary, so a script loses nothing the run recorded.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class RunJsonAfterAFailedStepIT {
  @TempDir
  Path tmp;

  /**
   * The run lands and records its range; the merge after it cannot reach the warehouse's file system.
   * Run as its own process (Hadoop local mode, so the work root is local): only the real stdout shows
   * that nothing else (a log line, a second document) reached it.
   */
  @Test
  void aMergeThatFailsAfterTheRunKeepsTheRunsSummaryInTheErrorDocument(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    s.onlyTopic(s.raw);
    s.set("etl.work.root", tmp.resolve("work").toUri().toString());
    s.set("etl.warehouse.root", "nosuchfs://nowhere/warehouse");
    s.sendRaw(0, 12);
    EtlCli cli = new EtlCli(LocalHadoop.configuration(tmp.resolve("hadoop-tmp")), tmp, s.properties());

    EtlCli.Result run = cli.runAsProcess("run", "--json");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("cannot reach the file system of nosuchfs://nowhere/warehouse");
    JsonNode doc = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(run.out());
    assertThat(doc.path("format").asText()).isEqualTo("kafka-etl.error.v1");
    assertThat(doc.path("exitCode").asInt()).isEqualTo(1);
    JsonNode summary = doc.path("run");
    assertThat(summary.path("format").asText()).as(run.out()).isEqualTo("kafka-etl.run.v1");
    assertThat(summary.path("runId").asLong()).isPositive();
    assertThat(summary.path("result").asText()).as("the run's own result, before the merge failed").isEqualTo("OK");
    assertThat(summary.path("topics")).singleElement().satisfies(t -> {
      assertThat(t.path("topic").asText()).isEqualTo(s.raw);
      assertThat(t.path("records").asLong()).isEqualTo(12);
    });
    assertThat(summary.path("rangesNotComplete")).isEmpty();
    assertThat(summary.path("merge").isNull()).as("the merge is what failed").isTrue();
    assertThat(summary.path("lines").get(0).asText()).startsWith("run ");
  }
}

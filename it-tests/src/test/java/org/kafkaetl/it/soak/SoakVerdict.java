package org.kafkaetl.it.soak;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.it.support.EtlCli;

/**
 * The end of a soak: the audit ({@code audit --topic T --date D} must exit 0, clean, for every
 * topic and date written to), then the independent check of every topic against its producer's
 * record. Lost must be exactly what Kafka deleted before it was read; nothing duplicated, nothing
 * left unmerged, every payload the one sent.
 */
final class SoakVerdict {
  private static final int SHOWN = 20;

  private final SoakLog log;
  private final DeletedRanges deleted;
  private final SoakTable table;

  SoakVerdict(SoakLog log, DeletedRanges deleted, SoakTable table) {
    this.log = log;
    this.deleted = deleted;
    this.table = table;
  }

  List<String> audit(EtlCli cli, List<SoakProducer> producers, SortedSet<LocalDate> dates) {
    List<String> problems = new ArrayList<>();
    for (SoakProducer producer : producers) {
      for (LocalDate date : dates) {
        EtlCli.Result audit = cli.run("audit", "--topic", producer.topic(), "--date", date.toString());
        log.line("audit " + producer.topic() + " " + date + ": exit " + audit.exitCode());
        if (audit.exitCode() != 0) {
          problems.add("audit of " + producer.topic() + " " + date + " is not clean: " + audit);
        }
      }
    }
    return problems;
  }

  List<String> check(FileSystem fs, Path warehouse, Path work, List<SoakProducer> producers, FaultScheduler schedule)
      throws Exception {
    List<String> problems = new ArrayList<>();
    for (SoakProducer producer : producers) {
      // Only the raw topic (the first) is ever cut by retention or recreated.
      DeletedRanges expected = producer == producers.get(0) ? deleted : new DeletedRanges();
      IndependentCheck.Result result = IndependentCheck.check(fs, warehouse, work, producer.topic(), producer);
      table.findings(result.lost(), result.duplicated(), schedule);
      log.line("independent check of " + producer.topic() + ": " + result.checked() + " messages sent, "
          + result.lost().size() + " lost (" + expected.ranges().size() + " ranges deleted by Kafka before they were"
          + " read: " + expected.ranges() + "), " + result.duplicated().size() + " duplicated, "
          + result.unmerged().size() + " only in hourly files");
      String t = producer.topic() + ": ";
      result.lostOutside(expected).stream().limit(SHOWN).forEach(f -> problems.add(t + "lost outside what Kafka"
          + " deleted: " + f));
      long landed = result.expectedLossLanded(expected, producer);
      if (landed > 0) {
        problems.add(t + landed + " offsets Kafka deleted were found landed");
      }
      result.duplicated().stream().limit(SHOWN).forEach(f -> problems.add(t + "duplicated: " + f));
      result.unmerged().stream().limit(SHOWN).forEach(f -> problems.add(t + "landed but never merged: " + f));
      result.wrong().stream().limit(SHOWN).forEach(w -> problems.add(t + w));
    }
    return problems;
  }
}

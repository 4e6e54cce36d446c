package org.kafkaetl.cli;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.offsets.HistoryPruned;
import org.kafkaetl.merge.WorkCleanup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cleanup}: deletes hour directories past retention whose data is all merged. */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
    description = {
        "Delete merged hour directories past retention.",
        "",
        "Deletes <etl.work.root>/<yyyyMMddHH> directories older than the given number of days, but only when "
            + "every data file in them is in the merge ledger and every range of the hour is COMPLETE or LOST. "
            + "Unmerged data is never deleted. Error files and reports go with their hour.",
        "",
        "Then, if etl.offsets.retention.days is set, removes the etl_offsets rows of days before today minus "
            + "that many days, except rows of hours whose directory is still there, rows not COMPLETE or LOST, and "
            + "every row after those of the same partition (not in a dry run).",
        "",
        "Exit codes: 0 ok, 1 failed, 2 bad arguments, 4 an hourly run or rerun holds the lock. With --json, stdout"
            + " is one JSON document whatever the exit code."})
final class CleanupCommand implements Callable<Integer> {
  private final Configuration hadoopConf;

  @Mixin
  private ConfigOption configOption;

  @Spec
  private CommandSpec spec;

  @Option(names = "--older-than", required = true, paramLabel = "DAYS",
      description = "Retention in days: hours that started earlier than this many days ago are candidates.")
  private int days;

  @Option(names = "--dry-run", description = "Only list what would be deleted and what is kept.")
  private boolean dryRun;

  @Option(names = "--json", description = "Print what was deleted and kept as one JSON document, for scripts"
      + " (shape: docs/runbook.md); logs stay on stderr.")
  private boolean json;

  CleanupCommand(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  @Override
  public Integer call() {
    if (days < 1) {
      throw new ParameterException(spec.commandLine(), "--older-than must be at least 1 day, got " + days);
    }
    try (Components components = Components.create(configOption.load(hadoopConf), hadoopConf)) {
      CommandLines out = new CommandLines(spec.commandLine().getOut(), json);
      Optional<List<WorkCleanup.Decision>> done = components.workCleanup().cleanup(Duration.ofDays(days), dryRun);
      Optional<HistoryPruned> pruned = Optional.empty();
      ExitCode exit;
      if (done.isEmpty()) {
        out.add("an hourly run or rerun holds the lock; cleanup did nothing");
        exit = ExitCode.LOCKED;
      } else {
        List<WorkCleanup.Decision> decisions = done.get();
        for (WorkCleanup.Decision d : decisions) {
          String verb = d.delete() ? (dryRun ? "would delete" : "deleted") : "kept";
          out.add(verb + " " + d.hourDir() + " (" + d.reason() + ")");
        }
        long deleted = decisions.stream().filter(WorkCleanup.Decision::delete).count();
        out.add((dryRun ? "would delete " : "deleted ") + deleted + " of " + decisions.size()
            + " hour directories older than " + days + " days");
        if (dryRun || components.config().offsetsRetentionDays() == 0) {
          exit = ExitCode.OK;
        } else {
          pruned = components.workCleanup().pruneOffsets();
          exit = pruned.isPresent() ? ExitCode.OK : ExitCode.LOCKED;
          out.add(pruned.map(p -> "removed " + p.ranges() + " etl_offsets rows and " + p.lostRanges()
              + " etl_lost_ranges rows of " + p.partitions() + " partitions, older than "
              + components.config().offsetsRetentionDays() + " days")
              .orElse("an hourly run or rerun holds the lock; no etl_offsets row was removed"));
        }
      }
      out.finish(json ? CleanupJson.render(days, dryRun, exit, done, pruned, out.lines()) : "");
      return exit.code();
    }
  }
}

package org.kafkaetl.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.core.ExitCode;
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
        "Deletes <etl.work.root>/<yyyyMMddHH> directories older than the given number of days, but only",
        "when every data file in them is in the merge ledger and every range of the hour is COMPLETE or",
        "LOST. Unmerged data is never deleted. Error files and reports go with their hour.",
        "",
        "Exit codes: 0 ok, 1 failed, 2 bad arguments."})
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

  CleanupCommand(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  @Override
  public Integer call() {
    if (days < 1) {
      throw new ParameterException(spec.commandLine(), "--older-than must be at least 1 day, got " + days);
    }
    try (Components components = Components.create(configOption.load(hadoopConf), hadoopConf)) {
      java.util.Optional<List<WorkCleanup.Decision>> done = components.workCleanup().cleanup(Duration.ofDays(days), dryRun);
      if (done.isEmpty()) {
        spec.commandLine().getOut().println("an hourly run or rerun holds the lock; cleanup did nothing");
        return ExitCode.LOCKED.code();
      }
      List<WorkCleanup.Decision> decisions = done.get();
      for (WorkCleanup.Decision d : decisions) {
        String verb = d.delete() ? (dryRun ? "would delete" : "deleted") : "kept";
        spec.commandLine().getOut().println(verb + " " + d.hourDir() + " (" + d.reason() + ")");
      }
      long deleted = decisions.stream().filter(WorkCleanup.Decision::delete).count();
      spec.commandLine().getOut().println((dryRun ? "would delete " : "deleted ") + deleted + " of "
          + decisions.size() + " hour directories older than " + days + " days");
      return ExitCode.OK.code();
    }
  }
}

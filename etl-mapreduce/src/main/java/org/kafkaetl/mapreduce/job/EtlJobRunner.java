package org.kafkaetl.mapreduce.job;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.coverage.CommittedReports;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.plan.MapperAssignment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the map-only job for planned assignments into an hour directory and collects the reports
 * of committed tasks. A failed or killed job is not an exception: its uncommitted ranges simply
 * have no report, and coverage marks them incomplete.
 */
public final class EtlJobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(EtlJobRunner.class);
  private static final java.time.Duration KILL_WAIT = java.time.Duration.ofMinutes(5);

  private final Configuration hadoopConf;
  private final EtlConfig config;
  private final Map<String, Schema> schemas;
  private final JobLauncher launcher;
  private final java.time.Duration killWait;
  private final Map<Integer, Schema> writerSchemas;

  public EtlJobRunner(Configuration hadoopConf, EtlConfig config, Map<String, Schema> schemas) {
    this(hadoopConf, config, schemas, new HadoopJobs(), KILL_WAIT);
  }

  /**
   * With another way to submit jobs (a test standing in for YARN).
   *
   * @param killWait how long a killed job may take to end before the driver gives up on it
   */
  public EtlJobRunner(Configuration hadoopConf, EtlConfig config, Map<String, Schema> schemas, JobLauncher launcher,
      java.time.Duration killWait) {
    this(hadoopConf, config, schemas, launcher, killWait, Map.of());
  }

  private EtlJobRunner(Configuration hadoopConf, EtlConfig config, Map<String, Schema> schemas, JobLauncher launcher,
      java.time.Duration killWait, Map<Integer, Schema> writerSchemas) {
    this.hadoopConf = hadoopConf;
    this.config = config;
    this.schemas = Map.copyOf(schemas);
    this.launcher = launcher;
    this.killWait = killWait;
    this.writerSchemas = Map.copyOf(writerSchemas);
  }

  /** The same, handing its map tasks writer schemas by id the registry already gave this run. */
  public EtlJobRunner withWriterSchemas(Map<Integer, Schema> writers) {
    return new EtlJobRunner(hadoopConf, config, schemas, launcher, killWait, writers);
  }

  /**
   * What the job achieved: whether it succeeded, and the committed report of each event with the
   * files beside it.
   *
   * @param keptEarlier for ranges read again, those whose earlier read still stands, each with why
   *     the new read could not replace it (it failed, or lost offsets the earlier one had landed)
   * @param discarded ranges whose read met another incarnation of their topic (deleted and
   *     recreated while the job ran), each with where the files it committed were moved; not among
   *     {@code reports}
   * @param leftForAPerson earlier reads moved to junk, or left with an unreadable report
   * @param jobTime from submitting the job to its end; zero when it was never submitted
   */
  public record JobOutcome(boolean succeeded, String failure, CommittedReports reports,
      Map<KafkaEvent, String> keptEarlier, Map<KafkaEvent, String> discarded, ReadsLeftForAPerson leftForAPerson,
      java.time.Duration jobTime) {
    public JobOutcome {
      keptEarlier = Map.copyOf(keptEarlier);
      discarded = Map.copyOf(discarded);
    }

    /** An outcome whose job's time is not known. */
    public JobOutcome(boolean succeeded, String failure, CommittedReports reports, Map<KafkaEvent, String> keptEarlier,
        Map<KafkaEvent, String> discarded, ReadsLeftForAPerson leftForAPerson) {
      this(succeeded, failure, reports, keptEarlier, discarded, leftForAPerson, java.time.Duration.ZERO);
    }
  }

  /**
   * The map tasks this runner's jobs can run side by side in their queue, asked of YARN with the
   * request the jobs' map tasks make (two vcores with etl.read.ahead).
   */
  public org.kafkaetl.core.sizing.QueueCapacity queueCapacity() {
    return new YarnQueueCapacity(JobSettings.declareMapTaskResources(new Configuration(hadoopConf), config));
  }

  private JobAttempt attempt(HourPartition hour, long runId, List<MapperAssignment> assignments, Path hourDir,
      Map<KafkaEvent, Long> resumeFrom, Consumer<String> submitted) {
    return JobAttempt.run(() -> launcher.submit(newJob(hour, runId, assignments, hourDir, resumeFrom)), killWait,
        "hour " + hour + " run " + runId, submitted, () -> stopJobsSubmittedAnyway(runId));
  }

  /**
   * Reads ranges that were never read into this hour before.
   *
   * @param submitted told the job id once the job is submitted, before it is waited for
   * @param incarnations asked once the job has ended: what it committed for ranges whose topic was
   *     recreated meanwhile goes to junk ({@link JobOutcome#discarded})
   */
  public JobOutcome run(HourPartition hour, long runId, List<MapperAssignment> assignments,
      Consumer<String> submitted, IncarnationCheck incarnations) {
    Path hourDir = hourDir(hour);
    fenceOtherRuns(hourDir, runId);
    List<KafkaEvent> events = events(assignments);
    JobAttempt attempt = attempt(hour, runId, assignments, hourDir, Map.of(), submitted);
    Map<KafkaEvent, String> discarded = discard(hourDir, runId, incarnations.readFromAnotherIncarnation(events));
    return new JobOutcome(attempt.succeeded(), attempt.failure(), committedReports(hour, events), Map.of(), discarded,
        ReadsLeftForAPerson.NONE, attempt.jobTime());
  }

  /**
   * Reads ranges again, replacing their earlier read only where the new read keeps every offset the
   * earlier one accounted for; see {@link EarlierReads}.
   *
   * @param fromStart read each range from its start, e.g. with a changed decoder; otherwise a range
   *     whose earlier read stopped part way is resumed from there, its landed records carried over
   *     (one read to its end, failed only by the decode-error budget, is read whole again, so a fixed
   *     decoder applies)
   * @param stillOwned checked before the earlier reads are settled: throws if the run no longer owns
   *     the hour, leaving them aside for whoever took it over ({@link #recoverEarlierReads})
   * @param incarnations asked once the job has ended: a range whose topic was recreated meanwhile
   *     keeps its earlier read, and what the new read committed goes to junk
   */
  public JobOutcome rerun(HourPartition hour, long runId, List<MapperAssignment> assignments, boolean fromStart,
      Consumer<String> submitted, Runnable stillOwned, IncarnationCheck incarnations) {
    Path hourDir = hourDir(hour);
    fenceOtherRuns(hourDir, runId);
    List<KafkaEvent> events = events(assignments);
    EarlierReads earlier = earlierReads(hour, hourDir);
    earlier.recover(runId);
    Map<KafkaEvent, RangeReport> aside = earlier.setAside(runId, events);
    Map<KafkaEvent, Long> resumeFrom = new HashMap<>();
    if (!fromStart) {
      aside.values().stream().filter(r -> !r.readToEnd()).forEach(r -> resumeFrom.put(r.event(), r.reached()));
    }
    JobAttempt attempt = attempt(hour, runId, assignments, hourDir, resumeFrom, submitted);
    stillOwned.run();
    // Before settling: with the new read gone, the earlier read it would have replaced goes back.
    Map<KafkaEvent, String> discarded = discard(hourDir, runId, incarnations.readFromAnotherIncarnation(events));
    Map<KafkaEvent, String> kept = new HashMap<>(earlier.settle(runId, aside));
    kept.keySet().removeAll(discarded.keySet());
    CommittedReports reports = committedReports(hour, events);
    // A late commit of an earlier job could have put back files of dates this read did not produce.
    new StaleFiles(hadoopConf, hourDir).removeFilesOfOtherDates(reports.reports().values());
    return new JobOutcome(attempt.succeeded(), attempt.failure(), reports, kept, discarded, earlier.leftForAPerson(),
        attempt.jobTime());
  }

  /**
   * For the reconciler: discards what a dead run's job committed for ranges of a topic recreated
   * since (see {@link IncarnationCheck}), before the earlier reads it set aside are settled.
   *
   * @return for each range, where its files went (or that it had committed none)
   */
  public Map<KafkaEvent, String> discardReads(HourPartition hour, long runId, java.util.Set<KafkaEvent> events) {
    return discard(hourDir(hour), runId, events);
  }

  private Map<KafkaEvent, String> discard(Path hourDir, long runId, java.util.Set<KafkaEvent> events) {
    try {
      return new JunkReads(hourDir.getFileSystem(hadoopConf), hourDir).discardRecreated(runId, events);
    } catch (IOException e) {
      throw new RetriableException("cannot move the reads of a recreated topic under " + hourDir + " to junk: "
          + e.getMessage(), e);
    }
  }

  /**
   * Settles what a dead rerun of the hour had set aside (see {@link EarlierReads#recover}); for the
   * reconciler, after the dead run's jobs were stopped.
   */
  public ReadsLeftForAPerson recoverEarlierReads(HourPartition hour) {
    EarlierReads earlier = earlierReads(hour, hourDir(hour));
    earlier.recover(-1);
    return earlier.leftForAPerson();
  }

  /**
   * Folds the hour's loose reports into one index per topic ({@link FoldAfterRun}); for the run
   * {@code runId} once it has recorded its outcomes, under the hourly lock, with no range of the
   * hour open. A fold that fails is logged and changes nothing.
   *
   * @return how many loose reports were folded; empty when the fold failed
   */
  public java.util.OptionalInt foldReports(HourPartition hour, long runId, java.util.function.BooleanSupplier holdsHour) {
    Path hourDir = hourDir(hour);
    try {
      // Through a view (viewfs://) to the file system that holds the hour, which may replace in one step.
      Path resolved = hourDir.getFileSystem(hadoopConf).resolvePath(hourDir);
      return FoldAfterRun.fold(resolved.getFileSystem(hadoopConf), resolved, runId, holdsHour)
          .map(f -> java.util.OptionalInt.of(f.loose())).orElse(java.util.OptionalInt.empty());
    } catch (IOException e) {
      LOG.warn("reports of {} not folded: {}", hourDir, e.getMessage());
      return java.util.OptionalInt.empty();
    }
  }

  /**
   * Removes the run's own directory in the hour, which its job's commit leaves (empty) for
   * {@link #foldReports}; for a run that does not fold. A fence another run left there stays.
   */
  public void removeRunDirectory(HourPartition hour, long runId) {
    Path hourDir = hourDir(hour);
    try {
      FoldAfterRun.removeOwn(hourDir.getFileSystem(hadoopConf), RunOutputCommitter.runDir(hourDir, runId));
    } catch (IOException e) {
      LOG.warn("cannot remove run {}'s directory under {} ({}); the next run of the hour fences it", runId, hourDir,
          e.getMessage());
    }
  }

  private EarlierReads earlierReads(HourPartition hour, Path hourDir) {
    try {
      return new EarlierReads(hadoopConf, hourDir, events -> committedReports(hour, events));
    } catch (IOException e) {
      throw new RetriableException("cannot reach " + hourDir + ": " + e.getMessage(), e);
    }
  }

  private Path hourDir(HourPartition hour) {
    return new Path(new WorkLayout(config.workRoot()).hourDir(hour));
  }

  private static List<KafkaEvent> events(List<MapperAssignment> assignments) {
    return assignments.stream().flatMap(a -> a.events().stream()).toList();
  }

  /**
   * A submission that failed may still have reached the ResourceManager (a timeout after it
   * accepted the job): such a job, found by its run tag, is stopped before the run records anything.
   */
  private void stopJobsSubmittedAnyway(long runId) {
    unfinishedJobsOfRun(runId).forEach(jobId -> LOG.warn("job {} of run {} was submitted after all: {}", jobId, runId,
        stopIfRunning(jobId)));
  }

  /** See {@link RunOutputCommitter}: no older job of this hour can write or commit once this returns. */
  private void fenceOtherRuns(Path hourDir, long runId) {
    try {
      RunOutputCommitter.fenceOtherRuns(hourDir.getFileSystem(hadoopConf), hourDir, runId);
    } catch (IOException e) {
      throw new RetriableException("cannot fence older jobs' work directories under " + hourDir + ": "
          + e.getMessage(), e);
    }
  }

  /** Package-private so a test can inspect the job's configuration without submitting it. */
  Job newJob(HourPartition hour, long runId, List<MapperAssignment> assignments, Path hourDir,
      Map<KafkaEvent, Long> resumeFrom) throws IOException {
    Job job = Job.getInstance(new Configuration(hadoopConf), "kafka-etl hour " + hour + " run " + runId);
    Configuration conf = job.getConfiguration();
    // Findable through the ResourceManager by its run even if its id never reached etl_runs.
    conf.set(org.apache.hadoop.mapreduce.MRJobConfig.JOB_TAGS, RunningJobs.runTag(config.workRoot(), runId));
    job.setJarByClass(EtlMapper.class);
    job.setInputFormatClass(EtlInputFormat.class);
    job.setMapperClass(EtlMapper.class);
    job.setNumReduceTasks(0);
    job.setOutputFormatClass(EtlOutputFormat.class);
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(NullWritable.class);
    FileOutputFormat.setOutputPath(job, hourDir);
    // A speculative attempt would only read the same Kafka range twice.
    conf.setBoolean("mapreduce.map.speculative", false);
    conf.setInt("mapreduce.job.maps", assignments.size());
    JobCredentials.configure(conf, config.workRoot(), System.getenv());
    JobSettings.shortenCompletionPoll(conf);
    JobSettings.declareMapTaskResources(conf, config);
    HdfsClientDefaults.apply(conf);
    JobSettings.write(conf, job.getCredentials(), config, schemas, assignments, runId);
    JobSettings.writeWriterSchemas(conf, writerSchemas);
    JobSettings.writeResumed(conf, resumeFrom);
    return job;
  }

  /** Kills a job a dead run left running and waits until it ended; see {@link RunningJobs}. */
  public RunningJobs.Stopped stopIfRunning(String jobId) {
    return new RunningJobs(hadoopConf, killWait).stop(jobId);
  }

  /**
   * Jobs of a run that YARN still runs, found by the run's tag: for a dead run whose job id was
   * never recorded.
   */
  public List<String> unfinishedJobsOfRun(long runId) {
    return new RunningJobs(hadoopConf, killWait).unfinishedJobsTagged(RunningJobs.runTag(config.workRoot(), runId));
  }

  /**
   * The reports committed tasks left in the hour directory for these events (absent ones were not
   * committed), with the length of every file there, for coverage to check each report's files against.
   */
  public CommittedReports committedReports(HourPartition hour, List<KafkaEvent> events) {
    Path hourDir = hourDir(hour);
    try {
      return CommittedOutput.read(hourDir.getFileSystem(hadoopConf), hourDir, events);
    } catch (IOException e) {
      throw new RetriableException("cannot read task reports under " + hourDir + ": " + e.getMessage(), e);
    }
  }
}

package org.kafkaetl.it.soak;

import java.io.IOException;
import org.apache.hadoop.mapreduce.Job;
import org.kafkaetl.mapreduce.job.JobLauncher;
import org.kafkaetl.mapreduce.job.SubmittedJob;

/**
 * The driver's client fails while it waits for its job, the job itself healthy: the ResourceManager
 * cannot be asked ({@code IOException}, as after a failover the client did not follow) or the
 * waiting thread is interrupted. The real job is submitted to the real cluster; only the wait
 * fails, once the job reads. The driver must kill its job and leave the ranges for a retry.
 */
final class ClientErrorWhileWaiting implements FaultInjector {
  @Override
  public FaultClass faultClass() {
    return FaultClass.CLIENT_ERROR_WHILE_WAITING;
  }

  @Override
  public void inject(SimulatedHour hour) {
    FailingWait launcher = new FailingWait(hour.random.nextBoolean());
    hour.mergeAfter(hour.runWhileReading(hour.scenario.offsetStore(), launcher, job -> {
      hour.log.line("the driver's wait for " + job.getJobID() + " fails: "
          + (launcher.interrupt ? "interrupted" : "IOException"));
      launcher.fail = true;
    }));
  }

  /** Submits for real; waits by polling, and fails the wait once told to. */
  private static final class FailingWait implements JobLauncher {
    private final boolean interrupt;
    private volatile boolean fail;

    FailingWait(boolean interrupt) {
      this.interrupt = interrupt;
    }

    @Override
    public SubmittedJob submit(Job job) throws IOException, InterruptedException, ClassNotFoundException {
      job.submit();
      return new SubmittedJob() {
        @Override
        public String id() {
          return job.getJobID().toString();
        }

        @Override
        public boolean awaitCompletion() throws IOException, InterruptedException {
          while (!job.isComplete()) {
            if (fail) {
              if (interrupt) {
                throw new InterruptedException("sleep interrupted (soak fault)");
              }
              throw new IOException("Failed on local exception: java.io.IOException: Connection reset by peer"
                  + " (soak fault)");
            }
            Thread.sleep(250);
          }
          return job.isSuccessful();
        }

        @Override
        public boolean isComplete() throws IOException {
          return job.isComplete();
        }

        @Override
        public void kill() throws IOException {
          job.killJob();
        }

        @Override
        public String endState() throws IOException, InterruptedException {
          return job.getJobState() + ": " + job.getStatus().getFailureInfo();
        }

        @Override
        public void logCounters() {}
      };
    }
  }
}

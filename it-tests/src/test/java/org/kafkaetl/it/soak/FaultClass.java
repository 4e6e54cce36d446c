package org.kafkaetl.it.soak;

/** The faults the soak injects, each by its own {@link FaultInjector}. */
public enum FaultClass {
  TASK_ATTEMPT_KILLED("map task attempt killed mid-write", false),
  NODE_MANAGER_STOPPED("NodeManager stopped while tasks run", true),
  JOB_KILLED("whole job killed", false),
  DRIVER_KILLED("driver killed after the job, before coverage", false),
  BROKER_RESTARTED("Kafka broker stopped and restarted mid-read", false),
  RETENTION_DELETED("Kafka retention deleted an unread range", false),
  MYSQL_RESTARTED("MySQL stopped and restarted", false),
  MERGE_WRITER_KILLED("merge writer killed mid-append (lease held)", false),
  DATANODE_STOPPED("DataNode stopped", true),
  TWO_RUNS_AT_ONCE("two runs started at once", false),
  RETENTION_DURING_RETRY("Kafka retention passed a part-read range before its retry", false);

  private final String description;
  private final boolean needsSpareNodes;

  FaultClass(String description, boolean needsSpareNodes) {
    this.description = description;
    this.needsSpareNodes = needsSpareNodes;
  }

  public String description() {
    return description;
  }

  /** Needs a second DataNode or NodeManager to survive without the one it stops. */
  public boolean needsSpareNodes() {
    return needsSpareNodes;
  }
}

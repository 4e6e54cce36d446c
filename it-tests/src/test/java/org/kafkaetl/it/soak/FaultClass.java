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
  RETENTION_DURING_RETRY("Kafka retention passed a part-read range before its retry", false),
  POISON_MESSAGES("poison messages of every kind", false),
  PARTITIONS_ADDED("partitions added to the topic mid-day", false),
  MYSQL_DOWN_AT_SUBMIT("MySQL down at job submit", false),
  LOCK_CONNECTION_LOST("driver's lock connection lost mid-run", false),
  CLIENT_ERROR_WHILE_WAITING("client error while waiting for the job", false),
  RERUN_BESIDE_MERGE("a rerun beside a merge of the same hour", false),
  QUOTA_WHILE_LANDING("HDFS quota exceeded while landing", false),
  QUOTA_WHILE_MERGING("HDFS quota exceeded while merging", false),
  NAMENODE_RESTARTED_LANDING("NameNode restarted while landing", true),
  NAMENODE_RESTARTED_MERGING("NameNode restarted while merging", true),
  TOPIC_RECREATED("topic deleted and created again", false);

  private final String description;
  private final boolean needsSpareNodes;

  FaultClass(String description, boolean needsSpareNodes) {
    this.description = description;
    this.needsSpareNodes = needsSpareNodes;
  }

  public String description() {
    return description;
  }

  /**
   * Needs the full soak's environment of its own: a second DataNode or NodeManager to survive
   * without the one it stops, or a NameNode no other test is using while it restarts.
   */
  public boolean needsSpareNodes() {
    return needsSpareNodes;
  }
}

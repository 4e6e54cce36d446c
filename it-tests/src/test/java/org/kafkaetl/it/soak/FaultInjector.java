package org.kafkaetl.it.soak;

/**
 * Injects one class of fault into one simulated hour: runs the hour (the hourly run and, unless the
 * fault is the driver's death, the merge after it) with the fault, and restarts whatever it stopped
 * before returning. What an operator must then do is left to the alerts.
 */
interface FaultInjector {
  FaultClass faultClass();

  void inject(SimulatedHour hour) throws Exception;

  static FaultInjector of(FaultClass fault) {
    return switch (fault) {
      case TASK_ATTEMPT_KILLED -> new TaskAttemptKiller();
      case NODE_MANAGER_STOPPED -> new NodeManagerStopper();
      case JOB_KILLED -> new JobKiller();
      case DRIVER_KILLED -> new DriverKiller();
      case BROKER_RESTARTED -> new BrokerRestarter();
      case RETENTION_DELETED -> new RetentionDeleter();
      case MYSQL_RESTARTED -> new MySqlRestarter();
      case MERGE_WRITER_KILLED -> new MergeWriterKiller();
      case DATANODE_STOPPED -> new DataNodeStopper();
      case TWO_RUNS_AT_ONCE -> new TwoRunsAtOnce();
      case RETENTION_DURING_RETRY -> new RetentionDuringRetry();
      case POISON_MESSAGES -> new PoisonMessageWriter();
      case PARTITIONS_ADDED -> new PartitionAdder();
      case MYSQL_DOWN_AT_SUBMIT -> new MySqlDownAtSubmit();
      case LOCK_CONNECTION_LOST -> new LockConnectionKiller();
      case CLIENT_ERROR_WHILE_WAITING -> new ClientErrorWhileWaiting();
      case RERUN_BESIDE_MERGE -> new RerunBesideMerge();
      case QUOTA_WHILE_LANDING -> new QuotaWhileLanding();
      case QUOTA_WHILE_MERGING -> new QuotaWhileMerging();
      case NAMENODE_RESTARTED_LANDING -> new NameNodeRestarter();
      case NAMENODE_RESTARTED_MERGING -> new NameNodeRestartWhileMerging();
      case TOPIC_RECREATED -> new TopicRecreator();
    };
  }
}

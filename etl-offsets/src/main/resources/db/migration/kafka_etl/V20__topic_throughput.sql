-- Per run and topic: the rate the run was sized with and the plan it gave (written before the job),
-- then what the map tasks measured (written after it). The next runs size themselves from the
-- measurements of recent runs without a fault: (topic, run_id) reads those without the rest.
CREATE TABLE etl_topic_throughput (
  run_id           BIGINT       NOT NULL,
  topic            VARCHAR(249) COLLATE utf8mb4_bin NOT NULL,
  rate_used        DOUBLE       NOT NULL COMMENT 'messages/s per map task the run was sized with',
  rate_source      VARCHAR(16)  NOT NULL COMMENT 'STARTING, MEASURED or CLAMPED',
  split_threshold  BIGINT       NULL COMMENT 'NULL: its ranges were not split',
  events           INT          NOT NULL,
  planned_messages BIGINT       NOT NULL,
  mappers          INT          NOT NULL COMMENT 'map tasks reading any of its ranges',
  messages         BIGINT       NULL COMMENT 'measured: offsets read; NULL until the run recorded its outcomes',
  bytes            BIGINT       NULL,
  read_millis      BIGINT       NULL COMMENT 'summed over its ranges: one map task''s time for them all',
  faulted          BOOLEAN      NULL COMMENT 'a range not COMPLETE, a lost or stopped read, a failed job',
  PRIMARY KEY (run_id, topic),
  KEY etl_topic_throughput_topic (topic, faulted, run_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- One row per run of the tool (hourly run, later rerun and merge).
CREATE TABLE etl_runs (
  run_id          BIGINT       NOT NULL AUTO_INCREMENT,
  hour            CHAR(10)     NOT NULL COMMENT 'yyyyMMddHH in the configured time zone',
  kind            VARCHAR(16)  NOT NULL COMMENT 'RUN',
  state           VARCHAR(16)  NOT NULL COMMENT 'RUNNING, COMPLETE, INCOMPLETE, FAILED',
  host            VARCHAR(255) NOT NULL,
  started_at_utc  DATETIME(3)  NOT NULL,
  finished_at_utc DATETIME(3)  NULL,
  PRIMARY KEY (run_id),
  KEY etl_runs_hour (hour)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- One row per planned event (a partition's range in one run, or one part of a split range).
-- Per (topic, kafka_partition) the rows tile the offsets: each begin is the previous end.
CREATE TABLE etl_offsets (
  topic           VARCHAR(249) COLLATE utf8mb4_bin  NOT NULL,
  kafka_partition INT           NOT NULL,
  begin_offset    BIGINT        NOT NULL COMMENT 'inclusive',
  end_offset      BIGINT        NOT NULL COMMENT 'exclusive',
  run_id          BIGINT        NOT NULL,
  hour            CHAR(10)      NOT NULL,
  state           VARCHAR(16)   NOT NULL COMMENT 'PLANNED, RUNNING, COMPLETE, INCOMPLETE, LOST',
  reached_offset  BIGINT        NOT NULL COMMENT 'first offset not read',
  records         BIGINT        NOT NULL DEFAULT 0,
  decode_errors   BIGINT        NOT NULL DEFAULT 0,
  detail          VARCHAR(2000) NULL,
  updated_at_utc  DATETIME(3)   NOT NULL,
  PRIMARY KEY (topic, kafka_partition, begin_offset),
  UNIQUE KEY etl_offsets_end (topic, kafka_partition, end_offset),
  KEY etl_offsets_run (run_id),
  KEY etl_offsets_hour (hour, topic),
  CONSTRAINT etl_offsets_range CHECK (end_offset > begin_offset),
  CONSTRAINT etl_offsets_run_fk FOREIGN KEY (run_id) REFERENCES etl_runs (run_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

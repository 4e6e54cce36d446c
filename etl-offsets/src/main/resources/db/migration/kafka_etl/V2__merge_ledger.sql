-- Which hourly file went into which daily warehouse file, at which bytes. One row per hourly
-- file (a planned range's records of one event date). A merge appends only files not in here.
CREATE TABLE etl_merge_ledger (
  topic           VARCHAR(249) COLLATE utf8mb4_bin  NOT NULL,
  kafka_partition INT           NOT NULL,
  event_date      DATE          NOT NULL,
  begin_offset    BIGINT        NOT NULL,
  end_offset      BIGINT        NOT NULL,
  hour            CHAR(10)      NOT NULL COMMENT 'hour directory the hourly file came from',
  hourly_path     VARCHAR(2000) COLLATE utf8mb4_bin NOT NULL,
  daily_path      VARCHAR(2000) COLLATE utf8mb4_bin NOT NULL,
  part            INT           NOT NULL COMMENT '0 for the first part; a schema change starts the next',
  daily_file_id   CHAR(36)      NOT NULL COMMENT 'id in the daily file''s Avro metadata: tells a replaced file apart',
  byte_begin      BIGINT        NOT NULL,
  byte_end        BIGINT        NOT NULL,
  records         BIGINT        NOT NULL,
  merged_at_utc   DATETIME(3)   NOT NULL,
  PRIMARY KEY (topic, kafka_partition, event_date, begin_offset),
  KEY etl_merge_ledger_day (topic, event_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- One row per merged (topic, date): when it was first merged and when late data last revised it.
CREATE TABLE etl_merge_days (
  topic              VARCHAR(249) COLLATE utf8mb4_bin NOT NULL,
  event_date         DATE         NOT NULL,
  first_merged_utc   DATETIME(3)  NOT NULL,
  last_merged_utc    DATETIME(3)  NOT NULL,
  revisions          INT          NOT NULL DEFAULT 0 COMMENT 'merges that added data after the first',
  rebuilt_utc        DATETIME(3)  NULL,
  PRIMARY KEY (topic, event_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

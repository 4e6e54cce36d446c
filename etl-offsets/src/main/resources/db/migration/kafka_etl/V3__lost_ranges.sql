-- Offsets Kafka deleted (retention) before they were read: whole ranges found at planning, and
-- sub-ranges a reader met mid-range. Together with etl_offsets rows in state LOST, these are
-- exactly the data that can never land.
CREATE TABLE etl_lost_ranges (
  topic           VARCHAR(249) COLLATE utf8mb4_bin NOT NULL,
  kafka_partition INT          NOT NULL,
  begin_offset    BIGINT       NOT NULL,
  end_offset      BIGINT       NOT NULL,
  run_id          BIGINT       NOT NULL,
  detected_at_utc DATETIME(3)  NOT NULL,
  PRIMARY KEY (topic, kafka_partition, begin_offset),
  CONSTRAINT etl_lost_ranges_range CHECK (end_offset > begin_offset)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Where a partition begins for this tool, recorded when it is first seen. Needed when a new
-- partition starts at Kafka's latest offset: its first range is empty, so etl_offsets has no row
-- to continue from, and without this the next run would start at the then-latest offset again.
CREATE TABLE etl_partition_starts (
  topic           VARCHAR(249) COLLATE utf8mb4_bin NOT NULL,
  kafka_partition INT          NOT NULL,
  start_offset    BIGINT       NOT NULL,
  recorded_at_utc DATETIME(3)  NOT NULL,
  PRIMARY KEY (topic, kafka_partition)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

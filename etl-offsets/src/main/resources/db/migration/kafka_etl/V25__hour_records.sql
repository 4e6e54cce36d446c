-- Records landed per topic and hour, kept as the outcomes that change them are recorded: the fleet page
-- plots them after every command, and summing every range row of its window took about a minute at
-- 300 topics x 1 000 partitions x 48 hours (docs/performance.md (8)). Filled here from the rows kept, in
-- one statement (all or nothing); IF NOT EXISTS lets a fill that failed be started again after a repair.
CREATE TABLE IF NOT EXISTS etl_hour_records (
  topic   VARCHAR(249) COLLATE utf8mb4_bin NOT NULL,
  hour    CHAR(10)     NOT NULL,
  records BIGINT       NOT NULL COMMENT 'sum of the records of the ranges of the hour, an incomplete one with what it read',
  PRIMARY KEY (topic, hour)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO etl_hour_records (topic, hour, records)
  SELECT topic, hour, SUM(records) FROM etl_offsets GROUP BY topic, hour HAVING SUM(records) <> 0;

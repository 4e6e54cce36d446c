-- Each topic's lag as the last command of an hour measured it, so the fleet page can plot lag over its
-- window (Prometheus keeps it too, where it is set up). One row per topic and hour, the latest
-- measurement of the hour winning; history pruning removes the hours past retention.
CREATE TABLE etl_topic_lag (
  topic           VARCHAR(249) COLLATE utf8mb4_bin NOT NULL,
  hour            CHAR(10)     NOT NULL COMMENT 'yyyyMMddHH of the command that measured it',
  messages        BIGINT       NOT NULL COMMENT 'messages behind Kafka''s latest offsets',
  oldest_seconds  BIGINT       NULL     COMMENT 'age of the oldest message not landed; NULL when not known',
  measured_at_utc DATETIME(3)  NOT NULL,
  PRIMARY KEY (topic, hour)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

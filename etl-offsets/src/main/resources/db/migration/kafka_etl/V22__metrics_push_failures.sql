-- Per Pushgateway job and command: how many pushes of its metrics failed (the Pushgateway did not
-- answer or refused them), ever. Kept here because the process that failed to push cannot tell the
-- Pushgateway; the next command that pushes sends the count as kafka_etl_metrics_push_failures.
CREATE TABLE etl_metrics_push_failures (
  job          VARCHAR(200) COLLATE utf8mb4_bin NOT NULL,
  command      VARCHAR(32)  NOT NULL,
  failures     BIGINT       NOT NULL,
  last_failure TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (job, command)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

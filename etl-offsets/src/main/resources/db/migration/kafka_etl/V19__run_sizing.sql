-- How each run sized itself (etl.target.run.time): status compares the expected time with the run's
-- own start and end in etl_runs. Only runs with a target run time have a row.
CREATE TABLE etl_run_sizing (
  run_id          BIGINT        NOT NULL,
  target_millis   BIGINT        NOT NULL,
  expected_millis BIGINT        NOT NULL COMMENT 'the busiest map task''s expected reading time',
  mappers         INT           NOT NULL,
  bound           VARCHAR(2000) NULL COMMENT 'what stopped it landing within the target; NULL: nothing',
  PRIMARY KEY (run_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A sized run's job overhead: the job's wall time less its longest map task's reading time (start-up,
-- waiting for containers, commit). The next runs take the median of recent ones off their target.
ALTER TABLE etl_run_sizing
  ADD COLUMN overhead_millis BIGINT NULL COMMENT 'job wall time less the longest map task''s reading; NULL: not measured';

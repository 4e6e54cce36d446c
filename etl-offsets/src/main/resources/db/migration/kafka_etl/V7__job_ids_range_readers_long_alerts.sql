-- The MapReduce job a run submitted: a later run stops it before settling the run's ranges, so a
-- job outliving its driver can never commit into ranges already settled or read again.
ALTER TABLE etl_runs ADD COLUMN job_id VARCHAR(64) NULL AFTER host;
-- The run or rerun reading a RUNNING range: only it may record the range's outcome, so a run taken
-- for dead (its lock lost) cannot overwrite what the next run settled or read again.
ALTER TABLE etl_offsets ADD COLUMN reader_run_id BIGINT NULL AFTER run_id;
ALTER TABLE etl_runs MODIFY COLUMN state VARCHAR(16) NOT NULL COMMENT 'RUNNING, COMPLETE, INCOMPLETE, FAILED, DIED';

-- An alert listing many ranges can exceed TEXT (64 KB); storing it must never fail.
ALTER TABLE etl_alerts MODIFY COLUMN details MEDIUMTEXT NOT NULL;
ALTER TABLE etl_alerts MODIFY COLUMN commands MEDIUMTEXT NOT NULL COMMENT 'fix commands, one per line';

-- When the alerts a run's recorded outcome calls for (ranges incomplete, offsets Kafka deleted during
-- the read, event times outside the window or implausible) were sent. finishRun commits the outcome
-- first and the driver alerts after: a driver killed in between, or a commit whose answer was lost,
-- left them unsent with nothing left open for the next run to settle. NULL on an ended run: the next
-- run sends them from the stored outcome and the committed reports. Runs ended before this column
-- existed count as alerted.
ALTER TABLE etl_runs ADD COLUMN outcome_alerted_at_utc DATETIME(3) NULL AFTER finished_at_utc;
UPDATE etl_runs SET outcome_alerted_at_utc = finished_at_utc WHERE finished_at_utc IS NOT NULL;

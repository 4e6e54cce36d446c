-- How many times a range has been read (first read, automatic retries, reruns): bounds automatic retry.
ALTER TABLE etl_offsets ADD COLUMN attempts INT NOT NULL DEFAULT 0 AFTER decode_errors;

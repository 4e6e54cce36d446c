-- status, cleanup and the audit ask the merge ledger for the files of an hour (of a topic): without
-- this index each question read the whole ledger, one row per hourly file ever merged.
ALTER TABLE etl_merge_ledger ADD KEY etl_merge_ledger_hour (hour, topic);

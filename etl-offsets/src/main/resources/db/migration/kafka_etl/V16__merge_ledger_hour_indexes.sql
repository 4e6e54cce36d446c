-- status and cleanup ask the merge ledger for the files of an hour, the audit for one topic's files
-- of some hours: without these indexes each question read the whole ledger, one row per hourly file
-- ever merged.
ALTER TABLE etl_merge_ledger
  ADD KEY etl_merge_ledger_hour (hour),
  ADD KEY etl_merge_ledger_topic_hour (topic, hour);

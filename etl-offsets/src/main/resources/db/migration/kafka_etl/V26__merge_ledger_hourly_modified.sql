-- Each merged hourly file's modification time as the merge that copied it listed it (the NameNode's
-- clock, epoch milliseconds): cleanup keeps an hour whose file's time is no longer this one (a rerun
-- wrote it again after the merge), comparing one clock with itself rather than with the merge host's.
-- NULL for rows merged before this column: cleanup compares with merged_at_utc for them. A nullable
-- column added last is an instant change on MariaDB 10.3+ and MySQL 8.0 (no copy of a big ledger);
-- ALGORITHM=INSTANT makes a server that would copy the table refuse instead of locking it for hours.
ALTER TABLE etl_merge_ledger
  ADD COLUMN hourly_modified_ms BIGINT NULL
    COMMENT 'hourly file modification time (NameNode, epoch ms) when merged; NULL: merged before it was kept',
  ALGORITHM=INSTANT;

-- etl_offsets.state becomes CHAR(10) in ASCII, a fixed width, so recording an outcome (RUNNING ->
-- COMPLETE) changes a row in place. As VARCHAR(16) in utf8mb4 each outcome changed the row's length
-- (7 characters to 8), and InnoDB then deletes and inserts the record instead of overwriting its
-- fields: 135 000 rows of a run at 100 000 partitions took 1.65-1.95 s of the server's CPU that way
-- against 0.91-0.97 s in place (docs/performance.md (4)). The values, their comparisons (the ASCII
-- collation is case-insensitive like the table's) and the (state, hour) index stay as they were;
-- values read back carry no trailing spaces (readers strip them anyway, for PAD_CHAR_TO_FULL_LENGTH).
-- Ten characters hold the longest state, INCOMPLETE; a longer one would need a wider column.
-- MariaDB changes a column's type by copying the table: writes to etl_offsets wait until it is done
-- (about 10 s a million rows kept on a 2-core machine), so prune with the old jar, then upgrade
-- between two hourly runs (docs/operations.md).
ALTER TABLE etl_offsets
  MODIFY state CHAR(10) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL
    COMMENT 'PLANNED, RUNNING, COMPLETE, INCOMPLETE, LOST';

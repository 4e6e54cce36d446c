-- A merge that takes a topic's merge lock begins the topic's next epoch before it reads the ledger;
-- every ledger write checks, in its own transaction, that its merge's epoch is still the topic's.
-- The lock check alone is a separate statement on another connection: a merge whose lock went with
-- its connection right after that check could otherwise record bytes the next holder had cut off.
CREATE TABLE etl_merge_epochs (
  topic VARCHAR(249) COLLATE utf8mb4_bin NOT NULL,
  epoch BIGINT       NOT NULL,
  PRIMARY KEY (topic)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A page no channel that pages (SMS, webhook) delivered must not silence its repeats: the gateway
-- down for a few seconds would otherwise leave an incident untold for the whole suppression window,
-- and a one-time incident untold for good. Which channels failed is kept for the operator looking
-- for alerts nobody received (SELECT ... WHERE failed_channels <> '').
ALTER TABLE etl_alerts
  ADD COLUMN undelivered BOOLEAN NOT NULL DEFAULT FALSE
    COMMENT 'TRUE: a channel that pages wanted it and none delivered it; does not count as sent' AFTER resolution,
  ADD COLUMN failed_channels VARCHAR(200) NOT NULL DEFAULT ''
    COMMENT 'channels that wanted it and failed (SMS: for at least one recipient), comma-separated' AFTER channels;

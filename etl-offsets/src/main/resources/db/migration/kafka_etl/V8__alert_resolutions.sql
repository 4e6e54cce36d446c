-- A resolution closes an incident: the channels that carried its page were told it is over, and the
-- same key raised afterwards is a new incident (not suppressed as a repeat of the old one).
ALTER TABLE etl_alerts ADD COLUMN resolution BOOLEAN NOT NULL DEFAULT FALSE
  COMMENT 'TRUE: this row is the resolution of the incident alert_key' AFTER suppressed;

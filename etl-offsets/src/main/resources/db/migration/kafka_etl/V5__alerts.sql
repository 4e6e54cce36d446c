-- Every alert raised: sent (channels) or suppressed as a repeat of an incident sent recently.
CREATE TABLE etl_alerts (
  alert_id    BIGINT        NOT NULL AUTO_INCREMENT,
  alert_key   VARCHAR(500)  NOT NULL COMMENT 'the incident: same key within the window = suppressed',
  severity    VARCHAR(16)   NOT NULL,
  summary     VARCHAR(1000) NOT NULL,
  details     TEXT          NOT NULL,
  commands    TEXT          NOT NULL COMMENT 'fix commands, one per line',
  suppressed  BOOLEAN       NOT NULL,
  channels    VARCHAR(200)  NOT NULL COMMENT 'where it was delivered, comma-separated',
  raised_utc  DATETIME(3)   NOT NULL,
  PRIMARY KEY (alert_id),
  KEY etl_alerts_key (alert_key(200), suppressed, raised_utc)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

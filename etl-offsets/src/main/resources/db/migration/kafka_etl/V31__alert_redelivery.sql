-- A page nobody received (undelivered) is sent again by later commands until one delivers it, it is
-- resolved or the look-back (alerts.redelivery.lookback, from its first raise) has passed: incidents
-- raised once (lost offsets, a recreated topic, a stopped run) never recur to be paged again.
-- first_raised_utc: when the page was first raised; a delayed page keeps it through every attempt,
-- so the look-back counts from the raise nobody received (NULL in rows stored before: raised_utc).
-- (undelivered, raised_utc): the one statement finding the pages still owed reads only the undelivered
-- rows of the look-back, not every alert ever raised. One ALTER: atomic on its own.
ALTER TABLE etl_alerts
  ADD COLUMN first_raised_utc DATETIME(3) NULL
    COMMENT 'when the page was first raised; earlier than raised_utc for a delayed page' AFTER raised_utc,
  ADD KEY etl_alerts_undelivered (undelivered, raised_utc);

package org.kafkaetl.it.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.offsets.LockNames;
import org.kafkaetl.it.fixtures.MariaDbFixture;

/** The database session holding a scenario's hourly lock, as seen from the server. */
public final class LockHolder {
  private LockHolder() {}

  /**
   * Kills the session that holds the scenario's hourly lock, as a network cut or a server-side
   * timeout would: the lock is free for the next run while its holder still runs.
   */
  public static void killConnection(EtlScenario s, MariaDbFixture db) {
    String name = LockNames.hourly(EtlConfig.parse(s.properties()));
    try (Connection c = s.database().connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT IS_USED_LOCK(SHA1(CONCAT(DATABASE(), '|', ?)))")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery(); Connection root = db.connectAsRoot(); Statement kill = root.createStatement()) {
        rs.next();
        long holder = rs.getLong(1);
        if (rs.wasNull()) {
          throw new AssertionError("nobody holds the lock '" + name + "'");
        }
        kill.execute("KILL CONNECTION " + holder);
      }
    } catch (java.sql.SQLException e) {
      throw new AssertionError("cannot kill the holder of the lock '" + name + "'", e);
    }
  }
}

package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.kafkaetl.core.offsets.RunLock;

/**
 * {@link RunLock} on MySQL's {@code GET_LOCK}: the lock lives as long as the holding connection, so
 * a run whose JVM was killed releases it without anyone cleaning up.
 */
public final class MySqlRunLock implements RunLock {
  private final Database database;

  public MySqlRunLock(Database database) {
    this.database = database;
  }

  @Override
  public Optional<Held> tryAcquire(String name) {
    Connection c = database.connect();
    try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getInt(1) == 1) {
          return Optional.of(new HeldLock(c, name));
        }
      }
      c.close();
      return Optional.empty();
    } catch (SQLException e) {
      closeQuietly(c, e);
      throw database.failure("cannot take the lock '" + name + "'", e);
    }
  }

  private static void closeQuietly(Connection c, SQLException failure) {
    try {
      c.close();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private record HeldLock(Connection connection, String name) implements Held {
    @Override
    public void close() {
      // Closing the session releases every lock it holds, even if RELEASE_LOCK cannot run.
      try (connection; PreparedStatement ps = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
        ps.setString(1, name);
        ps.execute();
      } catch (SQLException e) {
        // the lock went with the connection
      }
    }
  }
}

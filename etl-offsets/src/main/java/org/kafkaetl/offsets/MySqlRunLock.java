package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.kafkaetl.core.offsets.RunLock;

/**
 * {@link RunLock} on MySQL's {@code GET_LOCK}: the lock lives as long as the holding connection, so
 * a run whose JVM was killed releases it without anyone cleaning up. {@code GET_LOCK} names are
 * server-wide, so the name is combined with the current database: deployments sharing a server
 * but not a database never block each other, however their clients spell the JDBC URL.
 */
public final class MySqlRunLock implements RunLock {
  private static final String SERVER_LOCK_NAME = "SHA1(CONCAT(DATABASE(), '|', ?))";
  private final Database database;

  public MySqlRunLock(Database database) {
    this.database = database;
  }

  @Override
  public Optional<Held> tryAcquire(String name) {
    Connection c = database.connect();
    try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(" + SERVER_LOCK_NAME + ", 0)")) {
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
      try (connection; PreparedStatement ps = connection.prepareStatement("SELECT RELEASE_LOCK(" + SERVER_LOCK_NAME + ")")) {
        ps.setString(1, name);
        ps.execute();
      } catch (SQLException e) {
        // the lock went with the connection
      }
    }
  }
}

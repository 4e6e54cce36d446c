package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kafkaetl.core.offsets.RunLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RunLock} on MySQL's {@code GET_LOCK}: the lock lives as long as the holding connection, so
 * a run whose JVM was killed releases it without anyone cleaning up. {@code GET_LOCK} names are
 * server-wide, so the name is combined with the current database: deployments sharing a server
 * but not a database never block each other, however their clients spell the JDBC URL.
 *
 * <p>The holding connection is idle while the job runs, so it is pinged to outlive the server's
 * {@code wait_timeout}. If the lock is lost anyway (server restart), the ping says so in the log;
 * correctness does not depend on it: before it submits a job and before it records outcomes, a run
 * asks {@link Held#stillHeld} and stops if the lock is gone; its store steps are fenced too.
 */
public final class MySqlRunLock implements RunLock {
  private static final Logger LOG = LoggerFactory.getLogger(MySqlRunLock.class);
  private static final String SERVER_LOCK_NAME = "SHA1(CONCAT(DATABASE(), '|', ?))";
  private static final Duration KEEPALIVE = Duration.ofSeconds(30);
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
          return Optional.of(HeldLock.keptAlive(c, name));
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

  private record HeldLock(Connection connection, String name, ScheduledExecutorService pinger) implements Held {
    static HeldLock keptAlive(Connection connection, String name) {
      ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "run-lock-keepalive");
        t.setDaemon(true);
        return t;
      });
      HeldLock held = new HeldLock(connection, name, pinger);
      pinger.scheduleWithFixedDelay(held::ping, KEEPALIVE.toSeconds(), KEEPALIVE.toSeconds(), TimeUnit.SECONDS);
      return held;
    }

    private void ping() {
      synchronized (connection) {
        try (PreparedStatement ps = connection.prepareStatement(
            "SELECT IS_USED_LOCK(" + SERVER_LOCK_NAME + ") = CONNECTION_ID()")) {
          ps.setString(1, name);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || !rs.getBoolean(1)) {
              LOG.error("the lock '{}' is no longer held by this process; another run may start", name);
            }
          }
        } catch (SQLException e) {
          LOG.error("the lock '{}' is lost with its connection ({}); another run may start", name, e.getMessage());
          pinger.shutdown();
        }
      }
    }

    /** Asks the server on the holding connection; a connection that died took the lock with it. */
    @Override
    public boolean stillHeld() {
      synchronized (connection) {
        try (PreparedStatement ps = connection.prepareStatement(
            "SELECT IS_USED_LOCK(" + SERVER_LOCK_NAME + ") = CONNECTION_ID()")) {
          ps.setString(1, name);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
          }
        } catch (SQLException e) {
          LOG.error("the lock '{}' is lost with its connection ({})", name, e.getMessage());
          return false;
        }
      }
    }

    @Override
    public void close() {
      pinger.shutdownNow();
      synchronized (connection) {
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
}

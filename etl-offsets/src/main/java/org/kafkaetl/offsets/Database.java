package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.RetriableException;

/**
 * Connections to the MySQL-compatible database that holds etl_offsets, and its schema migrations.
 * The password is kept here only; it never appears in messages.
 */
public final class Database {
  private static final String MIGRATIONS = "classpath:db/migration/kafka_etl";
  private static final String HISTORY_TABLE = "etl_schema_history";

  private final String url;
  /** The URL as messages show it: a password given in it is masked. */
  private final String shownUrl;
  private final String user;
  private final String password;

  public Database(String url, String user, String password) {
    this.url = url;
    this.shownUrl = org.kafkaetl.core.config.Secrets.display("db.url", url);
    this.user = user;
    this.password = password == null ? "" : password;
  }

  /** Creates or upgrades the schema; safe to call on every start. */
  public void migrate() {
    checkReachable();
    try {
      Flyway.configure()
          .dataSource(url, user, password)
          .locations(MIGRATIONS)
          .table(HISTORY_TABLE)
          .baselineOnMigrate(false)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new RetriableException("cannot create or migrate the etl_offsets schema at " + shownUrl + ": "
          + rootMessage(e), e);
    }
  }

  /** Fails with one clear line when the database cannot be reached, before any work starts. */
  public void checkReachable() {
    try (Connection ignored = connect()) {
      ignored.isValid(5);
    } catch (SQLException e) {
      throw failure("cannot connect to the database", e);
    }
  }

  public Connection connect() {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("connectTimeout", "10000");
    props.setProperty("socketTimeout", "120000");
    // Batches go as multi-row statements, not one round trip per row: with the batched tiling check,
    // a run of 100 000 partitions stores its rows in about 3 s instead of 14 (docs/performance.md).
    if (!url.contains("rewriteBatchedStatements")) {
      props.setProperty("rewriteBatchedStatements", "true");
    }
    try {
      return DriverManager.getConnection(url, props);
    } catch (SQLException e) {
      throw failure("cannot connect to the database", e);
    }
  }

  /** The JDBC URL with any password in it masked. */
  public String url() {
    return shownUrl;
  }

  /** Work done on one connection in one transaction. */
  interface Transaction<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws.
   *
   * @param what what failed, for the message, e.g. "cannot store the planned ranges"
   */
  <T> T inTransaction(String what, Transaction<T> work) {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackKeeping(c, e);
        throw e;
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** Rolls back after {@code failure}; a rollback that fails too must not hide the first cause. */
  private static void rollbackKeeping(Connection c, Exception failure) {
    try {
      c.rollback();
    } catch (SQLException rollbackFailure) {
      failure.addSuppressed(rollbackFailure);
    }
  }

  /** Wraps a JDBC failure; connection-class failures (SQLState 08) are retriable. */
  public EtlException failure(String what, SQLException e) {
    String message = what + " at " + shownUrl + " as '" + user + "': " + rootMessage(e);
    String state = e.getSQLState();
    boolean connection = state != null && state.startsWith("08");
    return connection ? new RetriableException(message, e) : new EtlException(message, e);
  }

  /** Masked: drivers quote the URL they were given (e.g. "No suitable driver found for jdbc:..."). */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String first = firstLine(e.getMessage());
    return org.kafkaetl.core.config.Secrets.display("message",
        root == e ? first : first + " (" + firstLine(root.getMessage()) + ")");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline).trim();
  }

  @Override
  public String toString() {
    return "Database[" + shownUrl + " as " + user + "]";
  }
}

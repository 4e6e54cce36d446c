package org.kafkaetl.it.support;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;

/**
 * The statements a JDBC URL's connections send, kept by Connector/J's own interceptor hook: add
 * {@link #URL_PARAMETER} to the URL. What a component asks of the database, not how long it took.
 */
public final class StatementLog implements QueryInterceptor {
  public static final String URL_PARAMETER = "&queryInterceptors=" + StatementLog.class.getName();
  private static final List<String> SENT = new CopyOnWriteArrayList<>();

  /** Forgets what was sent so far. */
  public static void clear() {
    SENT.clear();
  }

  /** The statements sent since the last {@link #clear()} that contain {@code fragment}. */
  public static List<String> containing(String fragment) {
    return SENT.stream().filter(sql -> sql.contains(fragment)).toList();
  }

  @Override
  public QueryInterceptor init(MysqlConnection connection, Properties properties, Log log) {
    return this;
  }

  @Override
  public <T extends Resultset> T preProcess(Supplier<String> sql, Query query) {
    SENT.add(sql.get());
    return null;
  }

  @Override
  public boolean executeTopLevelOnly() {
    return true;
  }

  @Override
  public void destroy() {}

  @Override
  public <T extends Resultset> T postProcess(Supplier<String> sql, Query query, T result, ServerSession session) {
    return null;
  }
}

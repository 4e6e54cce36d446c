package org.kafkaetl.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.kafkaetl.core.EtlException;

/** The JDBC URL as messages show it. No server is needed: nothing listens on port 1. */
class DatabaseTest {

  @Test
  void aPasswordGivenInTheUrlIsNeverInAMessage() {
    for (String url : new String[] {"jdbc:mysql://etl:pw-userinfo-123@127.0.0.1:1/etl?connectTimeout=2000",
        "jdbc:mariadb://127.0.0.1:1/etl?user=etl&password=pw-param-123&connectTimeout=2000"}) {
      Database database = new Database(url, "etl", "pw-prop-123");
      assertThat(database.url()).doesNotContain("pw-").contains("[hidden]");
      assertThat(database.toString()).doesNotContain("pw-");
      Throwable failure = catchThrowable(database::checkReachable);
      assertThat(failure).isInstanceOf(EtlException.class);
      assertThat(failure.getMessage()).as(url).contains("cannot connect to the database at").doesNotContain("pw-");
    }
  }
}

package org.kafkaetl.alerts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.config.Password;

/** What a failed delivery says. Nothing listens on port 1, so the connection is refused. */
class HttpDeliveryTest {

  @Test
  void aFailedDeliveryNamesTheUrlWithoutItsCredentials() {
    HttpDelivery delivery = new HttpDelivery(1, Duration.ofMillis(10));
    assertThatThrownBy(() -> delivery.send("POST", "http://bot:pw-userinfo-123@127.0.0.1:1/hook?token=pw-query-123",
        "application/json", "{}", new Password("pw-token-123")))
        .isInstanceOf(HttpDelivery.DeliveryException.class)
        .hasMessageContaining("127.0.0.1:1/hook")
        .hasMessageNotContaining("pw-");
  }
}

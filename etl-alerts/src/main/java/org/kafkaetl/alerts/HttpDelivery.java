package org.kafkaetl.alerts;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.kafkaetl.core.config.Password;
import org.kafkaetl.core.config.Secrets;

/**
 * One HTTP request with retries (Failsafe): connection errors and 5xx/429 answers are retried with
 * backoff, other answers are final. The token goes in the Authorization header only.
 */
final class HttpDelivery {
  private final HttpClient client;
  private final RetryPolicy<HttpResponse<String>> retry;

  HttpDelivery(int attempts, Duration firstDelay) {
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.retry = RetryPolicy.<HttpResponse<String>>builder()
        .handle(IOException.class)
        .handleResultIf(r -> r.statusCode() >= 500 || r.statusCode() == 429)
        .withBackoff(firstDelay, firstDelay.multipliedBy(8))
        .withMaxAttempts(attempts)
        .build();
  }

  /** Sends; returns the final HTTP status. @throws DeliveryException when every attempt failed */
  int send(String method, String url, String contentType, String body, Password token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (!token.isEmpty()) {
      request.header("Authorization", "Bearer " + token.value());
    }
    try {
      HttpResponse<String> response = Failsafe.with(retry)
          .get(() -> client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
      if (response.statusCode() >= 300) {
        throw new DeliveryException(shown(url) + " answered HTTP " + response.statusCode());
      }
      return response.statusCode();
    } catch (dev.failsafe.FailsafeException e) {
      throw new DeliveryException(shown(url) + ": " + Secrets.display("message", String.valueOf(e.getCause())));
    }
  }

  /** The URL without a password in its user info or a token parameter: failures are logged. */
  private static String shown(String url) {
    return Secrets.display("url", url);
  }

  /** Delivery failed for good; the message names the URL and cause, never the token or a password in the URL. */
  static final class DeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeliveryException(String message) {
      super(message);
    }
  }
}

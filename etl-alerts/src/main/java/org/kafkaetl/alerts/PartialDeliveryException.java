package org.kafkaetl.alerts;

/**
 * A channel reached some of its recipients and not others. The alert counts as delivered by the
 * channel (someone was told, and will see the repeats); the message names who was not reached.
 */
final class PartialDeliveryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PartialDeliveryException(String message) {
    super(message);
  }
}

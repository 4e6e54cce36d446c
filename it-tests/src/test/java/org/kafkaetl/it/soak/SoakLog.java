package org.kafkaetl.it.soak;

/** The soak's own narrative on stdout, prefixed so it can be grepped out of the build log. */
final class SoakLog {
  private int hour = -1;

  void hour(int hour) {
    this.hour = hour;
  }

  void line(String text) {
    System.out.println("[soak] " + (hour >= 0 ? "h" + hour + " " : "") + text);
  }
}

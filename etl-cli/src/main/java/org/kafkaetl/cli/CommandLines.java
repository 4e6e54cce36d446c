package org.kafkaetl.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines a command prints for people as it goes. With {@code --json} they are kept for the one
 * document the command prints at its end instead: stdout then carries that document and nothing else.
 */
final class CommandLines {
  private final PrintWriter out;
  private final boolean json;
  private final List<String> lines = new ArrayList<>();

  CommandLines(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  void add(String line) {
    lines.add(line);
    if (!json) {
      out.println(line);
    }
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  boolean json() {
    return json;
  }

  /** Prints the document (with --json) and flushes: the process may exit right after. */
  void finish(String document) {
    if (json) {
      out.print(document);
    }
    out.flush();
  }
}

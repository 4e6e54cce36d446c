package org.kafkaetl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Debian package's Chromium, headless, as a test drives it: one process per page load, a fresh
 * profile each time, and every background connection off (this network refuses them, and a test must
 * not depend on them). Missing Chromium fails the test, naming how to install it.
 */
final class HeadlessChromium {
  static final Path BINARY = Path.of(System.getProperty("kafka.etl.test.chromium", "/usr/bin/chromium"));
  private static final long TIMEOUT_SECONDS = 90;

  private final Path binary;
  private final Path scratch;

  /** @throws AssertionError if {@code binary} is not there: the test fails, it is never skipped */
  HeadlessChromium(Path binary, Path scratch) {
    if (!Files.isExecutable(binary)) {
      throw new AssertionError("Chromium not found at " + binary + ": run scripts/install-test-deps (Debian package"
          + " chromium), or point -Dkafka.etl.test.chromium at a Chromium binary");
    }
    this.binary = binary;
    this.scratch = scratch;
  }

  static HeadlessChromium installed(Path scratch) {
    return new HeadlessChromium(BINARY, scratch);
  }

  /**
   * Loads the page once: returns the document after its scripts ran, serialized, and saves a PNG of
   * it as a 1400 x 1000 window shows it (one Chromium process for both: each start costs seconds).
   */
  String load(Path page, String fragment, Path png) throws IOException, InterruptedException {
    Files.createDirectories(png.getParent());
    Files.deleteIfExists(png);
    String dom = run(List.of("--hide-scrollbars", "--window-size=1400,1000", "--screenshot=" + png.toAbsolutePath(),
        "--dump-dom", url(page, fragment)));
    if (!Files.isRegularFile(png) || Files.size(png) == 0) {
      throw new AssertionError("Chromium wrote no screenshot to " + png);
    }
    return dom;
  }

  private static String url(Path page, String fragment) {
    return page.toAbsolutePath().toUri() + (fragment.isEmpty() ? "" : "#" + fragment);
  }

  private String run(List<String> arguments) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(scratch, "chromium-profile");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile));
    command.addAll(arguments);
    Path out = scratch.resolve("chromium.out");
    Path err = scratch.resolve("chromium.err");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("Chromium did not end in " + TIMEOUT_SECONDS + " s: " + command);
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new AssertionError("Chromium exited " + process.exitValue() + ": " + command + "\n"
          + Files.readString(err, StandardCharsets.UTF_8));
    }
    return stdout;
  }
}

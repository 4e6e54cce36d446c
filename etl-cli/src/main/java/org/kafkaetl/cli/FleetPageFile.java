package org.kafkaetl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.status.FleetPage;
import org.kafkaetl.core.status.FleetStatus;

/**
 * Writes the fleet page: read the status and the records per hour, render, write to a temporary
 * file beside the target and move it into place, so a web server serving the file or a person
 * reloading it never sees half a page.
 */
final class FleetPageFile {
  private FleetPageFile() {}

  /** @return the status the page shows, for the caller's exit code or metrics */
  static FleetStatus write(Path file, FleetStatusReader reader, HourPartition from, HourPartition to,
      FixCommands fix) throws IOException {
    FleetStatus status = reader.read(from, to);
    // the lag just measured is this hour's: shown before the command keeps it
    String page = FleetPage.render(status, reader.recordsPerHour(from, to),
        reader.lagHistory(from, to).with(to, status.lag()), fix, Instant.now());
    Path target = file.toAbsolutePath();
    Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.writeString(temporary, page, StandardCharsets.UTF_8);
    try {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
    return status;
  }
}

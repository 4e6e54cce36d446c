package org.kafkaetl.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads a secret from a local file that only its owner may use, the way ssh treats a private key:
 * a file others can read has probably leaked already, so it is refused rather than used.
 */
final class SecretFile {
  private static final Set<PosixFilePermission> OTHERS_THAN_OWNER = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private SecretFile() {}

  /**
   * The file's content without its trailing line break (an editor or {@code echo} adds one).
   *
   * @throws IllegalArgumentException saying what is wrong with the file and how to fix it; never
   *     containing the content
   */
  static Password read(Path file) {
    requireOwnerOnly(file);
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(file + " cannot be read by user " + System.getProperty("user.name"), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getClass().getSimpleName(), e);
    }
    String secret = content.replaceFirst("\\R+\\z", "");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException(file + " is empty");
    }
    return new Password(secret);
  }

  private static void requireOwnerOnly(Path file) {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + " does not exist", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the permissions of " + file + ": " + e.getMessage(), e);
    } catch (UnsupportedOperationException e) {
      throw new IllegalArgumentException("cannot check who may read " + file + " on a file system without POSIX"
          + " permissions; use a Hadoop credential provider or the environment instead", e);
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " is not a regular file");
    }
    if (permissions.stream().anyMatch(OTHERS_THAN_OWNER::contains)) {
      throw new IllegalArgumentException(file + " has permissions " + PosixFilePermissions.toString(permissions)
          + "; it must be readable by its owner only (chmod 600 " + file + ")");
    }
  }
}

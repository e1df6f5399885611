package dev.sluice.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Owner-only permissions for what Sluice keeps on disk (databases, reports, findings, spools):
 * directories {@code rwx------}, files {@code rw-------}. On a file system without POSIX
 * permissions these are no-ops; rely on the directory's ACLs there.
 */
public final class OwnerOnly {
  static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private OwnerOnly() {}

  /** Creates {@code dir} (and parents) if missing and makes {@code dir} itself owner-only. */
  public static Path directory(Path dir) {
    try {
      Files.createDirectories(dir);
      if (POSIX) {
        Files.setPosixFilePermissions(dir, DIR);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create owner-only directory " + dir, e);
    }
  }

  /**
   * Makes {@code root} and everything below it owner-only (directories 0700, files 0600); symbolic
   * links are not followed. A missing root is ignored.
   */
  public static void tree(Path root) {
    if (!POSIX || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        if (Files.isSymbolicLink(p)) {
          continue;
        }
        try {
          Files.setPosixFilePermissions(
              p, Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? DIR : FILE);
        } catch (java.nio.file.NoSuchFileException gone) {
          // deleted while we walked (a spool file): nothing to protect
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict permissions under " + root, e);
    }
  }
}

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
   * links are not followed. A missing root is ignored, and so are files another thread or process
   * deletes while the tree is walked (spools, chunk files of a running job).
   */
  public static void tree(Path root) {
    if (!POSIX || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(
                Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
              set(dir, DIR);
              return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(
                Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
              if (attrs.isRegularFile()) {
                set(file, FILE);
              }
              return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
              return java.nio.file.FileVisitResult.CONTINUE; // gone or unreadable: skip it
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict permissions under " + root, e);
    }
  }

  /** Top-level regular files of {@code dir} (e.g. the H2 database files) made 0600. */
  public static void files(Path dir) {
    if (!POSIX || !Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.toList()) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          set(p, FILE);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict permissions under " + dir, e);
    }
  }

  private static void set(Path p, Set<PosixFilePermission> perms) {
    try {
      Files.setPosixFilePermissions(p, perms);
    } catch (java.nio.file.NoSuchFileException gone) {
      // deleted meanwhile: nothing to protect
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict permissions of " + p, e);
    }
  }
}

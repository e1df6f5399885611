package dev.sluice.ingest.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A job's private directory for the temporary files extraction spools (archives, Office files and
 * PDFs that parsers need to read with random access).
 *
 * <p>{@link #open(Path)} creates {@code <root>/sluice-extract-<pid>-<random>} with owner-only
 * permissions ({@code rwx------} where the file system is POSIX), writes the owning pid to {@code
 * owner.pid} and holds an exclusive lock on {@code lock} until {@link #close()}. Before that it
 * removes every {@code sluice-extract-*} directory under the root whose lock nobody holds: the
 * leftovers of a run that was killed before it could clean up. {@link #close()} deletes the
 * directory. Spool files of a document are deleted when that document is done (see {@link
 * TikaExtractor}).
 *
 * <p>Thread-safe; the extractor shares it between its parse threads. The caller owns it and closes
 * it at the end of the job.
 */
public final class ExtractionWorkspace implements AutoCloseable {
  static final String PREFIX = "sluice-extract-";
  static final String LOCK_FILE = "lock";
  static final String PID_FILE = "owner.pid";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  private final Path directory;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final int sweptLeftovers;

  private ExtractionWorkspace(
      Path directory, FileChannel lockChannel, FileLock lock, int sweptLeftovers) {
    this.directory = directory;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.sweptLeftovers = sweptLeftovers;
  }

  /**
   * Sweeps leftovers of dead runs under {@code root} and creates this run's private directory.
   *
   * @throws UncheckedIOException if the root cannot be created or written: a configuration error,
   *     reported at start
   */
  public static ExtractionWorkspace open(Path root) {
    Objects.requireNonNull(root, "root");
    try {
      Files.createDirectories(root);
      int swept = sweepLeftovers(root);
      Path dir = createPrivateDirectory(root);
      Files.writeString(
          dir.resolve(PID_FILE),
          Long.toString(ProcessHandle.current().pid()),
          StandardCharsets.UTF_8);
      FileChannel ch =
          FileChannel.open(
              dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = ch.tryLock();
      if (lock == null) {
        ch.close();
        throw new IOException("cannot lock new workspace " + dir);
      }
      return new ExtractionWorkspace(dir, ch, lock, swept);
    } catch (IOException e) {
      throw new UncheckedIOException("extraction workspace root unusable: " + root, e);
    }
  }

  private static Path createPrivateDirectory(Path root) throws IOException {
    String prefix = PREFIX + ProcessHandle.current().pid() + "-";
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      FileAttribute<Set<PosixFilePermission>> attr =
          PosixFilePermissions.asFileAttribute(OWNER_ONLY);
      return Files.createTempDirectory(root, prefix, attr);
    }
    return Files.createTempDirectory(root, prefix);
  }

  /** Deletes {@code sluice-extract-*} directories whose lock is not held by a live process. */
  static int sweepLeftovers(Path root) throws IOException {
    int swept = 0;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
      for (Path dir : dirs) {
        if (Files.isDirectory(dir) && !isLive(dir)) {
          deleteTree(dir);
          swept++;
        }
      }
    }
    return swept;
  }

  private static boolean isLive(Path dir) {
    Path lockFile = dir.resolve(LOCK_FILE);
    if (!Files.exists(lockFile)) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock l = ch.tryLock();
      if (l == null) {
        return true; // another process holds it
      }
      l.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true; // held by this JVM
    } catch (IOException e) {
      return true; // cannot tell: keep it
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** This run's private directory. */
  public Path directory() {
    return directory;
  }

  /** How many leftover directories of dead runs {@link #open(Path)} removed. */
  public int sweptLeftovers() {
    return sweptLeftovers;
  }

  /** Releases the lock and deletes the directory with anything left in it. Idempotent. */
  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
      lockChannel.close();
      if (Files.exists(directory)) {
        deleteTree(directory);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete extraction workspace " + directory, e);
    }
  }
}

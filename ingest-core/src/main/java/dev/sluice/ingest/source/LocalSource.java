package dev.sluice.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Documents in a local folder. Keys are paths relative to the root with {@code /} separators; the
 * ETag stand-in is {@code <size>-<mtime millis>}, enough to notice a changed file between runs.
 */
public final class LocalSource implements Source {
  private final Path root;

  private LocalSource(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** A source over the regular files below {@code root}. */
  public static LocalSource of(Path root) {
    Objects.requireNonNull(root, "root");
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("source folder does not exist: " + root);
    }
    return new LocalSource(root);
  }

  @Override
  public Stream<SourceItem> list(String prefix) {
    String p = prefix == null ? "" : prefix;
    try {
      return Files.walk(root)
          .filter(Files::isRegularFile)
          .map(this::item)
          .filter(i -> i.key().startsWith(p))
          .sorted((a, b) -> a.key().compareTo(b.key()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  private SourceItem item(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      String key =
          root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
      return new SourceItem(
          file.toUri().toString(),
          root.toString(),
          key,
          "",
          a.size() + "-" + a.lastModifiedTime().toMillis(),
          a.size());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + file, e);
    }
  }

  @Override
  public InputStream open(SourceItem item) throws IOException {
    Path file = root.resolve(item.key()).normalize();
    if (!file.startsWith(root)) {
      throw new IOException("key escapes the source folder: " + item.key());
    }
    return Files.newInputStream(file);
  }
}

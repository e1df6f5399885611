package dev.sluice.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
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
  public Stream<SourceItem> list(String prefix, String startAfter, boolean recursive) {
    String p = prefix == null ? "" : prefix;
    String after = startAfter == null ? "" : startAfter;
    try (Stream<Path> files = Files.walk(root)) {
      // keys sorted as S3 sorts them (UTF-16 order is close enough for local use)
      List<SourceItem> items =
          files
              .filter(Files::isRegularFile)
              .map(this::item)
              .filter(i -> i.key().startsWith(p))
              .filter(i -> recursive || i.key().indexOf('/', p.length()) < 0)
              .filter(i -> after.isEmpty() || i.key().compareTo(after) > 0)
              .sorted((a, b) -> a.key().compareTo(b.key()))
              .toList();
      return items.stream();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  @Override
  public List<String> subPrefixes(String prefix) {
    String p = prefix == null ? "" : prefix;
    Path dir = p.isEmpty() ? root : root.resolve(p).normalize();
    if (!dir.startsWith(root) || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isDirectory).map(d -> key(d) + "/").sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private String key(Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  private SourceItem item(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new SourceItem(
          file.toUri().toString(),
          root.toString(),
          key(file),
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

  @Override
  public String describe() {
    return root.toString();
  }
}

package dev.sluice.app.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A source as given on the command line: {@code s3://bucket/prefix} or a local folder or file.
 *
 * @param bucket S3 bucket, or empty for local sources
 * @param root local root folder, or {@code null} for S3
 * @param prefix key prefix inside the bucket or folder
 * @param exactKey for a single local file: its key; otherwise empty
 */
public record SourceLocation(String bucket, Path root, String prefix, String exactKey) {

  /** Parses {@code value}; throws {@link IllegalArgumentException} naming the problem. */
  public static SourceLocation parse(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("source: required (s3://bucket/prefix or a local path)");
    }
    if (value.startsWith("s3://")) {
      String rest = value.substring(5);
      int slash = rest.indexOf('/');
      String bucket = slash < 0 ? rest : rest.substring(0, slash);
      String prefix = slash < 0 ? "" : rest.substring(slash + 1);
      if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
        throw new IllegalArgumentException("source: invalid bucket name '" + bucket + "'");
      }
      return new SourceLocation(bucket, null, prefix, "");
    }
    Path p = Path.of(value).toAbsolutePath().normalize();
    if (Files.isRegularFile(p)) {
      String name = p.getFileName().toString();
      return new SourceLocation("", p.getParent(), name, name);
    }
    if (!Files.isDirectory(p)) {
      throw new IllegalArgumentException("source: no such file or folder: " + value);
    }
    return new SourceLocation("", p, "", "");
  }

  public boolean isS3() {
    return root == null;
  }

  @Override
  public String toString() {
    return isS3() ? "s3://" + bucket + "/" + prefix : root.resolve(prefix).toString();
  }
}

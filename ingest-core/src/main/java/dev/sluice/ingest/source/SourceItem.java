package dev.sluice.ingest.source;

import java.util.Objects;

/**
 * One object to ingest, as listed by a {@link Source}.
 *
 * @param uri stable URI of the object, e.g. {@code s3://raw/hr/payroll.xlsx} or {@code file:/...}
 * @param container bucket name for S3, root directory for local sources
 * @param key object key relative to the container, {@code /}-separated
 * @param versionId S3 version id, or empty when unversioned
 * @param eTag S3 ETag without quotes, or a content hash for local files
 * @param size size in bytes
 */
public record SourceItem(
    String uri, String container, String key, String versionId, String eTag, long size) {
  public SourceItem {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(key, "key");
    versionId = versionId == null ? "" : versionId;
    eTag = eTag == null ? "" : stripQuotes(eTag);
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0: " + size);
    }
  }

  private static String stripQuotes(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }

  /** The file name: the key's last segment. */
  public String fileName() {
    int slash = key.lastIndexOf('/');
    return slash < 0 ? key : key.substring(slash + 1);
  }
}

package dev.sluice.ingest.macie;

import java.util.List;
import java.util.Objects;

/**
 * A Macie sensitive-data finding reduced to what decisions need.
 *
 * @param id finding id
 * @param bucket bucket name
 * @param key object key
 * @param eTag ETag of the object version Macie analysed, without quotes
 * @param versionId version id Macie analysed, or empty
 * @param embeddedPath path of the embedded file for discovery results of archives, or empty
 * @param detections detection types with counts
 */
public record MacieFinding(
    String id,
    String bucket,
    String key,
    String eTag,
    String versionId,
    String embeddedPath,
    List<MacieDetection> detections) {
  public MacieFinding {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    eTag = eTag == null ? "" : eTag.replace("\"", "");
    versionId = versionId == null ? "" : versionId;
    embeddedPath = embeddedPath == null ? "" : embeddedPath;
    detections = List.copyOf(detections);
  }
}

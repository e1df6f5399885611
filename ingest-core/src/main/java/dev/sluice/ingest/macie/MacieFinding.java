package dev.sluice.ingest.macie;

import java.util.List;
import java.util.Objects;

/**
 * A Macie sensitive-data finding, or one sensitive data discovery result record, reduced to what
 * decisions need. Holds no values: identifier types, counts and locations only. Immutable.
 *
 * @param id finding id, or the discovery record's id
 * @param bucket bucket name
 * @param key object key
 * @param eTag ETag of the object version Macie analysed, without quotes
 * @param versionId version id Macie analysed, or empty
 * @param embeddedPath path of the embedded file for discovery results of archives, or empty
 * @param detections detection types with counts
 * @param origin whether this came from the findings API or a discovery result record
 * @param status classification status code ({@code COMPLETE}, {@code PARTIAL}, {@code SKIPPED}),
 *     empty when Macie did not say
 * @param statusReason Macie's reason code for a non-complete status, or empty
 */
public record MacieFinding(
    String id,
    String bucket,
    String key,
    String eTag,
    String versionId,
    String embeddedPath,
    List<MacieDetection> detections,
    Origin origin,
    String status,
    String statusReason) {

  /** Where a Macie result came from. */
  public enum Origin {
    /** The macie2 findings API (ListFindings + GetFindings). */
    FINDING,
    /** A sensitive data discovery result record read from the results repository in S3. */
    DISCOVERY_RESULT;

    /** A short label for reports. */
    public String label() {
      return this == FINDING ? "finding" : "discovery result";
    }
  }

  public MacieFinding {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    eTag = eTag == null ? "" : eTag.replace("\"", "");
    versionId = versionId == null ? "" : versionId;
    embeddedPath = embeddedPath == null ? "" : embeddedPath;
    detections = List.copyOf(detections);
    Objects.requireNonNull(origin, "origin");
    status = status == null ? "" : status;
    statusReason = statusReason == null ? "" : statusReason;
  }

  /** A finding from the findings API with a complete classification. */
  public MacieFinding(
      String id,
      String bucket,
      String key,
      String eTag,
      String versionId,
      String embeddedPath,
      List<MacieDetection> detections) {
    this(id, bucket, key, eTag, versionId, embeddedPath, detections, Origin.FINDING, "", "");
  }

  /** Whether Macie says it analysed the whole object (or embedded file). */
  public boolean complete() {
    return status.isEmpty() || status.equals("COMPLETE");
  }

  /** Whether this result describes exactly the given object version. */
  public boolean describes(String itemVersionId, String itemETag) {
    if (!itemVersionId.isEmpty() && !versionId.isEmpty()) {
      return itemVersionId.equals(versionId);
    }
    return !eTag.isEmpty() && eTag.equals(itemETag);
  }
}

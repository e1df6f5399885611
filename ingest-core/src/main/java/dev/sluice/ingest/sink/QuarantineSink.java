package dev.sluice.ingest.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.ingest.source.Source;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Copies held-back source documents to a quarantine bucket under a key that is not any dataset's
 * key: {@code <run>/<source key>} (bytes streamed from the re-opened source through a spool file)
 * plus {@code <run>/<source key>.reasons.json} with the decision and payload-free reasons. Writes
 * go through {@link CuratedWriter}, so they are SSE-KMS and verified. Keys depend only on run and
 * source key, so a restart overwrites. Thread-safe.
 */
public final class QuarantineSink {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Suffix of the reasons sidecar. */
  public static final String REASONS_SUFFIX = ".reasons.json";

  private final CuratedWriter writer;
  private final Source source;
  private final String bucket;
  private final ResolvedKey key;
  private final String runId;
  private final long maxCopyBytes;

  /**
   * @param writer curated writer (SSE-KMS)
   * @param source where held documents are re-opened
   * @param bucket quarantine bucket
   * @param key pre-flighted quarantine key, different from every dataset key
   * @param runId run id, first segment of every key
   * @param maxCopyBytes larger sources are not copied (only their reasons are written)
   */
  public QuarantineSink(
      CuratedWriter writer,
      Source source,
      String bucket,
      ResolvedKey key,
      String runId,
      long maxCopyBytes) {
    this.writer = Objects.requireNonNull(writer, "writer");
    this.source = Objects.requireNonNull(source, "source");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.key = Objects.requireNonNull(key, "key");
    this.runId = Objects.requireNonNull(runId, "runId");
    if (maxCopyBytes < 0) {
      throw new IllegalArgumentException("maxCopyBytes must be >= 0: " + maxCopyBytes);
    }
    this.maxCopyBytes = maxCopyBytes;
  }

  /**
   * Refuses a quarantine key that is (resolves to) one of the dataset keys: a reader granted a
   * dataset must never be able to decrypt what was held back.
   *
   * @throws SinkException naming both
   */
  public static void requireDistinct(ResolvedKey quarantine, Map<String, ResolvedKey> datasetKeys) {
    datasetKeys.forEach(
        (ds, k) -> {
          if (k.arn().equals(quarantine.arn())) {
            throw new SinkException(
                "quarantine KMS key '"
                    + quarantine.configured()
                    + "' is the key of dataset '"
                    + ds
                    + "' ("
                    + k.arn()
                    + "); held-back documents need a different key");
          }
        });
  }

  public String bucket() {
    return bucket;
  }

  /**
   * The object key of a held document's copy: {@code <run>/doc-<lineage id><ext>}, a keyed id and
   * never the source name (object keys show in listings, inventories and CloudTrail). The reasons
   * file inside names the source for reviewers.
   */
  public String objectKey(HeldDocument d) {
    return runId + "/doc-" + d.lineageId() + DatasetSink.extension(d.item().key());
  }

  /**
   * Copies each document and writes its reasons sidecar. A source that cannot be read again, or is
   * larger than the copy limit, is not copied; its sidecar says so and is the recorded output.
   *
   * @return {@code s3://} URI of each copy (or of its sidecar when not copied) by lineage id
   * @throws SinkException if S3 refuses a write to the quarantine bucket
   */
  public Map<String, String> write(List<HeldDocument> docs) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (HeldDocument d : docs) {
      String objectKey = objectKey(d);
      if ((objectKey + REASONS_SUFFIX).getBytes(StandardCharsets.UTF_8).length > 1024) {
        throw new SinkException("quarantine key would exceed S3's 1,024 bytes (run id too long)");
      }
      Map<String, String> ctx = Map.of("purpose", "quarantine", "run", runId);
      Map<String, String> meta =
          Map.of(
              "sluice-run",
              runId,
              "sluice-lineage-id",
              d.lineageId(),
              "sluice-decision",
              d.decision());
      String notCopied = "";
      if (d.item().size() > maxCopyBytes) {
        notCopied = "larger than the copy limit of " + maxCopyBytes + " bytes";
      } else {
        try {
          writer.put(
              bucket,
              objectKey,
              o -> DatasetSink.copy(source, d.item(), o),
              "application/octet-stream",
              key,
              ctx,
              meta);
        } catch (SourceUnreadable e) {
          notCopied = e.getMessage();
        }
      }
      writer.put(
          bucket,
          objectKey + REASONS_SUFFIX,
          reasons(d, notCopied),
          "application/json",
          key,
          ctx,
          meta);
      out.put(
          d.lineageId(),
          "s3://" + bucket + "/" + objectKey + (notCopied.isEmpty() ? "" : REASONS_SUFFIX));
    }
    return out;
  }

  static byte[] reasons(HeldDocument d, String notCopied) {
    ObjectNode n = JSON.createObjectNode();
    n.put("copied", notCopied.isEmpty());
    if (!notCopied.isEmpty()) {
      n.put("notCopiedBecause", notCopied);
    }
    n.put("sourceUri", d.item().uri());
    n.put("sourceVersion", d.item().versionId().isEmpty() ? d.item().eTag() : d.item().versionId());
    n.put("decision", d.decision());
    n.put("lineageId", d.lineageId());
    var arr = n.putArray("reasons");
    d.reasons().forEach(arr::add);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

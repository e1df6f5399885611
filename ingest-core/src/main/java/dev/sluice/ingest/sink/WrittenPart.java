package dev.sluice.ingest.sink;

import java.util.List;

/**
 * A part object written to a curated dataset.
 *
 * @param dataset dataset name
 * @param bucket curated bucket
 * @param key object key
 * @param records number of records
 * @param bytes object size
 * @param sha256 SHA-256 (hex) of the object bytes
 * @param lineageIds lineage ids of the records' sources
 */
public record WrittenPart(
    String dataset,
    String bucket,
    String key,
    int records,
    long bytes,
    String sha256,
    List<String> lineageIds) {
  public WrittenPart {
    lineageIds = List.copyOf(lineageIds);
  }

  /** {@code s3://bucket/key}. */
  public String uri() {
    return "s3://" + bucket + "/" + key;
  }
}

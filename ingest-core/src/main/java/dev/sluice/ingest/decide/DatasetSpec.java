package dev.sluice.ingest.decide;

import java.util.List;
import java.util.Objects;

/**
 * A curated dataset: which source prefixes feed it and where, under which key and label, its
 * approved data is written. One downstream model role is granted exactly one dataset.
 *
 * @param name dataset name, also the first segment of its output prefix
 * @param sourcePrefixes source key prefixes that feed this dataset
 * @param bucket curated bucket
 * @param outputPrefix prefix inside the curated bucket, usually the dataset name
 * @param kmsKeyId KMS key id, ARN or alias for SSE-KMS
 * @param classification label written in the partition path, e.g. {@code internal}
 */
public record DatasetSpec(
    String name,
    List<String> sourcePrefixes,
    String bucket,
    String outputPrefix,
    String kmsKeyId,
    String classification) {
  public DatasetSpec {
    Objects.requireNonNull(name, "name");
    sourcePrefixes = List.copyOf(sourcePrefixes);
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(outputPrefix, "outputPrefix");
    Objects.requireNonNull(kmsKeyId, "kmsKeyId");
    Objects.requireNonNull(classification, "classification");
  }

  /** Whether a source key belongs to this dataset. */
  public boolean covers(String key) {
    return sourcePrefixes.isEmpty() || sourcePrefixes.stream().anyMatch(key::startsWith);
  }
}

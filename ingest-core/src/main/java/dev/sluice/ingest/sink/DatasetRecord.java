package dev.sluice.ingest.sink;

import java.util.Map;
import java.util.Objects;

/**
 * One JSON Lines record of a curated dataset: approved (or redacted) text of one document or one
 * embedded document.
 *
 * @param id deterministic record id (source, version, embedded path)
 * @param dataset dataset name
 * @param classification dataset label
 * @param text sanitized text
 * @param sourceUri source object URI
 * @param sourceVersion source version id or ETag
 * @param embeddedPath path inside the source, empty for the document itself
 * @param lineageId lineage record of the source
 * @param metadata selected metadata (media type, decision)
 */
public record DatasetRecord(
    String id,
    String dataset,
    String classification,
    String text,
    String sourceUri,
    String sourceVersion,
    String embeddedPath,
    String lineageId,
    Map<String, String> metadata) {
  public DatasetRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(classification, "classification");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(sourceUri, "sourceUri");
    metadata = Map.copyOf(metadata);
  }

  @Override
  public String toString() {
    // never print the text: it is data, and a redaction bug must not leak through logs
    return "DatasetRecord[id=" + id + ", dataset=" + dataset + ", source=" + sourceUri + "]";
  }
}

package dev.sluice.ingest.sink;

import dev.sluice.ingest.source.SourceItem;
import java.util.List;
import java.util.Objects;

/**
 * A document the policy allowed into a dataset, as the documents output mode needs it: the source
 * object to re-open, what was scanned, and (for REDACT) the sanitized text units.
 *
 * @param item the source object (re-opened with its ETag/version, so a changed object is refused)
 * @param dataset dataset name
 * @param decision {@code APPROVE} or {@code REDACT}
 * @param lineageId lineage record of the source
 * @param scannedSha256 hex SHA-256 of the bytes that were scanned; the bytes written must match
 * @param records the sanitized text records of the document (the only content written for REDACT)
 */
public record ApprovedDocument(
    SourceItem item,
    String dataset,
    String decision,
    String lineageId,
    String scannedSha256,
    List<DatasetRecord> records) {
  public ApprovedDocument {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(decision, "decision");
    if (!decision.equals("APPROVE") && !decision.equals("REDACT")) {
      throw new IllegalArgumentException(
          "only APPROVE or REDACT documents are written: " + decision);
    }
    Objects.requireNonNull(lineageId, "lineageId");
    Objects.requireNonNull(scannedSha256, "scannedSha256");
    records = List.copyOf(records);
  }

  /** Whether the original bytes may be written (APPROVE), rather than redacted text. */
  public boolean original() {
    return decision.equals("APPROVE");
  }
}

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
 * @param records the sanitized text records of the document: what is written unless the original
 *     may be
 * @param verbatim whether every byte of the source was scanned as text (plain text, CSV, markup
 *     decoded as it is), so an approved original may be written as it came
 */
public record ApprovedDocument(
    SourceItem item,
    String dataset,
    String decision,
    String lineageId,
    String scannedSha256,
    List<DatasetRecord> records,
    boolean verbatim) {
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

  /** A document whose original is not verbatim: only its sanitized text may be written. */
  public ApprovedDocument(
      SourceItem item,
      String dataset,
      String decision,
      String lineageId,
      String scannedSha256,
      List<DatasetRecord> records) {
    this(item, dataset, decision, lineageId, scannedSha256, records, false);
  }

  /**
   * Whether the original bytes may be written: the document is approved as it is and every byte of
   * it was scanned. Anything else (an approved DOCX, PDF, e-mail or archive, whose metadata,
   * headers, comments and images were not all scanned as written, or any REDACT) is written as its
   * sanitized text rendition. See docs/adr/0006-write-only-what-was-scanned.md.
   */
  public boolean original() {
    return verbatim && decision.equals("APPROVE");
  }
}

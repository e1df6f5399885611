package dev.sluice.ingest;

import dev.sluice.ingest.decide.Evidence;
import dev.sluice.ingest.decide.Verdict;
import dev.sluice.ingest.extract.UnscannableReason;
import dev.sluice.ingest.lineage.LineageRecord;
import dev.sluice.ingest.macie.MacieEvidence;
import dev.sluice.ingest.sink.DatasetRecord;
import dev.sluice.ingest.source.SourceItem;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the pipeline concluded about one source document. Every document gets exactly one outcome,
 * including broken, encrypted, oversized and hostile ones.
 *
 * @param item the source object
 * @param lineage the lineage record (outputs filled in by the sink step)
 * @param unscannable why the document could not be scanned, if so
 * @param detail payload-free detail of an extraction failure
 * @param units per-unit findings
 * @param macie Macie evidence for this version
 * @param evidence aggregated evidence the policy saw
 * @param verdict the decision and its reasons
 * @param records records to write to the curated dataset (ingest mode, approved data only)
 * @param scannedSha256 hex SHA-256 of the bytes scanned, or empty; held in memory only (documents
 *     mode checks the bytes it writes against it), never stored or reported: lineage and reports
 *     carry its keyed fingerprint
 * @param verbatim whether the source's bytes are exactly the text that was scanned (plain text,
 *     CSV, markup), so documents mode may write the original instead of the sanitized text
 */
public record Outcome(
    SourceItem item,
    LineageRecord lineage,
    Optional<UnscannableReason> unscannable,
    String detail,
    List<UnitReport> units,
    MacieEvidence macie,
    List<Evidence> evidence,
    Verdict verdict,
    List<DatasetRecord> records,
    String scannedSha256,
    boolean verbatim) {
  public Outcome {
    Objects.requireNonNull(scannedSha256, "scannedSha256");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(lineage, "lineage");
    Objects.requireNonNull(unscannable, "unscannable");
    Objects.requireNonNull(detail, "detail");
    units = List.copyOf(units);
    Objects.requireNonNull(macie, "macie");
    evidence = List.copyOf(evidence);
    Objects.requireNonNull(verdict, "verdict");
    records = List.copyOf(records);
    if (!verdict.decision().writesData() && !records.isEmpty()) {
      throw new IllegalArgumentException("records for a document that may not be written");
    }
  }

  /**
   * An outcome whose source is not verbatim (its original is never written) and whose scanned bytes
   * are not kept.
   */
  public Outcome(
      SourceItem item,
      LineageRecord lineage,
      Optional<UnscannableReason> unscannable,
      String detail,
      List<UnitReport> units,
      MacieEvidence macie,
      List<Evidence> evidence,
      Verdict verdict,
      List<DatasetRecord> records) {
    this(item, lineage, unscannable, detail, units, macie, evidence, verdict, records, "", false);
  }

  /** Finding counts per identifier, as stored in lineage. */
  public Map<String, Integer> findingCounts() {
    return lineage.findingCounts();
  }

  @Override
  public String toString() {
    // never the name: it may hold the very values this outcome is about
    return "Outcome[" + lineage.lineageId() + " " + verdict.decision() + "]";
  }
}

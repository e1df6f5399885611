package dev.sluice.ingest.lineage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to one source document in one run. Holds no raw values: counts, hashes, ids and
 * payload-free reasons only.
 *
 * @param lineageId deterministic id of (run, source, version): a restarted run overwrites its row
 * @param runId the run
 * @param jobExecutionId Spring Batch job execution id, or 0 outside a job
 * @param stepExecutionId Spring Batch step execution id, or 0 outside a job
 * @param sourceUri source object URI
 * @param versionId source version id, or empty
 * @param eTag source ETag
 * @param size source size in bytes
 * @param sha256 SHA-256 (hex) of the source bytes read
 * @param extractor extractor name and version
 * @param catalogVersion classifier catalogue version
 * @param policyHash SHA-256 of the policy file
 * @param dataset dataset the source belongs to, or empty
 * @param decision APPROVE, REDACT, QUARANTINE or REJECT
 * @param reasons fired rules with payload-free evidence
 * @param unscannable unscannable reason code, or empty
 * @param findingCounts identifier ID to number of findings (Sluice and Macie)
 * @param redactionCounts identifier ID to number of redacted values
 * @param macieFindingIds Macie findings used as evidence
 * @param staleMacieFindingIds Macie findings about another version, not used
 * @param outputUris curated objects that hold this document's records
 * @param mode {@code ingest} or {@code classify}
 * @param processedAt when the document was processed
 * @param evidence per identifier: count, who found it (SLUICE, MACIE) and where Macie saw it
 */
public record LineageRecord(
    String lineageId,
    String runId,
    long jobExecutionId,
    long stepExecutionId,
    String sourceUri,
    String versionId,
    String eTag,
    long size,
    String sha256,
    String extractor,
    String catalogVersion,
    String policyHash,
    String dataset,
    String decision,
    List<String> reasons,
    String unscannable,
    Map<String, Integer> findingCounts,
    Map<String, Integer> redactionCounts,
    List<String> macieFindingIds,
    List<String> staleMacieFindingIds,
    List<String> outputUris,
    String mode,
    Instant processedAt,
    List<EvidenceLine> evidence) {

  /**
   * Evidence of one identifier in one document, without values.
   *
   * @param type identifier ID (Macie-compatible) or custom identifier name
   * @param count occurrences (the larger of Sluice's and Macie's counts)
   * @param sources who found it, e.g. {@code [SLUICE, MACIE]}
   * @param where where Macie saw it (lines, pages, cells, records), or empty
   */
  public record EvidenceLine(String type, int count, List<String> sources, String where) {
    public EvidenceLine {
      Objects.requireNonNull(type, "type");
      sources = List.copyOf(sources);
      where = where == null ? "" : where;
    }
  }

  /** Returns a copy with {@code outputUris} set. */
  public LineageRecord withOutputs(List<String> uris) {
    return copy(jobExecutionId, stepExecutionId, decision, reasons, uris);
  }

  /** Returns a copy with the Spring Batch execution ids set. */
  public LineageRecord withExecution(long jobExecution, long stepExecution) {
    return copy(jobExecution, stepExecution, decision, reasons, outputUris);
  }

  /** Returns a copy with another decision and its reasons (evidence and counts kept). */
  public LineageRecord withDecision(String newDecision, List<String> newReasons) {
    return copy(jobExecutionId, stepExecutionId, newDecision, newReasons, outputUris);
  }

  private LineageRecord copy(
      long jobExecution,
      long stepExecution,
      String newDecision,
      List<String> newReasons,
      List<String> outputs) {
    return new LineageRecord(
        lineageId,
        runId,
        jobExecution,
        stepExecution,
        sourceUri,
        versionId,
        eTag,
        size,
        sha256,
        extractor,
        catalogVersion,
        policyHash,
        dataset,
        newDecision,
        newReasons,
        unscannable,
        findingCounts,
        redactionCounts,
        macieFindingIds,
        staleMacieFindingIds,
        outputs,
        mode,
        processedAt,
        evidence);
  }
}

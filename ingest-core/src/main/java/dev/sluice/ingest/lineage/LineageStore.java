package dev.sluice.ingest.lineage;

import java.util.List;
import java.util.Optional;

/** Stores lineage records. Implementations are thread-safe. */
public interface LineageStore {

  /** Inserts or replaces records by lineage id (a restarted chunk overwrites, never doubles). */
  void save(List<LineageRecord> records);

  /** Records of one run, ordered by source URI. */
  List<LineageRecord> byRun(String runId);

  /** Where did this source go: every record of the source URI, newest first. */
  List<LineageRecord> bySource(String sourceUri);

  /** Where did this output come from: records whose outputs include {@code outputUri}. */
  List<LineageRecord> byOutput(String outputUri);

  /**
   * The latest ingest record of this exact source version under this policy and catalogue, if any;
   * used to skip unchanged sources.
   */
  Optional<LineageRecord> latestIngest(
      String sourceUri, String eTag, String versionId, String policyHash, String catalogVersion);
}

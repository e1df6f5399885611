package dev.sluice.ingest.report;

import dev.sluice.ingest.lineage.LineageRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Lineage records for report tests. */
final class Records {
  private Records() {}

  static LineageRecord rec(
      String run,
      String key,
      String decision,
      Map<String, Integer> counts,
      String unscannable,
      String... reasons) {
    return rec(run, key, decision, counts, unscannable, List.of(), reasons);
  }

  static LineageRecord rec(
      String run,
      String key,
      String decision,
      Map<String, Integer> counts,
      String unscannable,
      List<LineageRecord.EvidenceLine> evidence,
      String... reasons) {
    String uri = "s3://raw/" + key;
    return new LineageRecord(
        run + ":" + key,
        run,
        1,
        1,
        uri,
        "",
        "etag",
        100,
        "00",
        "tika 3.3.1",
        "cat-1",
        "hash-1",
        "support-kb",
        decision,
        List.of(reasons),
        unscannable,
        counts,
        Map.of(),
        List.of(),
        List.of(),
        List.of(),
        "classify",
        Instant.parse("2026-01-15T10:00:00Z"),
        evidence);
  }
}

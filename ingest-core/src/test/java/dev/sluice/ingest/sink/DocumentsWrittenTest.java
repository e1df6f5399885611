package dev.sluice.ingest.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.ingest.lineage.LineageRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentsWrittenTest {
  @Test
  void aRefusedDocumentIsQuarantinedWithoutOutputsAndKeepsItsEvidence() {
    LineageRecord approved =
        new LineageRecord(
            "l1",
            "r1",
            7,
            8,
            "s3://raw/a.txt",
            "",
            "etag",
            10,
            "00",
            "tika",
            "cat",
            "hash",
            "kb",
            "REDACT",
            List.of("personal->REDACT (NAME x1 by [SLUICE])"),
            "",
            Map.of("NAME", 1),
            Map.of("NAME", 1),
            List.of(),
            List.of(),
            List.of("s3://curated/kb/part-0.jsonl.gz"),
            "ingest",
            Instant.parse("2026-11-22T10:00:00Z"),
            List.of(new LineageRecord.EvidenceLine("NAME", 1, List.of("SLUICE"), "")));

    LineageRecord refused = DocumentsWritten.refuse(approved, "ETag changed");

    assertThat(refused.decision()).isEqualTo("QUARANTINE");
    assertThat(refused.outputUris()).isEmpty();
    assertThat(refused.reasons()).hasSize(2).last().asString().startsWith("source-changed");
    assertThat(refused.evidence()).isEqualTo(approved.evidence());
    assertThat(refused.jobExecutionId()).isEqualTo(7);
    assertThat(refused.findingCounts()).isEqualTo(approved.findingCounts());
  }
}

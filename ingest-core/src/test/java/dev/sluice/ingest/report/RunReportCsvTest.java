package dev.sluice.ingest.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.ingest.lineage.LineageRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportCsvTest {
  private static LineageRecord withEvidence(String key, List<LineageRecord.EvidenceLine> ev) {
    return Records.rec(
        "r1", key, "QUARANTINE", Map.of("NAME", 1), "", ev, "macie-saw-more->QUARANTINE (NAME)");
  }

  @Test
  void documentsCsvNamesWhoFoundEachIdentifier(@TempDir Path dir) throws Exception {
    List<LineageRecord> records =
        List.of(
            withEvidence(
                "hr/staff.md",
                List.of(
                    new LineageRecord.EvidenceLine(
                        "NAME", 3, List.of("SLUICE", "MACIE"), "lines 4-9"),
                    new LineageRecord.EvidenceLine("EMAIL_ADDRESS", 1, List.of("SLUICE"), ""))),
            withEvidence("public/faq.txt", List.of()));
    RunReport.Files_ files =
        RunReport.write(dir, "r1", "classify", "default", "abc", "cat-1", records, null);

    List<String> lines = Files.readAllLines(files.csv());
    assertThat(lines.get(0)).endsWith(",lineage_id,evidence");
    assertThat(lines.get(1))
        .startsWith("s3://raw/hr/staff.md,QUARANTINE,")
        .endsWith(",r1:hr/staff.md,NAME=3[SLUICE+MACIE]@lines 4-9;EMAIL_ADDRESS=1[SLUICE]");
    assertThat(lines.get(2)).endsWith(",r1:public/faq.txt,");
  }
}

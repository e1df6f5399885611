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

  @Test
  void cellsThatASpreadsheetWouldRunAsFormulasAreDefusedAndQuotingRoundTrips(@TempDir Path dir)
      throws Exception {
    List<LineageRecord> records =
        List.of(
            Records.rec("r1", "=HYPERLINK(\"http://x\",\"y\").txt", "APPROVE", Map.of(), ""),
            Records.rec("r1", "a,b \"quoted\".txt", "APPROVE", Map.of(), "", "-cmd|' /C calc'!A0"));
    RunReport.Files_ files =
        RunReport.write(dir, "r1", "classify", "default", "abc", "cat-1", records, null);
    try (var parser =
        org.apache.commons.csv.CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(Files.newBufferedReader(files.csv()))) {
      List<org.apache.commons.csv.CSVRecord> rows = parser.getRecords();
      assertThat(rows).hasSize(2);
      // the source cell starts with the URI scheme, never '='; reasons starting with '-' are
      // prefixed so no spreadsheet evaluates them
      assertThat(rows.get(0).get("source"))
          .isEqualTo("s3://raw/=HYPERLINK(\"http://x\",\"y\").txt");
      assertThat(rows.get(1).get("source")).isEqualTo("s3://raw/a,b \"quoted\".txt");
      assertThat(rows.get(1).get("reasons")).isEqualTo("'-cmd|' /C calc'!A0");
    }
    assertThat(RunReport.csvField("=1+1")).isEqualTo("'=1+1");
    assertThat(RunReport.csvField("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(RunReport.csvField("+31 20")).isEqualTo("'+31 20");
    assertThat(RunReport.csvField("\tx")).isEqualTo("'\tx");
    assertThat(RunReport.csvField("plain")).isEqualTo("plain");
  }
}

package dev.sluice.ingest.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.ingest.decide.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportAcknowledgementTest {

  @Test
  void acknowledgedHighRiskApprovalIsInJsonAndHtml(@TempDir Path dir) throws Exception {
    var records = List.of(Records.rec("r1", "a.txt", "APPROVE", Map.of(), "", List.of(), ""));
    RunReport.Files_ files =
        RunReport.write(
            dir,
            "r1",
            "ingest",
            "p",
            "abc",
            "cat-1",
            records,
            null,
            List.of(
                new Policy.Acknowledgement(
                    "test-cards", List.of("FINANCIAL_INFORMATION"), "synthetic cards, SEC-12")));
    JsonNode ack = RunReport.read(files.json()).path("policy").path("acknowledgements").get(0);
    assertThat(ack.path("rule").asText()).isEqualTo("test-cards");
    assertThat(ack.path("categories").get(0).asText()).isEqualTo("FINANCIAL_INFORMATION");
    assertThat(ack.path("text").asText()).isEqualTo("synthetic cards, SEC-12");
    Path html = HtmlReport.write(files.json());
    assertThat(Files.readString(html))
        .contains("Acknowledged risk")
        .contains("rule test-cards approves FINANCIAL_INFORMATION: synthetic cards, SEC-12");
  }
}

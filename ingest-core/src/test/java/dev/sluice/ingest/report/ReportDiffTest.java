package dev.sluice.ingest.report;

import static dev.sluice.ingest.report.Records.rec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportDiffTest {

  @Test
  void reportsNewSensitiveChangedGoneAndAddedDocuments() {
    var a =
        List.of(
            rec("a", "public/faq.txt", "APPROVE", Map.of(), ""),
            rec("a", "support/ticket.txt", "APPROVE", Map.of(), ""),
            rec("a", "old/gone.txt", "REJECT", Map.of("CREDIT_CARD_NUMBER", 1), ""));
    var b =
        List.of(
            rec("b", "public/faq.txt", "APPROVE", Map.of(), ""),
            rec("b", "support/ticket.txt", "REDACT", Map.of("EMAIL_ADDRESS", 2), ""),
            rec("b", "finance/new.csv", "REJECT", Map.of("CREDIT_CARD_NUMBER", 3), ""),
            rec("b", "public/new.txt", "APPROVE", Map.of(), ""));

    ReportDiff d = ReportDiff.of("a", a, "b", b);

    assertThat(d.newSensitive())
        .extracting(ReportDiff.Change::source)
        .containsExactly("s3://raw/finance/new.csv", "s3://raw/support/ticket.txt");
    assertThat(d.changed()).hasSize(1);
    assertThat(d.changed().get(0).decisionA()).isEqualTo("APPROVE");
    assertThat(d.changed().get(0).decisionB()).isEqualTo("REDACT");
    assertThat(d.gone())
        .extracting(ReportDiff.Change::source)
        .containsExactly("s3://raw/old/gone.txt");
    assertThat(d.added())
        .extracting(ReportDiff.Change::source)
        .containsExactly("s3://raw/finance/new.csv", "s3://raw/public/new.txt");
    assertThat(d.unchanged()).isEqualTo(1);

    String text = d.toText();
    assertThat(text)
        .contains("2 newly sensitive, 1 changed decisions, 1 gone, 2 added, 1 unchanged")
        .contains("s3://raw/support/ticket.txt  APPROVE -> REDACT  {EMAIL_ADDRESS=2}")
        .contains("s3://raw/old/gone.txt  REJECT -> -");

    JsonNode json = d.toJson();
    assertThat(json.path("summary").path("changed").asInt()).isEqualTo(1);
    assertThat(json.path("gone").get(0).path("decisionB").isNull()).isTrue();
    assertThat(json.path("newSensitive").get(0).path("countsB").path("CREDIT_CARD_NUMBER").asInt())
        .isEqualTo(3);
  }

  @Test
  void identicalRunsHaveNoChanges() {
    var a = List.of(rec("a", "public/faq.txt", "APPROVE", Map.of(), ""));
    var b = List.of(rec("b", "public/faq.txt", "APPROVE", Map.of(), ""));
    ReportDiff d = ReportDiff.of("a", a, "b", b);
    assertThat(d.isEmpty()).isTrue();
    assertThat(d.toText()).contains("no changes");
  }
}

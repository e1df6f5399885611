package dev.sluice.ingest.report;

import static dev.sluice.ingest.report.Records.rec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.ingest.lineage.LineageRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  static final String EVIL = "public/<script>alert('x')</script>&.txt";

  static List<LineageRecord> records() {
    return List.of(
        rec("r1", "public/faq.txt", "APPROVE", Map.of(), "", "default->APPROVE (no findings)"),
        rec("r1", EVIL, "APPROVE", Map.of(), ""),
        rec(
            "r1",
            "support/ticket.txt",
            "REDACT",
            Map.of("EMAIL_ADDRESS", 1),
            "",
            "pii-redact->REDACT (EMAIL_ADDRESS x1)"),
        rec(
            "r1",
            "finance/cards.csv",
            "REJECT",
            Map.of("CREDIT_CARD_NUMBER", 2),
            "",
            "cards->REJECT (CREDIT_CARD_NUMBER x2)"),
        rec(
            "r1",
            "finance/broken.pdf",
            "QUARANTINE",
            Map.of(),
            "CORRUPT",
            "unscannable->QUARANTINE (CORRUPT)"));
  }

  static Path writeReport(Path dir) throws Exception {
    // a findings log that names a custom identifier's category
    FindingsLog log = new FindingsLog(dir.resolve("work"));
    Files.writeString(
        log.dir().resolve("part-00000-000000.jsonl"),
        "{\"type\":\"EMAIL_ADDRESS\",\"category\":\"PERSONAL_INFORMATION\"}\n");
    RunReport.Files_ files =
        RunReport.write(
            dir.resolve("reports"), "r1", "classify", "default", "abc123", "cat-1", records(), log);
    return HtmlReport.write(files.json());
  }

  @Test
  void reportJsonCarriesFindingsByCategory(@TempDir Path dir) throws Exception {
    Path html = writeReport(dir);
    JsonNode json = RunReport.read(html.resolveSibling("report.json"));
    assertThat(json.path("findingsByCategory").path("PERSONAL_INFORMATION").asInt()).isEqualTo(1);
    assertThat(json.path("findingsByCategory").path("FINANCIAL_INFORMATION").asInt()).isEqualTo(2);
    assertThat(json.path("findingsByPrefix").path("finance/").asInt()).isEqualTo(2);
    assertThat(json.path("findingsByPrefix").path("support/").asInt()).isEqualTo(1);
    assertThat(json.path("findingsByPrefix").has("public/")).isFalse();
  }

  @Test
  void htmlShowsTotalsChartsAndOneRowPerDocument(@TempDir Path dir) throws Exception {
    String html = Files.readString(writeReport(dir));
    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(html)
        .contains("id=\"total-documents\"><span class=\"n\">5</span>")
        .contains("id=\"total-approve\"><span class=\"n\">2</span>")
        .contains("id=\"total-redact\"><span class=\"n\">1</span>")
        .contains("id=\"total-reject\"><span class=\"n\">1</span>")
        .contains("id=\"total-quarantine\"><span class=\"n\">1</span>")
        .contains("id=\"total-unscannable\"><span class=\"n\">1</span>")
        .contains("id=\"total-findings\"><span class=\"n\">3</span>");
    Matcher rows = Pattern.compile("<tr data-decision=\"([A-Z]+)\"").matcher(html);
    int n = 0;
    while (rows.find()) {
      n++;
    }
    assertThat(n).isEqualTo(5);
    assertThat(html).contains("<tr data-decision=\"REJECT\" data-findings=\"2\">");
    // charts are inline SVG; the worst prefix is finance/ (2 blocked of 2)
    assertThat(html).contains("<figure id=\"chart-types\"><figcaption>Findings by type");
    assertThat(html).containsPattern("id=\"chart-findings-prefix\".*<title>finance/: 2</title>");
    assertThat(html).contains("<svg xmlns=\"http://www.w3.org/2000/svg\"");
    assertThat(html).containsPattern("id=\"worst\".*<td>finance/</td><td class=\"num\">2</td>");
    // unscannable listed with its reason
    assertThat(html)
        .containsPattern("id=\"unscannable\".*s3://raw/finance/broken.pdf</td><td>CORRUPT");
  }

  @Test
  void everyValueIsEscapedAndNothingIsLoadedFromOutside(@TempDir Path dir) throws Exception {
    String html = Files.readString(writeReport(dir));
    assertThat(html).doesNotContain("<script>alert");
    assertThat(html)
        .contains("s3://raw/public/&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;.txt");
    // exactly our two inline scripts, no src, no external URLs except SVG's namespace
    assertThat(Pattern.compile("<script").matcher(html).results().count()).isEqualTo(2);
    assertThat(html).doesNotContainPattern("<script[^>]*src=").doesNotContain("<link");
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://");
    assertThat(html).doesNotContain("https://");
  }

  @Test
  void escapesAttributeAndTextCharacters() {
    assertThat(HtmlReport.esc("a<b>&\"c'\u0001")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;\uFFFD");
  }
}

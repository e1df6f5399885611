package dev.sluice.ingest.macie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.classifiers.Category;
import dev.sluice.classifiers.Finding;
import dev.sluice.classifiers.Severity;
import dev.sluice.ingest.Outcome;
import dev.sluice.ingest.Pipeline;
import dev.sluice.ingest.decide.PolicyLoader;
import dev.sluice.ingest.extract.TikaExtractor;
import dev.sluice.ingest.lineage.JdbcLineageStore;
import dev.sluice.ingest.lineage.LineageRecord;
import dev.sluice.ingest.lineage.LineageRecord.EvidenceLine;
import dev.sluice.ingest.report.RunReport;
import dev.sluice.ingest.source.LocalSource;
import dev.sluice.ingest.source.SourceItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Macie evidence flows through the pipeline into lineage and the report: per type, who found it
 * (SLUICE, MACIE or both) and where Macie saw it; Macie warnings are reported, never silent.
 */
class MacieEvidenceInPipelineTest {
  @TempDir Path tmp;

  /** Finds "EMP-" + 6 digits as EMPLOYEE_ID, like our custom identifier would. */
  static List<Finding> scan(CharSequence text) {
    List<Finding> out = new ArrayList<>();
    var m = java.util.regex.Pattern.compile("EMP-\\d{6}").matcher(text);
    while (m.find()) {
      out.add(
          new Finding(
              "EMPLOYEE_ID",
              Category.CUSTOM_IDENTIFIER,
              Severity.MEDIUM,
              m.start(),
              m.end(),
              false,
              "EMP-******",
              "00"));
    }
    return out;
  }

  Pipeline pipeline(Path root, MacieSignals macie) {
    return Pipeline.builder()
        .source(LocalSource.of(root))
        .extractor(TikaExtractor.create(100_000))
        .scanner(MacieEvidenceInPipelineTest::scan, "test")
        .macie(macie)
        .policy(PolicyLoader.defaultPolicy())
        .mode(Pipeline.Mode.CLASSIFY)
        .runId("macie-test")
        .build();
  }

  @Test
  void evidenceSourcesAndMacieLocationsReachLineageAndTheReport() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(root.resolve("notes.txt"), "Staff EMP-123456 met the team.\nSee you.\n");
    MacieFinding current =
        new MacieFinding(
            "f-current",
            "raw",
            "notes.txt",
            "x",
            "",
            "",
            List.of(
                new MacieDetection("EMPLOYEE_ID", Category.CUSTOM_IDENTIFIER, 1, "lines 1-1 col 7"),
                new MacieDetection("NAME", Category.PERSONAL_INFORMATION, 2, "lines 2-2 col 1")));
    MacieFinding stale = new MacieFinding("f-stale", "raw", "notes.txt", "old", "", "", List.of());
    MacieSignals macie =
        item ->
            new MacieEvidence(
                List.of(current),
                List.of(stale),
                Optional.empty(),
                List.of("stale Macie finding f-stale describes ETag old; not used"));
    Pipeline p = pipeline(root, macie);
    SourceItem item = LocalSource.of(root).list("", "", true).findFirst().orElseThrow();

    Outcome o = p.process(item);

    assertThat(o.lineage().evidence())
        .containsExactly(
            new EvidenceLine("EMPLOYEE_ID", 1, List.of("SLUICE", "MACIE"), "lines 1-1 col 7"),
            new EvidenceLine("NAME", 2, List.of("MACIE"), "lines 2-2 col 1"));
    assertThat(o.lineage().macieFindingIds()).containsExactly("f-current");
    assertThat(o.lineage().staleMacieFindingIds()).containsExactly("f-stale");
    assertThat(o.lineage().reasons())
        .contains("warning: stale Macie finding f-stale describes ETag old; not used");
    assertThat(o.verdict().decision().writesData()).isFalse();

    // lineage round-trips the evidence through the database
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:macie-pipeline;DB_CLOSE_DELAY=-1");
    JdbcLineageStore store = JdbcLineageStore.create(ds);
    store.save(List.of(o.lineage()));
    LineageRecord back = store.byRun("macie-test").get(0);
    assertThat(back.evidence()).isEqualTo(o.lineage().evidence());

    // report.json: evidence per document, warnings at the top
    RunReport.Files_ files =
        RunReport.write(
            tmp.resolve("report"),
            "macie-test",
            "classify",
            "default",
            "h",
            "c",
            List.of(back),
            null);
    JsonNode report = RunReport.read(files.json());
    JsonNode doc = report.get("documents").get(0);
    assertThat(doc.get("evidence").get(0).get("type").asText()).isEqualTo("EMPLOYEE_ID");
    assertThat(doc.get("evidence").get(0).get("sources").toString())
        .isEqualTo("[\"SLUICE\",\"MACIE\"]");
    assertThat(doc.get("evidence").get(1).get("where").asText()).isEqualTo("lines 2-2 col 1");
    assertThat(doc.get("staleMacieFindings").get(0).asText()).isEqualTo("f-stale");
    assertThat(report.get("warnings").get(0).get("warning").asText())
        .isEqualTo("stale Macie finding f-stale describes ETag old; not used");
    assertThat(report.get("warnings").get(0).get("documents").asInt()).isEqualTo(1);
  }

  @Test
  void embeddedFileLocationsArePrefixedWithTheirPath() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("zip"));
    Files.writeString(root.resolve("readme.txt"), "nothing here\n");
    MacieFinding inArchive =
        new MacieFinding(
            "r-1",
            "raw",
            "readme.txt",
            "x",
            "",
            "docs/a.txt",
            List.of(new MacieDetection("NAME", Category.PERSONAL_INFORMATION, 1, "lines 7-7")),
            MacieFinding.Origin.DISCOVERY_RESULT,
            "COMPLETE",
            "");
    MacieSignals macie = item -> new MacieEvidence(List.of(inArchive), List.of(), Optional.empty());
    SourceItem item = LocalSource.of(root).list("", "", true).findFirst().orElseThrow();
    Outcome o = pipeline(root, macie).process(item);
    assertThat(o.lineage().evidence())
        .containsExactly(new EvidenceLine("NAME", 1, List.of("MACIE"), "docs/a.txt: lines 7-7"));
    // Macie-only personal data cannot be redacted (no offsets): not approved
    assertThat(o.verdict().decision().name()).isEqualTo("QUARANTINE");
  }
}

package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.app.cli.SluiceCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, channels 3, 7 and 8: given a folder with an SSN in a folder name and a file whose path
 * is over 2,048 characters, when the real {@code classify} job runs, then it completes with an
 * outcome for each, no name value reaches the report, findings or job and lineage databases, and
 * the data and report directories are owner-only.
 */
class NamesJobIT {
  static final String SSN = "536-22-8142";
  static final String EMAIL = "liora.underhill@example.net";
  @TempDir Path tmp;

  @Test
  void namesAreScannedMaskedAndALongPathIsJustAnOutcome() throws Exception {
    Path docs = Files.createDirectories(tmp.resolve("docs"));
    Path named = Files.createDirectories(docs.resolve("hr/" + EMAIL));
    Files.writeString(named.resolve("ssn " + SSN + ".txt"), "Nothing sensitive here.\n");
    Files.writeString(docs.resolve("plain.txt"), "The quarterly plan is attached.\n");
    Path deep = docs.resolve("deep");
    int length = 0;
    while (length < 2100) {
      String seg = "level-" + "y".repeat(200) + "-" + length;
      deep = deep.resolve(seg);
      length += seg.length() + 1;
    }
    Files.createDirectories(deep);
    Files.writeString(deep.resolve("memo.txt"), "Nothing here either.\n");

    Path data = tmp.resolve("data");
    Path out = tmp.resolve("out");
    TestCli.Run run =
        TestCli.run(
            "classify",
            docs.toString(),
            "--run-id",
            "names-1",
            "--sluice.data-dir=" + data,
            "--sluice.output-dir=" + out,
            "--sluice.job.threads=1");
    assertThat(run.code()).as(run.err()).isIn(SluiceCli.OK, SluiceCli.HELD_BACK);
    assertThat(run.out() + run.err()).doesNotContain(SSN).doesNotContain(EMAIL);

    Path reports = out.resolve("reports/names-1");
    JsonNode report = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
    assertThat(report.path("documents")).hasSize(3);
    boolean sawLong = false;
    boolean sawNamed = false;
    for (JsonNode d : report.path("documents")) {
      String source = d.path("source").asText();
      assertThat(source.length()).isLessThanOrEqualTo(1024);
      if (source.contains("level-")) {
        sawLong = true;
        // an outcome like any other (a decision and its reasons), not a failed job
        assertThat(d.path("decision").asText()).as(d.toString()).isIn("APPROVE", "QUARANTINE");
        assertThat(d.path("unscannable").asText()).as(d.toString()).isEmpty();
      }
      if (source.contains("/hr/")) {
        sawNamed = true;
        assertThat(d.path("decision").asText()).isEqualTo("REJECT");
        assertThat(d.path("counts").has("USA_SOCIAL_SECURITY_NUMBER")).isTrue();
      }
    }
    assertThat(sawLong).isTrue();
    assertThat(sawNamed).isTrue();

    try (Stream<Path> files = Files.walk(reports)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        assertThat(text).as(f.toString()).doesNotContain(SSN).doesNotContain(EMAIL);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
            .as(f.toString())
            .isEqualTo("rw-------");
      }
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(reports)))
        .isEqualTo("rwx------");
    // the H2 database file; H2 may still create a trace file after the run (inside the 0700
    // data directory, so unreadable to others)
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("sluice.mv.db"))))
        .isEqualTo("rw-------");

    // the job and lineage databases hold neither the SSN nor the e-mail of the names
    try (Connection c = TestCli.h2(data);
        Statement st = c.createStatement()) {
      for (String sql :
          new String[] {
            "SELECT source_uri, etag, sha256, reasons FROM sluice_lineage",
            "SELECT short_context, serialized_context FROM batch_step_execution_context",
            "SELECT short_context, serialized_context FROM batch_job_execution_context"
          }) {
        try (ResultSet rs = st.executeQuery(sql)) {
          while (rs.next()) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
              String v = rs.getString(i);
              if (v != null) {
                assertThat(v).as(sql).doesNotContain(SSN).doesNotContain(EMAIL);
              }
            }
          }
        }
      }
    }
  }
}

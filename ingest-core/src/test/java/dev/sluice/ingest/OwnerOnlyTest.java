package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.ingest.lineage.LineageRecord;
import dev.sluice.ingest.report.FindingsLog;
import dev.sluice.ingest.report.HtmlReport;
import dev.sluice.ingest.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, channel 8: what Sluice keeps on disk is readable by its owner only. */
class OwnerOnlyTest {
  @TempDir Path tmp;

  static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void treeMakesDirectoriesRwxAndFilesRwForTheOwnerOnly() throws Exception {
    Path db = Files.createDirectories(tmp.resolve("data/runs/r1"));
    Files.writeString(tmp.resolve("data/sluice.mv.db"), "h2");
    Files.writeString(db.resolve("x.spool"), "s");
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rwxr-xr-x"));
    OwnerOnly.tree(tmp.resolve("data"));
    assertThat(perms(tmp.resolve("data"))).isEqualTo("rwx------");
    assertThat(perms(db)).isEqualTo("rwx------");
    assertThat(perms(tmp.resolve("data/sluice.mv.db"))).isEqualTo("rw-------");
    assertThat(perms(db.resolve("x.spool"))).isEqualTo("rw-------");
  }

  @Test
  void reportsAndFindingsAreOwnerOnly() throws Exception {
    LineageRecord r =
        new LineageRecord(
            "id1",
            "r1",
            0,
            0,
            "s3://raw/a.txt",
            "",
            "e",
            1,
            "",
            "x",
            "c",
            "p",
            "",
            "APPROVE",
            List.of(),
            "",
            Map.of(),
            Map.of(),
            List.of(),
            List.of(),
            List.of(),
            "classify",
            Instant.EPOCH,
            List.of());
    FindingsLog log = new FindingsLog(tmp.resolve("runs/r1/findings"));
    log.write(0, 0, List.of());
    RunReport.Files_ files =
        RunReport.write(
            tmp.resolve("reports/r1"), "r1", "classify", "p", "h", "c", List.of(r), log);
    Path html = HtmlReport.write(files.json());
    assertThat(perms(tmp.resolve("reports/r1"))).isEqualTo("rwx------");
    assertThat(perms(tmp.resolve("runs/r1/findings"))).isEqualTo("rwx------");
    try (Stream<Path> all =
        Stream.concat(
            Files.list(tmp.resolve("reports/r1")), Files.list(tmp.resolve("runs/r1/findings")))) {
      for (Path p : all.toList()) {
        assertThat(perms(p)).as(p.toString()).isEqualTo("rw-------");
      }
    }
    assertThat(perms(html)).isEqualTo("rw-------");
  }
}

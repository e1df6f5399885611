package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.classifiers.Scanner;
import dev.sluice.ingest.decide.DatasetSpec;
import dev.sluice.ingest.decide.Decision;
import dev.sluice.ingest.decide.PolicyLoader;
import dev.sluice.ingest.extract.TikaExtractor;
import dev.sluice.ingest.lineage.JdbcLineageStore;
import dev.sluice.ingest.lineage.LineageRecord;
import dev.sluice.ingest.report.FindingsLog;
import dev.sluice.ingest.report.RunReport;
import dev.sluice.ingest.sink.DatasetRecord;
import dev.sluice.ingest.source.LocalSource;
import dev.sluice.ingest.source.SourceItem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names of things (issue 15, channel 3), unkeyed hashes (channel 4) and one bad item (channel 7): a
 * value in a folder or file name is scanned, reaches no output raw, and a 2,048+ character path is
 * an outcome like any other.
 */
class PipelineNamesTest {
  static final String EMAIL = "liora.underhill@example.net";
  static final String SSN = "536-22-8142";
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  @TempDir Path tmp;

  Pipeline pipeline(LocalSource source) {
    DatasetSpec ds = new DatasetSpec("kb", List.of(), "curated", "kb", "key", "internal");
    Scanner scanner = Scanner.builder().fingerprintKey(KEY).build();
    return Pipeline.builder()
        .source(source)
        .extractor(TikaExtractor.builder().build())
        .scanner(scanner, scanner.catalogVersion())
        .policy(PolicyLoader.defaultPolicy())
        .datasets(k -> Optional.of(ds))
        .mode(Pipeline.Mode.INGEST)
        .runId("t1")
        .redactionKey(KEY)
        .build();
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void aValueInANameIsScannedAndShownMaskedOnly() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(EMAIL));
    byte[] body = "Nothing sensitive in here.\n".getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("ssn " + SSN + ".txt"), body);
    LocalSource source = LocalSource.of(tmp);
    SourceItem item = source.list("").findFirst().orElseThrow();
    Outcome o = pipeline(source).process(item);

    // the policy saw the findings in the name: an SSN is rejected
    assertThat(o.units().get(0).path()).isEqualTo(SourceNames.LOCATION);
    assertThat(o.units().get(0).findings())
        .extracting(f -> f.identifierId())
        .contains("EMAIL_ADDRESS", "USA_SOCIAL_SECURITY_NUMBER");
    assertThat(o.verdict().decision()).isEqualTo(Decision.REJECT);

    LineageRecord r = o.lineage();
    assertThat(r.sourceUri()).doesNotContain(EMAIL).doesNotContain(SSN).contains("/ssn ");
    // keyed fingerprints only: neither the ETag stand-in nor the content's SHA-256
    assertThat(r.eTag()).hasSize(64).isNotEqualTo(item.eTag());
    assertThat(r.sha256()).hasSize(64).isNotEqualTo(sha256(body));
    assertThat(o.scannedSha256()).isEqualTo(sha256(body));
    assertThat(r.lineageId()).doesNotContain(EMAIL);

    Path logDir = tmp.resolve("out/findings");
    new FindingsLog(logDir).write(0, 0, List.of(o));
    String findings =
        Files.readString(logDir.resolve("part-00000-000000.jsonl"), StandardCharsets.UTF_8);
    assertThat(findings).contains("\"path\":\"key\"").doesNotContain(EMAIL).doesNotContain(SSN);

    RunReport.Files_ files =
        RunReport.write(tmp.resolve("out/report"), "t1", "ingest", "p", "h", "c", List.of(r), null);
    for (Path f : List.of(files.json(), files.csv())) {
      assertThat(Files.readString(f))
          .doesNotContain(EMAIL)
          .doesNotContain(SSN)
          .doesNotContain(sha256(body))
          .doesNotContain(item.eTag());
    }
    assertThat(new ObjectMapper().readTree(files.json().toFile()).toString())
        .contains("contentFingerprint", "versionFingerprint");
  }

  @Test
  void curatedRecordsCarryTheMaskedName() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("people/" + EMAIL));
    Files.writeString(dir.resolve("notes.txt"), "Write to ana.lima@example.test about it.\n");
    LocalSource source = LocalSource.of(tmp);
    Outcome o = pipeline(source).process(source.list("").findFirst().orElseThrow());
    assertThat(o.verdict().decision()).isEqualTo(Decision.REDACT);
    assertThat(o.records()).isNotEmpty();
    for (DatasetRecord rec : o.records()) {
      assertThat(rec.sourceUri()).doesNotContain(EMAIL).contains("/people/");
      assertThat(rec.sourceVersion()).doesNotContain(o.item().eTag());
      assertThat(rec.text()).doesNotContain("ana.lima@example.test");
    }
  }

  @Test
  void aPathOver2048CharactersIsAnOutcomeAndItsLineageRowIsStored() throws Exception {
    Path dir = tmp;
    StringBuilder rel = new StringBuilder();
    while (rel.length() < 2100) {
      String seg = "folder-" + "x".repeat(200) + "-" + rel.length();
      dir = dir.resolve(seg);
      rel.append(seg).append('/');
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("memo " + SSN + ".txt"), "ssn " + SSN + "\n");
    LocalSource source = LocalSource.of(tmp);
    SourceItem item = source.list("").findFirst().orElseThrow();
    assertThat(item.uri().length()).isGreaterThan(2048);

    Outcome o = pipeline(source).process(item);
    assertThat(o.verdict().decision()).isEqualTo(Decision.REJECT);
    assertThat(o.lineage().sourceUri().length()).isLessThanOrEqualTo(SourceNames.MAX_DISPLAY);
    assertThat(o.lineage().sourceUri()).doesNotContain(SSN).contains("chars]");

    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:names-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    JdbcLineageStore store = JdbcLineageStore.create(ds);
    store.save(List.of(o.lineage()));
    assertThat(store.byRun("t1"))
        .singleElement()
        .satisfies(r -> assertThat(r.lineageId()).isEqualTo(o.lineage().lineageId()));
  }

  @Test
  void theSkipFindsAnUnchangedSourceByItsKeyedValues() throws Exception {
    Files.writeString(tmp.resolve("a " + SSN + ".txt"), "hello\n");
    LocalSource source = LocalSource.of(tmp);
    SourceItem item = source.list("").findFirst().orElseThrow();
    Pipeline p = pipeline(source);
    Outcome o = p.process(item);
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:skip-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    JdbcLineageStore store = JdbcLineageStore.create(ds);
    store.save(List.of(o.lineage()));
    assertThat(
            store.latestIngest(
                p.names().display(item.uri()),
                p.names().versionFingerprint(item),
                item.versionId(),
                p.policy().hash(),
                p.catalogVersion()))
        .isPresent();
    SourceItem changed =
        new SourceItem(item.uri(), item.container(), item.key(), "", "other-etag", item.size());
    assertThat(
            store.latestIngest(
                p.names().display(changed.uri()),
                p.names().versionFingerprint(changed),
                changed.versionId(),
                p.policy().hash(),
                p.catalogVersion()))
        .isEmpty();
  }
}

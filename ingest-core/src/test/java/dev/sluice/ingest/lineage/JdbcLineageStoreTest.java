package dev.sluice.ingest.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lineage both ways on a real JDBC database (H2), and idempotent saves. */
class JdbcLineageStoreTest {
  private JdbcLineageStore store;

  @BeforeEach
  void setUp() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:lineage-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    store = JdbcLineageStore.create(ds);
  }

  static LineageRecord rec(
      String id, String run, String source, String etag, List<String> outputs) {
    return new LineageRecord(
        id,
        run,
        7,
        9,
        source,
        "",
        etag,
        120,
        "ab".repeat(32),
        "tika-3.3.1",
        "r4",
        "policyhash",
        "support-kb",
        "APPROVE",
        List.of("personal->REDACT (EMAIL_ADDRESS x1 by [SLUICE])"),
        "",
        Map.of("EMAIL_ADDRESS", 1),
        Map.of("EMAIL_ADDRESS", 1),
        List.of("f1"),
        List.of("f0"),
        outputs,
        "ingest",
        Instant.parse("2026-11-22T10:00:00Z"),
        List.of());
  }

  @Test
  void answersWhereAnOutputCameFromAndWhereASourceWent() {
    String part = "s3://curated/support-kb/run=r1/part-00001-000000.jsonl.gz";
    store.save(
        List.of(
            rec("l1", "r1", "s3://raw/a.txt", "e1", List.of(part)),
            rec("l2", "r1", "s3://raw/b.txt", "e2", List.of(part)),
            rec("l3", "r1", "s3://raw/c.txt", "e3", List.of())));

    assertThat(store.byOutput(part))
        .extracting(LineageRecord::sourceUri)
        .containsExactlyInAnyOrder("s3://raw/a.txt", "s3://raw/b.txt");
    LineageRecord a = store.bySource("s3://raw/a.txt").get(0);
    assertThat(a.outputUris()).containsExactly(part);
    assertThat(a.reasons()).containsExactly("personal->REDACT (EMAIL_ADDRESS x1 by [SLUICE])");
    assertThat(a.findingCounts()).containsEntry("EMAIL_ADDRESS", 1);
    assertThat(a.macieFindingIds()).containsExactly("f1");
    assertThat(a.staleMacieFindingIds()).containsExactly("f0");
    assertThat(a.jobExecutionId()).isEqualTo(7);
    // an output URI that is a prefix of another must not match it
    assertThat(store.byOutput("s3://curated/support-kb/run=r1/part-00001")).isEmpty();
  }

  @Test
  void savingTheSameLineageIdAgainReplacesTheRow() {
    store.save(List.of(rec("l1", "r1", "s3://raw/a.txt", "e1", List.of())));
    store.save(List.of(rec("l1", "r1", "s3://raw/a.txt", "e1", List.of("s3://curated/x"))));
    assertThat(store.byRun("r1")).hasSize(1);
    assertThat(store.byRun("r1").get(0).outputUris()).containsExactly("s3://curated/x");
  }

  @Test
  void latestIngestMatchesOnlyTheSameVersionPolicyAndCatalogue() {
    store.save(List.of(rec("l1", "r1", "s3://raw/a.txt", "e1", List.of())));
    assertThat(store.latestIngest("s3://raw/a.txt", "e1", "", "policyhash", "r4")).isPresent();
    assertThat(store.latestIngest("s3://raw/a.txt", "e2", "", "policyhash", "r4")).isEmpty();
    assertThat(store.latestIngest("s3://raw/a.txt", "e1", "", "otherpolicy", "r4")).isEmpty();
    assertThat(store.latestIngest("s3://raw/a.txt", "e1", "", "policyhash", "r5")).isEmpty();
  }
}

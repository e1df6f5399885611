package dev.sluice.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.chaos.ChaosStack.Run;
import dev.sluice.app.chaos.ChaosStack.Snapshot;
import dev.sluice.app.cli.SluiceCli;
import dev.sluice.localaws.FaultProxy;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must-show: {@code ingest} through a fault proxy in front of S3, KMS and Macie. At 5 % faults on
 * every service (errors in each service's shape, delays, bodies cut mid-stream both ways) the run
 * ends with the same decisions, lineage and curated records as the fault-free run, each approved
 * source exactly once. With one service down (KMS; Macie in {@code required} mode; the curated
 * bucket unwritable) the run stops or holds documents back with a clear reason, publishes nothing
 * partial, and a later fault-free run ends as the fault-free run did.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {
  static final long SEED = 19;
  static final int DOCS = 160;
  static final int SMALL_DOCS = 24;
  static final double RATE = 0.05;

  static ChaosStack stack;
  @TempDir static Path tmp;
  static Snapshot baseline;
  static Run baselineRun;
  static Snapshot smallBaseline;
  static Run smallBaselineRun;

  @BeforeAll
  static void start() throws Exception {
    stack = ChaosStack.shared();
    stack.chunkSize = 10;
    stack.threads = 2;
    stack.seed("mixed/", DOCS, SEED);
    stack.seed("small/", SMALL_DOCS, SEED + 1);
    baselineRun = run("mixed/", "base", "base");
    baseline = stack.snapshot("base", tmp.resolve("base"));
    smallBaselineRun = run("small/", "small-base", "small-base");
    smallBaseline = stack.snapshot("small-base", tmp.resolve("small-base"));
    System.out.printf(
        Locale.ROOT,
        "chaos baseline: %d documents in %d ms, decisions %s%n",
        baseline.lineage().size(),
        baselineRun.millis(),
        count(baseline.decisions()));
  }

  @AfterEach
  void heal() {
    stack.faults(0);
  }

  static Run run(String prefix, String runId, String dir, String... extra) {
    return ChaosStack.cli(
        stack.ingest(prefix, runId, tmp.resolve(dir), tmp.resolve(dir + "-out"), extra));
  }

  static Map<String, Long> count(Map<String, String> decisions) {
    return decisions.values().stream()
        .collect(
            java.util.stream.Collectors.groupingBy(
                d -> d, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
  }

  @Test
  @Order(0)
  void theFaultFreeRunCoversEveryDecisionAndPublishesEachApprovedSourceOnce() {
    assertThat(baselineRun.code()).as(baselineRun.err()).isEqualTo(SluiceCli.HELD_BACK);
    assertThat(baseline.lineage()).hasSize(DOCS);
    assertThat(baseline.decisions().values()).contains("APPROVE", "REDACT", "REJECT", "QUARANTINE");
    assertThat(baseline.published()).isTrue();
    assertThat(baseline.unlisted()).isEmpty();
    assertExactlyOnce(baseline);
  }

  @Test
  @Order(1)
  void atFivePercentFaultsOnEveryServiceTheRunEqualsTheFaultFreeRun() throws Exception {
    long s3Before = stack.s3Proxy.injected();
    long requestsBefore = stack.s3Proxy.requests();
    stack.faults(RATE);
    Run chaos = run("mixed/", "chaos5", "chaos5");
    stack.faults(0);
    Snapshot snap = stack.snapshot("chaos5", tmp.resolve("chaos5"));
    System.out.printf(
        Locale.ROOT,
        "chaos run at %.0f%% faults: %d documents in %d ms (fault-free %d ms), exit %d%n%s",
        RATE * 100,
        snap.lineage().size(),
        chaos.millis(),
        baselineRun.millis(),
        chaos.code(),
        stack.summary());

    assertThat(chaos.code()).as(chaos.out() + chaos.err()).isEqualTo(baselineRun.code());
    assertThat(stack.s3Proxy.injected() - s3Before).as("faults were injected").isPositive();
    assertThat(stack.s3Proxy.requests() - requestsBefore).isGreaterThan(DOCS);
    assertThat(snap.decisions()).isEqualTo(baseline.decisions());
    assertThat(snap.lineage()).isEqualTo(baseline.lineage());
    assertThat(snap.records()).isEqualTo(baseline.records());
    assertThat(snap.published()).isTrue();
    assertThat(snap.unlisted()).as("no orphaned or unlisted object").isEmpty();
    assertExactlyOnce(snap);
  }

  @Test
  @Order(2)
  void withKmsDownTheRunStopsBeforeAnyDocumentAndALaterRunCompletes() throws Exception {
    stack.kmsProxy.setFaults(EnumSet.of(FaultProxy.Fault.ERROR_500, FaultProxy.Fault.THROTTLE));
    stack.kmsProxy.setRate(1.0);
    Run down = run("small/", "kms-down", "kms-down");
    long faults = stack.kmsProxy.injected();
    stack.faults(0);

    assertThat(down.code()).as(down.out() + down.err()).isEqualTo(SluiceCli.FAILED);
    assertThat(down.err()).contains("KMS");
    assertThat(faults).isPositive();
    Snapshot none = stack.snapshot("kms-down", tmp.resolve("kms-down"));
    assertThat(none.lineage()).as("no document read").isEmpty();
    assertThat(stack.keys(ChaosStack.CURATED, ChaosStack.runPrefix("kms-down"))).isEmpty();

    Run again = run("small/", "kms-down", "kms-down");
    assertThat(again.code()).as(again.out() + again.err()).isEqualTo(smallBaselineRun.code());
    assertSameAs(stack.snapshot("kms-down", tmp.resolve("kms-down")), smallBaseline);
  }

  @Test
  @Order(3)
  void withMacieDownInRequiredModeNothingIsApprovedAndALaterRunCompletes() throws Exception {
    stack.macieProxy.setFaults(EnumSet.of(FaultProxy.Fault.ERROR_500));
    stack.macieProxy.setRate(1.0);
    Run down = run("small/", "macie-down", "macie-down");
    stack.faults(0);

    assertThat(down.code()).as(down.out() + down.err()).isEqualTo(SluiceCli.HELD_BACK);
    Snapshot snap = stack.snapshot("macie-down", tmp.resolve("macie-down"));
    assertThat(snap.lineage()).hasSize(SMALL_DOCS);
    assertThat(snap.decisions().values()).doesNotContain("APPROVE", "REDACT");
    snap.lineage()
        .forEach(
            (uri, row) -> {
              if (row.startsWith("QUARANTINE")) {
                assertThat(row).as(uri).contains("Macie findings API unreachable");
              }
            });
    assertThat(snap.writes()).as("nothing curated").isEmpty();

    // --force: the held-back sources are unchanged, and an incremental run skips unchanged sources
    // whatever their last decision (see docs/reliability.md, "open questions")
    Run later = run("small/", "macie-later", "macie-down", "--force");
    assertThat(later.code()).as(later.out() + later.err()).isEqualTo(smallBaselineRun.code());
    assertSameAs(stack.snapshot("macie-later", tmp.resolve("macie-down")), smallBaseline);
  }

  @Test
  @Order(4)
  void withTheCuratedBucketUnwritableTheRunFailsUnpublishedAndARestartCompletes() throws Exception {
    // 500s: the SDK's throttling backoff (1 s base) on 503 SlowDown would only make this slower
    stack.s3Proxy.setFaults(EnumSet.of(FaultProxy.Fault.ERROR_500));
    stack.s3Proxy.setScope(r -> r.isWrite() && r.target().startsWith("/" + ChaosStack.CURATED));
    stack.s3Proxy.setRate(1.0);
    Run down = run("small/", "unwritable", "unwritable");
    stack.faults(0);

    assertThat(down.code()).as(down.out() + down.err()).isEqualTo(SluiceCli.FAILED);
    assertThat(down.out() + down.err()).contains("cannot");
    String prefix = ChaosStack.runPrefix("unwritable");
    assertThat(stack.keys(ChaosStack.CURATED, prefix)).as("nothing written").isEmpty();

    Run restart = run("small/", "unwritable", "unwritable");
    assertThat(restart.code()).as(restart.out() + restart.err()).isEqualTo(smallBaselineRun.code());
    assertSameAs(stack.snapshot("unwritable", tmp.resolve("unwritable")), smallBaseline);
  }

  static void assertSameAs(Snapshot snap, Snapshot base) {
    assertThat(snap.decisions()).isEqualTo(base.decisions());
    assertThat(snap.lineage()).isEqualTo(base.lineage());
    assertThat(snap.records()).isEqualTo(base.records());
    assertThat(snap.published()).isTrue();
    assertThat(snap.unlisted()).isEmpty();
    assertExactlyOnce(snap);
  }

  static void assertExactlyOnce(Snapshot snap) {
    List<String> written =
        snap.decisions().entrySet().stream()
            .filter(e -> e.getValue().equals("APPROVE") || e.getValue().equals("REDACT"))
            .map(Map.Entry::getKey)
            .toList();
    assertThat(snap.writes().keySet()).containsExactlyInAnyOrderElementsOf(written);
    assertThat(snap.writes().values()).as("no duplicates").allMatch(n -> n == 1);
    for (List<String> recs : snap.records().values()) {
      for (String r : recs) {
        assertThat(r).doesNotContain(ChaosStack.EMAIL).doesNotContain(ChaosStack.CARD);
      }
    }
  }
}

package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.app.cli.SluiceCli;
import dev.sluice.sampledata.formats.DocumentWriters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Operating the jobs: a run over several prefixes is partitioned; a run stopped, or failed by a
 * systemic fault, is restarted with the same parameters and ends equal to an uninterrupted run.
 */
class JobOperationsIT {
  static final int PREFIXES = 3;
  static final int PER_PREFIX = 6;

  static LocalStack stack;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    stack = new LocalStack();
    for (int p = 0; p < PREFIXES; p++) {
      for (int i = 0; i < PER_PREFIX; i++) {
        String key = "dept" + p + "/doc-" + i + ".txt";
        byte[] body = DocumentWriters.txt("Plain note " + p + "-" + i + " about the roadmap.");
        stack.s3.putObject(r -> r.bucket(LocalStack.RAW).key(key), RequestBody.fromBytes(body));
      }
    }
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  static String[] args(Path data, String runId, String... extra) {
    List<String> a = new ArrayList<>(List.of("ingest", "s3://" + LocalStack.RAW + "/"));
    a.addAll(List.of("--run-id", runId, "--date", "2026-02-01"));
    List<String> overridden = new ArrayList<>();
    for (String e : extra) {
      overridden.add(e.substring(0, e.indexOf('=') + 1));
    }
    for (String f :
        stack.flags(data.toString(), tmp.resolve("out").toString(), LocalStack.KEY_ID)) {
      if (overridden.stream().noneMatch(f::startsWith)) {
        a.add(f);
      }
    }
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  /** Source URI to number of records in the run's published (manifest-listed) parts. */
  static Map<String, Integer> published(String runId) throws Exception {
    String prefix = "support-kb/classification=internal/ingest_date=2026-02-01/run=" + runId + "/";
    ObjectMapper json = new ObjectMapper();
    JsonNode manifest =
        json.readTree(
            stack
                .s3
                .getObjectAsBytes(r -> r.bucket(LocalStack.CURATED).key(prefix + "_manifest.json"))
                .asByteArray());
    List<String> listed = new ArrayList<>();
    manifest.path("objects").forEach(o -> listed.add(o.path("key").asText()));
    List<String> actual =
        stack
            .s3
            .listObjectsV2Paginator(r -> r.bucket(LocalStack.CURATED).prefix(prefix))
            .contents()
            .stream()
            .map(o -> o.key())
            .filter(k -> !k.endsWith("_manifest.json"))
            .toList();
    assertThat(actual).as("no orphaned parts").containsExactlyInAnyOrderElementsOf(listed);
    Map<String, Integer> sources = new HashMap<>();
    for (String key : listed) {
      byte[] gz =
          stack.s3.getObjectAsBytes(r -> r.bucket(LocalStack.CURATED).key(key)).asByteArray();
      String text =
          new String(new GZIPInputStream(new java.io.ByteArrayInputStream(gz)).readAllBytes());
      for (String line : text.split("\n")) {
        if (!line.isBlank()) {
          sources.merge(json.readTree(line).path("source").path("uri").asText(), 1, Integer::sum);
        }
      }
    }
    return sources;
  }

  @Test
  void partitionsBySubPrefixAndAnUninterruptedRunPublishesEverySourceOnce() throws Exception {
    Path data = tmp.resolve("data-plain");
    TestCli.Run run = TestCli.run(args(data, "plain-1"));
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(SluiceCli.OK);
    Map<String, Integer> sources = published("plain-1");
    assertThat(sources).hasSize(PREFIXES * PER_PREFIX).allSatisfy((k, v) -> assertThat(v).isOne());
    // one partition for the (empty) root and one per sub-prefix
    assertThat(
            TestCli.count(
                data,
                "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'ingest-worker:partition%'"))
        .isEqualTo(PREFIXES + 1);
  }

  @Test
  void aStoppedRunRestartsWhereItStoppedAndEndsLikeAnUninterruptedRun() throws Exception {
    Path data = tmp.resolve("data-stop");
    CompletableFuture<TestCli.Run> first =
        CompletableFuture.supplyAsync(
            () ->
                TestCli.run(
                    args(
                        data, "stop-1", "--sluice.job.throttle-ms=150", "--sluice.job.threads=1")));
    long id = awaitCommittedChunk(data, "stop-1", first);
    TestCli.Run stop = TestCli.run(withData(data, "stop", String.valueOf(id)));
    assertThat(stop.code()).as(stop.err()).isEqualTo(SluiceCli.OK);
    TestCli.Run stopped = first.get(120, TimeUnit.SECONDS);
    assertThat(stopped.code()).isEqualTo(SluiceCli.FAILED);
    assertThat(stopped.out()).contains("STOPPED");
    long before =
        TestCli.count(data, "SELECT COUNT(*) FROM sluice_lineage WHERE run_id = 'stop-1'");
    assertThat(before).isBetween(1L, (long) PREFIXES * PER_PREFIX - 1);

    TestCli.Run restart = TestCli.run(withData(data, "restart", String.valueOf(id)));
    assertThat(restart.code()).as(restart.out() + restart.err()).isEqualTo(SluiceCli.OK);
    assertThat(published("stop-1"))
        .hasSize(PREFIXES * PER_PREFIX)
        .allSatisfy((k, v) -> assertThat(v).isOne());
    assertThat(TestCli.count(data, "SELECT COUNT(*) FROM sluice_lineage WHERE run_id = 'stop-1'"))
        .isEqualTo(PREFIXES * PER_PREFIX);
  }

  @Test
  void aRunFailedByASystemicFaultRestartsFromItsLastCommittedChunk() throws Exception {
    Path data = tmp.resolve("data-fail");
    CompletableFuture<TestCli.Run> first =
        CompletableFuture.supplyAsync(
            () ->
                TestCli.run(
                    args(
                        data, "fail-1", "--sluice.job.throttle-ms=150", "--sluice.job.threads=1")));
    awaitCommittedChunk(data, "fail-1", first);
    // the part registry becomes unreachable under the running job: a database outage
    TestCli.execute(data, "ALTER TABLE sluice_parts RENAME TO sluice_parts_offline");
    TestCli.Run failed = first.get(120, TimeUnit.SECONDS);
    assertThat(failed.code()).isEqualTo(SluiceCli.FAILED);
    assertThat(failed.err()).contains("failed");
    TestCli.execute(data, "ALTER TABLE sluice_parts_offline RENAME TO sluice_parts");

    // same command, same parameters: the failed instance resumes (the table is created again)
    TestCli.Run again = TestCli.run(args(data, "fail-1"));
    assertThat(again.code()).as(again.out() + again.err()).isEqualTo(SluiceCli.OK);
    assertThat(published("fail-1"))
        .hasSize(PREFIXES * PER_PREFIX)
        .allSatisfy((k, v) -> assertThat(v).isOne());
  }

  static String[] withData(Path data, String command, String id) {
    List<String> a = new ArrayList<>(List.of(command, id));
    a.addAll(stack.flags(data.toString(), tmp.resolve("out").toString(), LocalStack.KEY_ID));
    return a.toArray(String[]::new);
  }

  /** Waits until the run has committed a chunk; returns its execution id. */
  static long awaitCommittedChunk(Path data, String runId, CompletableFuture<TestCli.Run> job)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (job.isDone()) {
        TestCli.Run r = job.get();
        throw new AssertionError("run " + runId + " ended early: " + r.out() + r.err());
      }
      if (data.resolve("sluice.mv.db").toFile().exists()) {
        try {
          long rows =
              TestCli.count(
                  data, "SELECT COUNT(*) FROM sluice_lineage WHERE run_id = '" + runId + "'");
          if (rows >= 2) {
            return TestCli.count(
                data,
                "SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'STARTED'");
          }
        } catch (java.sql.SQLException notYet) {
          // tables not created yet
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("run " + runId + " committed no chunk in time");
  }
}

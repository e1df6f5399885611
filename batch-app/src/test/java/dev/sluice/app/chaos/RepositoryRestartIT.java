package dev.sluice.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.app.chaos.ChaosStack.Run;
import dev.sluice.app.chaos.ChaosStack.Snapshot;
import dev.sluice.app.cli.SluiceCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job repository goes away in the middle of a run (the job process is a child JVM): an H2 file
 * database shut down without a checkpoint ({@code SHUTDOWN IMMEDIATELY}, as if its host died), and
 * PostgreSQL with every backend of the run's database terminated ({@code pg_terminate_backend}).
 * The run fails (or carries on, if it reconnects in time) without publishing anything partial, and
 * the same command then ends as an uninterrupted run: same decisions, lineage and records, each
 * approved source once; when the outage hit a chunk commit, after the operator step Spring Batch
 * asks for (see {@link #restartUntilDone}).
 */
class RepositoryRestartIT {
  static final long SEED = 2718;
  static final int DOCS = 18;
  static final String PG = "jdbc:postgresql://127.0.0.1:5432/";

  static ChaosStack stack;
  @TempDir static Path tmp;
  static Snapshot expected;
  static int expectedCode;

  @BeforeAll
  static void start() throws Exception {
    stack = ChaosStack.shared();
    stack.threads = 1;
    stack.chunkSize = 3;
    stack.seed("repo/", DOCS, SEED);
    Run ref =
        ChaosStack.cli(stack.ingest("repo/", "repo-ref", tmp.resolve("ref"), tmp.resolve("ro")));
    expectedCode = ref.code();
    assertThat(expectedCode).as(ref.err()).isIn(SluiceCli.OK, SluiceCli.HELD_BACK);
    expected = stack.snapshot("repo-ref", tmp.resolve("ref"));
  }

  @Test
  void anH2RepositoryShutDownMidRunRestartsToTheSameEndState() throws Exception {
    Path data = tmp.resolve("h2");
    Files.createDirectories(data);
    String url = "jdbc:h2:file:" + data.resolve("sluice") + ";AUTO_SERVER=TRUE";
    // this JVM opens the file first, so it hosts the database the job process connects to
    try (Connection host = DriverManager.getConnection(url, "sa", "")) {
      List<String> args = stack.ingest("repo/", "repo-h2", data, tmp.resolve("h2-out"));
      args.add("--sluice.job.throttle-ms=100");
      Path log =
          Files.createDirectories(Path.of("target", "repository-restart-it")).resolve("h2.log");
      Process p = KillLoopIT.launch(args, log, "-Xshare:auto");
      awaitProgress(p, log);
      try (Statement st = host.createStatement()) {
        st.execute("SHUTDOWN IMMEDIATELY");
      } catch (java.sql.SQLException closing) {
        // the connection closes with the database
      }
      assertThat(p.waitFor(240, TimeUnit.SECONDS)).as(KillLoopIT.read(log)).isTrue();
      report("H2 shut down", p.exitValue(), KillLoopIT.read(log));
      assertNothingPartial("repo-h2", p.exitValue());
    }
    restartUntilDone("repo-h2", data, tmp.resolve("h2-out"), List.of());
  }

  @Test
  void aPostgresRepositoryWhoseConnectionsAreKilledMidRunRestartsToTheSameEndState()
      throws Exception {
    assumeTrue(postgresUp(), "no PostgreSQL at 127.0.0.1:5432");
    String db = "sluice_chaos_" + System.nanoTime();
    try (Connection admin = DriverManager.getConnection(PG + "postgres?user=postgres");
        Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + db);
    }
    try {
      String url = PG + db + "?user=postgres";
      List<String> extra = List.of("--spring.datasource.url=" + url);
      Path data = tmp.resolve("pg");
      List<String> args = stack.ingest("repo/", "repo-pg", data, tmp.resolve("pg-out"));
      args.addAll(extra);
      args.add("--sluice.job.throttle-ms=100");
      Path log =
          Files.createDirectories(Path.of("target", "repository-restart-it")).resolve("pg.log");
      Process p = KillLoopIT.launch(args, log, "-Xshare:auto");
      awaitProgress(p, log);
      int killed = 0;
      try (Connection admin = DriverManager.getConnection(PG + "postgres?user=postgres");
          PreparedStatement ps =
              admin.prepareStatement(
                  "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                      + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
        ps.setString(1, db);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
        while (System.nanoTime() < until) { // a restart takes a while: keep it down for 1.5 s
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              killed++;
            }
          }
          Thread.sleep(50);
        }
      }
      assertThat(killed).as("backends terminated").isPositive();
      assertThat(p.waitFor(240, TimeUnit.SECONDS)).as(KillLoopIT.read(log)).isTrue();
      report(
          "PostgreSQL backends terminated (" + killed + ")", p.exitValue(), KillLoopIT.read(log));
      restartUntilDone("repo-pg", data, tmp.resolve("pg-out"), extra);
    } finally {
      try (Connection admin = DriverManager.getConnection(PG + "postgres?user=postgres");
          Statement st = admin.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
  }

  /**
   * Same command again until it ends as the uninterrupted run did. When the outage hit a chunk
   * commit, Spring Batch leaves that worker step (and then the job execution) UNKNOWN and would
   * refuse to restart it ("Manual intervention is probably necessary"); the same command marks them
   * FAILED itself and says so: the database rolled the chunk back, a part uploaded for it is an
   * orphan the publish step removes, and the step restarts from its last committed position.
   */
  void restartUntilDone(String runId, Path data, Path out, List<String> extra) throws Exception {
    Run again = null;
    int interventions = 0;
    for (int i = 0; i < 4; i++) {
      List<String> args = stack.ingest("repo/", runId, data, out);
      args.addAll(extra);
      again = ChaosStack.cli(args);
      if (again.code() == expectedCode) {
        break;
      }
      assertThat(again.err()).as("no manual intervention needed").doesNotContain("UNKNOWN status");
      if (again.err().contains("was left UNKNOWN by a job-repository outage")) {
        interventions++;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "repository restart: %s restarted to exit %d; %d restart(s) found an UNKNOWN execution%n",
        runId,
        again.code(),
        interventions);
    assertThat(again.code()).as(again.out() + again.err()).isEqualTo(expectedCode);
    Snapshot end =
        extra.isEmpty() ? stack.snapshot(runId, data) : stack.snapshot(runId, data, extra);
    assertThat(end.decisions()).isEqualTo(expected.decisions());
    assertThat(end.lineage()).isEqualTo(expected.lineage());
    assertThat(end.records()).isEqualTo(expected.records());
    assertThat(end.published()).isTrue();
    assertThat(end.unlisted()).isEmpty();
    ChaosIT.assertExactlyOnce(end);
  }

  void assertNothingPartial(String runId, int code) {
    if (code != SluiceCli.OK && code != SluiceCli.HELD_BACK) {
      String prefix = ChaosStack.runPrefix(runId);
      assertThat(stack.keys(ChaosStack.CURATED, prefix))
          .as("a failed run publishes no manifest")
          .doesNotContain(prefix + "_manifest.json");
    }
  }

  static void awaitProgress(Process p, Path log) throws InterruptedException {
    KillLoopIT.awaitThen(p, log, KillLoopIT.PROCESS, 1_500);
    assertThat(p.isAlive()).as(KillLoopIT.read(log)).isTrue();
  }

  static void report(String what, int code, String log) {
    List<String> errors = new ArrayList<>();
    for (String line : log.split("\n")) {
      if (line.contains("ERROR") || line.startsWith("sluice:")) {
        errors.add(line.length() > 200 ? line.substring(0, 200) : line);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "repository restart: %s mid-run -> exit %d; first errors: %s%n",
        what,
        code,
        errors.subList(0, Math.min(3, errors.size())));
  }

  static boolean postgresUp() {
    try (Connection c = DriverManager.getConnection(PG + "postgres?user=postgres")) {
      return c.isValid(2);
    } catch (Exception e) {
      return false;
    }
  }
}

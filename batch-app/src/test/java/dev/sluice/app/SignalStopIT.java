package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.cli.SluiceCli;
import dev.sluice.sampledata.formats.DocumentWriters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM during a run (Kubernetes eviction, Ctrl-C, a scheduler's shutdown) stops the execution
 * after its current chunk: the child JVM gets a real signal, exits with 1 and no stack trace, and
 * the job repository records the execution as STOPPED, so it can be restarted. On the embedded H2
 * database (which used to close itself before the stop was recorded) and on PostgreSQL.
 */
class SignalStopIT {
  static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

  @TempDir Path tmp;

  @Test
  void sigtermStopsAnH2RunAfterItsChunkWithExitCodeOne() throws Exception {
    Path data = tmp.resolve("data");
    String url = "jdbc:h2:file:" + data.resolve("sluice") + ";AUTO_SERVER=TRUE";
    stopsCleanly(data, List.of(), () -> DriverManager.getConnection(url, "sa", ""));

    // restart resumes under the run's own settings: other settings are refused, and with no
    // flags at all the recorded ones (chunk size 5, data and output folders) are applied again
    TestCli.Run refused =
        TestCli.run(
            "restart", "signal-1", "--sluice.data-dir=" + data, "--sluice.job.chunk-size=7");
    assertThat(refused.code()).as(refused.err()).isEqualTo(SluiceCli.USAGE);
    assertThat(refused.err()).contains("changed: sluice.job.chunk-size");
    TestCli.Run resumed = TestCli.run("restart", "signal-1", "--sluice.data-dir=" + data);
    assertThat(resumed.code()).as(resumed.out() + resumed.err()).isEqualTo(SluiceCli.OK);
    assertThat(resumed.out()).contains("COMPLETED").contains("documents: 200");
  }

  @Test
  void sigtermStopsAPostgresRunAfterItsChunkWithExitCodeOne() throws Exception {
    String db = "sluice_signal_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    try (Connection admin = DriverManager.getConnection(POSTGRES + "postgres?user=postgres");
        Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + db);
    }
    String url = POSTGRES + db + "?user=postgres";
    try {
      stopsCleanly(
          tmp.resolve("data"),
          List.of("--spring.datasource.url=" + url),
          () -> DriverManager.getConnection(url));

      // a changed setting is accepted only when asked for, and then shown in the report
      TestCli.Run accepted =
          TestCli.run(
              "restart",
              "signal-1",
              "--spring.datasource.url=" + url,
              "--sluice.job.chunk-size=7",
              "--sluice.job.throttle-ms=0",
              "--accept-changed-settings");
      assertThat(accepted.code()).as(accepted.out() + accepted.err()).isEqualTo(SluiceCli.OK);
      Path report = tmp.resolve("out/reports/signal-1/report.json");
      com.fasterxml.jackson.databind.JsonNode json =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toFile());
      assertThat(json.path("settingsChangedOnRestart").path("sluice.job.chunk-size").asText())
          .isEqualTo("5");
      assertThat(json.path("settings").path("sluice.job.chunk-size").asText()).isEqualTo("7");
    } finally {
      try (Connection admin = DriverManager.getConnection(POSTGRES + "postgres?user=postgres");
          Statement st = admin.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
  }

  @FunctionalInterface
  interface Db {
    Connection open() throws Exception;
  }

  private void stopsCleanly(Path data, List<String> extra, Db db) throws Exception {
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    for (int i = 0; i < 200; i++) {
      Files.write(
          corpus.resolve(String.format(Locale.ROOT, "note-%03d.txt", i)),
          DocumentWriters.txt("Release note " + i + ": the agent restarts faster."));
    }
    List<String> args = new ArrayList<>(List.of("classify", corpus.toString()));
    args.addAll(List.of("--run-id", "signal-1", "--threads", "1", "--chunk-size", "5"));
    args.add("--sluice.data-dir=" + data);
    args.add("--sluice.output-dir=" + tmp.resolve("out"));
    args.add(
        "--sluice.job.throttle-ms=40"); // about 5 s for the whole run: the signal lands mid-run
    args.addAll(extra);

    Path log = tmp.resolve("child.log");
    Process child = ChildJvm.launch(args, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    // the child opens the database first (with AUTO_SERVER it then serves it to this test);
    // opening it from here before that would race the child's own start
    while (System.nanoTime() < deadline
        && child.isAlive()
        && !read(log).contains("sluice classify: run signal-1")) {
      Thread.sleep(100);
    }
    long committed = 0;
    while (System.nanoTime() < deadline && child.isAlive() && committed < 2) {
      Thread.sleep(100);
      committed = committedChunks(db);
    }
    assertThat(child.isAlive()).as("still running at the signal; log:%n%s", read(log)).isTrue();
    assertThat(committed).as("chunks committed before the signal").isGreaterThanOrEqualTo(2);

    child.destroy(); // SIGTERM on Unix
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).as(read(log)).isTrue();
    String output = read(log);
    assertThat(child.exitValue()).as(output).isEqualTo(SluiceCli.FAILED);
    assertThat(output)
        .as("no stack trace")
        .doesNotContain("\tat ")
        .doesNotContain("Exception")
        .doesNotContain("already closed")
        .contains("stop signal received");

    try (Connection c = db.open();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT e.STATUS FROM BATCH_JOB_EXECUTION e ORDER BY e.JOB_EXECUTION_ID DESC")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("STOPPED");
    }
    try (Connection c = db.open();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT SUM(READ_COUNT) FROM BATCH_STEP_EXECUTION")) {
      rs.next();
      assertThat(rs.getLong(1)).as("stopped before the end, not after it").isLessThan(200);
    }
  }

  private static long committedChunks(Db db) {
    try (Connection c = db.open();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT SUM(COMMIT_COUNT) FROM BATCH_STEP_EXECUTION")) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (Exception notYetCreated) {
      return 0;
    }
  }

  private static String read(Path log) {
    return ChildJvm.read(log);
  }
}

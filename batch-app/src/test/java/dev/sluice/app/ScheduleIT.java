package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.cli.SluiceCli;
import dev.sluice.sampledata.formats.DocumentWriters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code sluice schedule} with a cron firing every two seconds and a job that takes longer: firings
 * during a run are skipped (and logged), executions never overlap, and shutdown stops the running
 * execution after its chunk, leaving it STOPPED and restartable.
 */
@ExtendWith(OutputCaptureExtension.class)
class ScheduleIT {
  @TempDir Path tmp;

  @Test
  void aScheduleNeverOverlapsItselfAndShutdownLeavesARestartableExecution(CapturedOutput logs)
      throws Exception {
    try (LocalStack stack = new LocalStack()) {
      for (int i = 0; i < 12; i++) {
        byte[] body = DocumentWriters.txt("Quarterly plan item " + i + ".");
        String key = "plans/item-" + i + ".txt";
        stack.s3.putObject(r -> r.bucket(LocalStack.RAW).key(key), RequestBody.fromBytes(body));
      }
      Path data = tmp.resolve("data");
      List<String> args = new ArrayList<>(List.of("schedule", "--wait-seconds", "60"));
      for (String f :
          stack.flags(data.toString(), tmp.resolve("out").toString(), LocalStack.KEY_ID)) {
        if (!f.startsWith("--sluice.job.threads=")) {
          args.add(f);
        }
      }
      args.add("--sluice.job.threads=1");
      args.add("--sluice.job.throttle-ms=400"); // 12 docs ≈ 5 s per run, cron every 2 s
      args.add("--sluice.schedules[0].name=every-2s");
      args.add("--sluice.schedules[0].cron=*/2 * * * * *");
      args.add("--sluice.schedules[0].job=ingest");
      args.add("--sluice.schedules[0].source=s3://" + LocalStack.RAW + "/");

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      SluiceCli cli = new SluiceCli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
      CompletableFuture<Integer> service =
          CompletableFuture.supplyAsync(() -> cli.run(args.toArray(String[]::new)));

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!logs.getAll().contains("skipped firing of schedule every-2s")
          && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(logs.getAll()).contains("skipped firing of schedule every-2s");

      dev.sluice.app.cli.SluiceCliAccessor.shutdown(cli, 60);
      assertThat(service.get(90, TimeUnit.SECONDS)).isEqualTo(SluiceCli.OK);

      List<Timestamp[]> runs = new ArrayList<>();
      List<String> statuses = new ArrayList<>();
      try (Connection c = TestCli.h2(data);
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT START_TIME, END_TIME, STATUS FROM BATCH_JOB_EXECUTION ORDER BY START_TIME")) {
        while (rs.next()) {
          runs.add(new Timestamp[] {rs.getTimestamp(1), rs.getTimestamp(2)});
          statuses.add(rs.getString(3));
        }
      }
      assertThat(runs).isNotEmpty();
      for (int i = 1; i < runs.size(); i++) {
        assertThat(runs.get(i)[0])
            .as("run %d starts after run %d ended", i, i - 1)
            .isAfterOrEqualTo(runs.get(i - 1)[1]);
      }
      assertThat(statuses).doesNotContain("STARTED", "STOPPING");
      assertThat(statuses).allMatch(s -> s.equals("COMPLETED") || s.equals("STOPPED"));
    }
  }
}

package dev.sluice.app.bench;

import dev.sluice.app.ChildJvm;
import dev.sluice.app.TestServices;
import dev.sluice.ingest.aws.AwsClients;
import dev.sluice.ingest.aws.AwsSettings;
import dev.sluice.localaws.LocalAws;
import dev.sluice.sampledata.CorpusGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Remote partitioning scale-out: the same {@code ingest --workers remote} over the same generated
 * corpus with one worker process, then with two (one thread each, {@code
 * -XX:ActiveProcessorCount=1}), each against a fresh PostgreSQL database and its own RabbitMQ
 * queue. Prints the process step's duration (from the job repository) for both, the speed-up and
 * efficiency, and the manager's overhead per partition: the time from the manager step's start to
 * the first partition's start (listing, splitting, sending) plus from the last partition's end to
 * the manager step's end (noticing completion), divided by the partitions. Before the measured run,
 * the same workers run a warm-up ingest over a tenth of the corpus (class loading, JIT, pipeline
 * set-up), so the figures are steady-state throughput.
 *
 * <p>Usage: {@code RemoteScalingBenchmark [documents] [MB] [partitions]}; needs PostgreSQL and
 * RabbitMQ on localhost (see {@link TestServices}).
 */
public final class RemoteScalingBenchmark {
  private RemoteScalingBenchmark() {}

  /**
   * @param processSeconds the manager's process step, start to end
   * @param partitionSeconds the partitions' durations added up (work done by the workers)
   */
  record Figures(
      double processSeconds,
      double partitionSeconds,
      double dispatchMs,
      double drainMs,
      int parts,
      int workers) {
    /** Share of the process step the workers spent running partitions. */
    double busy() {
      return partitionSeconds / (workers * processSeconds);
    }
  }

  public static void main(String[] args) throws Exception {
    int docs = args.length > 0 ? Integer.parseInt(args[0]) : 600;
    long mb = args.length > 1 ? Long.parseLong(args[1]) : 12;
    int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    Path work = Files.createTempDirectory("sluice-remote-bench-");
    CorpusGenerator.Summary s =
        CorpusGenerator.generate(CorpusGenerator.Options.of(42, docs, mb * 1_000_000), work);
    System.out.printf(
        Locale.ROOT,
        "corpus: %d documents, %.1f MB; %d partitions; cores: %d%n",
        s.documents(),
        s.bytes() / 1e6,
        partitions,
        Runtime.getRuntime().availableProcessors());
    String key = "0b0b0b0b-0000-4000-8000-00000000bench";
    try (LocalAws aws =
            LocalAws.start(
                LocalAws.Config.builder()
                    .bucket("raw-docs")
                    .bucket("curated")
                    .kmsKey("alias/bench", key)
                    .build());
        S3Client s3 =
            AwsClients.s3(
                AwsSettings.local(
                    aws.region(), aws.s3Endpoint(), aws.kmsEndpoint(), aws.macieEndpoint()))) {
      Path corpus = work.resolve("corpus");
      try (Stream<Path> files = Files.walk(corpus)) {
        List<Path> all = files.filter(Files::isRegularFile).sorted().toList();
        for (int i = 0; i < all.size(); i++) {
          Path f = all.get(i);
          String k = corpus.relativize(f).toString().replace('\\', '/');
          s3.putObject(r -> r.bucket("raw-docs").key("bench/" + k), RequestBody.fromFile(f));
          if (i % 10 == 0) {
            s3.putObject(r -> r.bucket("raw-docs").key("warmup/" + k), RequestBody.fromFile(f));
          }
        }
      }
      List<String> flags = new ArrayList<>();
      flags.add("--sluice.aws.region=" + aws.region());
      flags.add("--sluice.aws.s3-endpoint=" + aws.s3Endpoint());
      flags.add("--sluice.aws.kms-endpoint=" + aws.kmsEndpoint());
      flags.add("--sluice.aws.path-style=true");
      flags.add("--sluice.aws.access-key=bench");
      flags.add("--sluice.aws.secret-key=bench");
      flags.add("--sluice.dataset.bucket=curated");
      flags.add("--sluice.dataset.kms-key-id=" + key);
      flags.add("--sluice.output-dir=" + work.resolve("out"));
      flags.add("--sluice.fingerprint-key=bench-fingerprint-key");
      flags.add("--sluice.job.chunk-size=20");
      flags.add("--sluice.remote.poll-interval=250ms");

      Figures one = run(1, partitions, flags, work);
      Figures two = run(2, partitions, flags, work);
      double speedup = one.processSeconds() / two.processSeconds();
      System.out.printf(
          Locale.ROOT,
          "1 worker:  process step %.1f s; partitions %.1f s in all, %.2f s each; workers busy"
              + " %.0f%%%n"
              + "2 workers: process step %.1f s; partitions %.1f s in all, %.2f s each; workers busy"
              + " %.0f%%%n"
              + "speed-up %.2fx, efficiency %.0f%% (goal >= 1.8x)%n"
              + "manager overhead: dispatch %.0f / %.0f ms, completion noticed after %.0f / %.0f"
              + " ms (1 / 2 workers) = %.1f / %.1f ms per partition%n",
          one.processSeconds(),
          one.partitionSeconds(),
          one.partitionSeconds() / one.parts(),
          100 * one.busy(),
          two.processSeconds(),
          two.partitionSeconds(),
          two.partitionSeconds() / two.parts(),
          100 * two.busy(),
          speedup,
          100 * speedup / 2,
          one.dispatchMs(),
          two.dispatchMs(),
          one.drainMs(),
          two.drainMs(),
          (one.dispatchMs() + one.drainMs()) / one.parts(),
          (two.dispatchMs() + two.drainMs()) / two.parts());
    }
  }

  static Figures run(int workers, int partitions, List<String> common, Path work) throws Exception {
    String queue = TestServices.unique("sluice.bench.");
    List<Process> procs = new ArrayList<>();
    try (TestServices.Database db = TestServices.newDatabase()) {
      List<String> flags = new ArrayList<>(common);
      flags.add("--spring.datasource.url=" + db.url);
      flags.add("--sluice.data-dir=" + work.resolve("data-" + workers));
      flags.addAll(TestServices.rabbitArgs(queue));
      Path logs = work.resolve("logs-" + workers);
      try {
        for (int i = 1; i <= workers; i++) {
          List<String> a = new ArrayList<>(List.of("worker", "--threads", "1"));
          a.addAll(flags);
          procs.add(ChildJvm.launch(a, logs.resolve("worker-" + i + ".log")));
        }
        for (int i = 1; i <= workers; i++) {
          ChildJvm.awaitLog(
              procs.get(i - 1),
              logs.resolve("worker-" + i + ".log"),
              ": ready,",
              Duration.ofMinutes(3));
        }
        manage("warmup/", "warmup-" + workers, 2 * workers, flags, logs, procs);
        System.out.printf(
            Locale.ROOT,
            "%d worker(s) warmed up; load average before the measured run: %s%n",
            workers,
            Files.readString(Path.of("/proc/loadavg")).strip());
        String run = "bench-" + workers;
        manage("bench/", run, partitions, flags, logs, procs);
        return figures(db, run, workers);
      } finally {
        for (Process p : procs) {
          ChildJvm.stop(p);
        }
        TestServices.deleteQueue(queue);
      }
    }
  }

  static void manage(
      String prefix, String run, int partitions, List<String> flags, Path logs, List<Process> procs)
      throws Exception {
    List<String> m =
        new ArrayList<>(
            List.of(
                "ingest",
                "s3://raw-docs/" + prefix,
                "--run-id",
                run,
                "--workers",
                "remote",
                "--partitions",
                Integer.toString(partitions)));
    m.addAll(flags);
    Path log = logs.resolve(run + ".log");
    Process manager = ChildJvm.launch(m, log);
    procs.add(manager);
    if (!manager.waitFor(60, TimeUnit.MINUTES) || manager.exitValue() == 1) {
      throw new IllegalStateException("manager failed:\n" + ChildJvm.read(log));
    }
  }

  static Figures figures(TestServices.Database db, String run, int workers) throws Exception {
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      long id;
      try (ResultSet rs =
          st.executeQuery(
              "SELECT job_execution_id FROM batch_job_execution_params"
                  + " WHERE parameter_name = 'run.id' AND parameter_value = '"
                  + run
                  + "'")) {
        rs.next();
        id = rs.getLong(1);
      }
      String of = " AND job_execution_id = " + id;
      Timestamp mStart;
      Timestamp mEnd;
      try (ResultSet rs =
          st.executeQuery(
              "SELECT start_time, end_time FROM batch_step_execution"
                  + " WHERE step_name = 'ingest-process'"
                  + of)) {
        rs.next();
        mStart = rs.getTimestamp(1);
        mEnd = rs.getTimestamp(2);
      }
      Timestamp first;
      Timestamp last;
      int parts;
      try (ResultSet rs =
          st.executeQuery(
              "SELECT MIN(start_time), MAX(end_time), COUNT(*) FROM batch_step_execution"
                  + " WHERE step_name LIKE 'ingest-worker:%' AND status = 'COMPLETED'"
                  + of)) {
        rs.next();
        first = rs.getTimestamp(1);
        last = rs.getTimestamp(2);
        parts = rs.getInt(3);
      }
      double busy = 0;
      try (ResultSet rs =
          st.executeQuery(
              "SELECT start_time, end_time FROM batch_step_execution"
                  + " WHERE step_name LIKE 'ingest-worker:%' AND status = 'COMPLETED'"
                  + of)) {
        while (rs.next()) {
          busy += millis(rs.getTimestamp(1), rs.getTimestamp(2)) / 1000.0;
        }
      }
      return new Figures(
          millis(mStart, mEnd) / 1000.0,
          busy,
          millis(mStart, first),
          millis(last, mEnd),
          parts,
          workers);
    }
  }

  static double millis(Timestamp a, Timestamp b) {
    return Duration.between(a.toInstant(), b.toInstant()).toNanos() / 1e6;
  }
}

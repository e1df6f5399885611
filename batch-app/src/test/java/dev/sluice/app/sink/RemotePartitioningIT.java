package dev.sluice.app.sink;

import static dev.sluice.app.sink.SinkStack.KEY_ID;
import static dev.sluice.app.sink.SinkStack.RAW;
import static dev.sluice.app.sink.SinkStack.runPrefix;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.app.ChildJvm;
import dev.sluice.app.TestServices;
import dev.sluice.app.cli.SluiceCli;
import dev.sluice.sampledata.formats.DocumentWriters;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must-show for remote partitioning: a manager and two worker JVMs (separate processes, as {@code
 * ./sluice ingest --workers remote} and {@code ./sluice worker} run them) over RabbitMQ and a fresh
 * PostgreSQL database, on the emulated S3/KMS, with more partitions than workers.
 *
 * <ol>
 *   <li>The remote run's decisions, lineage rows and curated records equal those of a local
 *       (embedded H2, one process) run over the same corpus.
 *   <li>A worker SIGKILLed mid-partition: the broker hands the partition to the other worker, which
 *       resumes it; the run completes with every approved source published exactly once.
 * </ol>
 *
 * The worker and manager command lines and their environment are those of the README's "Scaling
 * out" section, read from it; the test only points the source, the database and the queue at its
 * own (and adds the emulator flags).
 *
 * <p>Needs PostgreSQL and RabbitMQ on localhost: skipped without them, failed with {@code CI=true}.
 */
class RemotePartitioningIT {
  static final String EMAIL = "lee.arden@example-corp.test";
  static final String CARD = SinkStack.luhnComplete("455673758689985");
  static final Pattern RUNNING = Pattern.compile("running (ingest-worker:partition\\d+)");

  @TempDir Path tmp;
  SinkStack stack;
  TestServices.Database db;
  String queue;
  final List<Process> processes = new ArrayList<>();
  final Path logs = Path.of("target", "remote-partitioning-it");

  Readme readme;

  @BeforeEach
  void services() throws Exception {
    readme = Readme.scalingOut();
    TestServices.requireRabbit();
    db = TestServices.newDatabase();
    queue = TestServices.unique("sluice.it.");
    stack = SinkStack.shared();
  }

  /** The README's "Scaling out" commands: {@code ./sluice} lines and exported variables. */
  record Readme(List<List<String>> workers, List<String> ingest, Map<String, String> env) {
    static Readme scalingOut() throws java.io.IOException {
      Path file = Path.of("..", "README.md");
      if (!java.nio.file.Files.exists(file)) {
        file = Path.of("README.md");
      }
      String text = java.nio.file.Files.readString(file);
      int start = text.indexOf("## Scaling out");
      assertThat(start).as("README has a 'Scaling out' section").isGreaterThanOrEqualTo(0);
      String section = text.substring(start, text.indexOf("\n## ", start + 1));
      int open = section.indexOf("```\n");
      String block = section.substring(open + 4, section.indexOf("```", open + 4));
      List<List<String>> workers = new ArrayList<>();
      List<String> ingest = null;
      Map<String, String> env = new java.util.LinkedHashMap<>();
      for (String raw : block.split("\n")) {
        String line = raw.replaceAll("\\s+#.*$", "").replaceAll("&$", "").strip();
        List<String> words = List.of(line.split("\\s+"));
        if (words.get(0).equals("export")) {
          for (String kv : words.subList(1, words.size())) {
            env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
          }
        } else if (words.get(0).equals("./sluice") && words.get(1).equals("worker")) {
          workers.add(words.subList(1, words.size()));
        } else if (words.get(0).equals("./sluice") && words.get(1).equals("ingest")) {
          ingest = words.subList(1, words.size());
        }
      }
      assertThat(workers).as("README starts two workers").hasSize(2);
      assertThat(ingest).as("README runs a manager").isNotNull().contains("--workers", "remote");
      assertThat(env)
          .containsKeys("SPRING_DATASOURCE_URL", "SPRING_RABBITMQ_HOST", "SLUICE_FINGERPRINT_KEY");
      return new Readme(workers, ingest, env);
    }

    int partitions() {
      return Integer.parseInt(ingest.get(ingest.indexOf("--partitions") + 1));
    }

    String fingerprintKey() {
      return env.get("SLUICE_FINGERPRINT_KEY");
    }
  }

  /** The README's environment, with this test's database and queue. */
  Map<String, String> env() {
    Map<String, String> e = new HashMap<>(readme.env());
    e.put("SPRING_DATASOURCE_URL", db.url);
    e.put("SPRING_RABBITMQ_HOST", TestServices.rabbitHost());
    e.put("SPRING_RABBITMQ_PORT", Integer.toString(TestServices.rabbitPort()));
    e.put("SLUICE_REMOTE_QUEUE", queue);
    return e;
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (Process p : processes) {
      ChildJvm.stop(p);
    }
    if (queue != null) {
      TestServices.deleteQueue(queue);
    }
    if (db != null) {
      db.close();
    }
  }

  /** Puts {@code n} documents under {@code prefix}; returns source URI to expected decision. */
  Map<String, String> corpus(String prefix, int n) {
    Map<String, String> expected = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      String key = String.format(Locale.ROOT, "%s%s/doc-%04d.txt", prefix, "abcd".charAt(i % 4), i);
      String text = "Release note " + i + ": the agent restarts faster.";
      String decision = "APPROVE";
      if (i % 11 == 0) {
        text += " Card " + CARD + ".";
        decision = "REJECT";
      } else if (i % 7 == 0) {
        text += " Contact " + EMAIL + ".";
        decision = "REDACT";
      }
      stack.put(key, DocumentWriters.txt(text));
      expected.put("s3://" + RAW + "/" + key, decision);
    }
    // one object directly under the prefix, outside every sub-prefix
    stack.put(prefix + "top.txt", DocumentWriters.txt("Top-level release note."));
    expected.put("s3://" + RAW + "/" + prefix + "top.txt", "APPROVE");
    return expected;
  }

  String bucket(String name) {
    String b = name + "-" + TestServices.unique("").substring(0, 6);
    stack.s3.createBucket(r -> r.bucket(b));
    return b;
  }

  /** Emulator flags shared by the manager and the workers of a remote run. */
  List<String> remoteFlags(String bucket, String dataset, Path data) {
    List<String> f =
        new ArrayList<>(stack.flags(data, tmp.resolve("out"), dataset, bucket, KEY_ID));
    f.add("--sluice.job.chunk-size=4");
    return f;
  }

  /** The README's {@code index}-th worker line plus {@code flags}. */
  Process worker(String name, int index, List<String> flags) throws Exception {
    List<String> a = new ArrayList<>(readme.workers().get(index));
    a.addAll(flags);
    Process p = ChildJvm.launch(a, logs.resolve(name + ".log"), env());
    processes.add(p);
    return p;
  }

  void awaitReady(Process p, String name) throws Exception {
    ChildJvm.awaitLog(p, logs.resolve(name + ".log"), ": ready,", Duration.ofSeconds(90));
  }

  /** The README's manager line over {@code prefix}, plus run id, date and {@code flags}. */
  Process manager(String name, String prefix, String run, List<String> flags) throws Exception {
    List<String> a = new ArrayList<>(readme.ingest());
    a.set(1, "s3://" + RAW + "/" + prefix);
    a.addAll(List.of("--run-id", run, "--date", SinkStack.DATE));
    a.addAll(flags);
    Process p = ChildJvm.launch(a, logs.resolve(name + ".log"), env());
    processes.add(p);
    return p;
  }

  @Test
  void aRemoteRunOnTwoWorkerJvmsEqualsTheLocalRun() throws Exception {
    String prefix = "remote-eq/";
    String run = "remote-eq-1";
    String dataset = "rp-ds";
    Map<String, String> expected = corpus(prefix, 40);

    // workers first: their JVMs start while the local run works
    String remoteBucket = bucket("rp-remote");
    List<String> flags = remoteFlags(remoteBucket, dataset, tmp.resolve("remote-data"));
    Process w1 = worker("eq-worker-1", 0, flags);
    Process w2 = worker("eq-worker-2", 1, flags);

    // 1. the local run: embedded H2, one process, no broker
    String localBucket = bucket("rp-local");
    Path localData = tmp.resolve("local-data");
    List<String> local =
        stack.ingest(
            prefix,
            run,
            stack.flags(localData, tmp.resolve("local-out"), dataset, localBucket, KEY_ID),
            "--threads",
            "2",
            "--chunk-size",
            "4");
    local.add("--sluice.fingerprint-key=" + readme.fingerprintKey());
    SinkStack.Run l = SinkStack.cli(local);
    assertThat(l.code()).as(l.out() + l.err()).isEqualTo(SluiceCli.OK);

    // 2. the same run on a manager and two worker JVMs
    awaitReady(w1, "eq-worker-1");
    awaitReady(w2, "eq-worker-2");
    long t0 = System.nanoTime();
    Process m = manager("eq-manager", prefix, run, flags);
    assertThat(m.waitFor(150, TimeUnit.SECONDS))
        .as(ChildJvm.read(logs.resolve("eq-manager.log")))
        .isTrue();
    long remoteMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    String managerLog = ChildJvm.read(logs.resolve("eq-manager.log"));
    assertThat(m.exitValue()).as(managerLog).isEqualTo(SluiceCli.OK);
    assertThat(managerLog).contains("COMPLETED");

    // more partitions than workers, and both workers took some
    Set<String> byW1 = partitions("eq-worker-1");
    Set<String> byW2 = partitions("eq-worker-2");
    assertThat(byW1).as("worker 1 ran partitions").isNotEmpty();
    assertThat(byW2).as("worker 2 ran partitions").isNotEmpty();
    int partitions = readme.partitions();
    assertThat(partitions).as("more partitions than workers").isGreaterThan(2);
    assertThat(completedPartitions()).hasSize(partitions);
    Set<String> all = new HashSet<>(byW1);
    all.addAll(byW2);
    assertThat(all).hasSize(partitions);

    // 3. same decisions and lineage rows
    Map<String, String> localLineage = lineage(SinkStack.h2(localData), run);
    Map<String, String> remoteLineage = lineage(db.connect(), run);
    assertThat(remoteLineage).hasSize(expected.size()).isEqualTo(localLineage);
    assertThat(decisions(db.connect(), run)).isEqualTo(expected);

    // 4. same curated records, each approved source exactly once
    List<String> localRecords = records(localBucket, runPrefix(dataset, run));
    List<String> remoteRecords = records(remoteBucket, runPrefix(dataset, run));
    assertThat(remoteRecords).isEqualTo(localRecords);
    assertThat(remoteRecords)
        .hasSize((int) expected.values().stream().filter(d -> !d.equals("REJECT")).count());
    System.out.printf(
        Locale.ROOT,
        "remote run: %d docs, %d partitions on 2 worker JVMs (%d + %d), %d ms; equal to local%n",
        expected.size(),
        partitions,
        byW1.size(),
        byW2.size(),
        remoteMs);
  }

  @Test
  void aWorkerKilledMidPartitionLeavesTheRunCompleteAndExactlyOnce() throws Exception {
    String prefix = "remote-kill/";
    String run = "remote-kill-1";
    String dataset = "rk-ds";
    Map<String, String> expected = corpus(prefix, 96);
    String bucket = bucket("rk-remote");
    List<String> flags = remoteFlags(bucket, dataset, tmp.resolve("kill-data"));
    List<String> slow = new ArrayList<>(flags);
    slow.add("--sluice.job.throttle-ms=60"); // each partition takes a few seconds
    Process victim = worker("kill-worker-1", 0, slow);
    Process survivor = worker("kill-worker-2", 1, slow);
    awaitReady(victim, "kill-worker-1");
    awaitReady(survivor, "kill-worker-2");

    Process m = manager("kill-manager", prefix, run, flags);
    // wait until the victim has committed a chunk of a partition, then SIGKILL it
    String partition = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && partition == null) {
      Matcher mt = RUNNING.matcher(ChildJvm.read(logs.resolve("kill-worker-1.log")));
      String current = null;
      while (mt.find()) {
        current = mt.group(1);
      }
      if (current != null && startedWithWrites(current)) {
        partition = current;
      } else {
        Thread.sleep(50);
      }
    }
    assertThat(partition).as(ChildJvm.read(logs.resolve("kill-worker-1.log"))).isNotNull();
    victim.destroyForcibly(); // SIGKILL
    assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(m.waitFor(150, TimeUnit.SECONDS))
        .as(ChildJvm.read(logs.resolve("kill-manager.log")))
        .isTrue();
    String managerLog = ChildJvm.read(logs.resolve("kill-manager.log"));
    assertThat(m.exitValue()).as(managerLog).isEqualTo(SluiceCli.OK);
    String survivorLog = ChildJvm.read(logs.resolve("kill-worker-2.log"));
    assertThat(survivorLog)
        .as("the survivor resumed the killed worker's partition")
        .contains(partition + " was started by worker");
    assertThat(completedPartitions()).hasSize(readme.partitions());

    // exactly once: every approved source once in the published dataset, nothing unlisted
    String runPrefix = runPrefix(dataset, run);
    JsonNode manifest = SinkStack.JSON.readTree(stack.get(bucket, runPrefix + "_manifest.json"));
    Set<String> listed = new HashSet<>(manifest.path("objects").findValuesAsText("key"));
    Set<String> present = new HashSet<>(stack.keys(bucket, runPrefix));
    present.remove(runPrefix + "_manifest.json");
    assertThat(present).as("no orphaned or unlisted object").isEqualTo(listed);
    Map<String, Integer> seen = new HashMap<>();
    for (String key : listed) {
      for (JsonNode r : records(bucket, key, true)) {
        seen.merge(r.path("source").path("uri").asText(), 1, Integer::sum);
      }
    }
    Set<String> approved = new HashSet<>();
    expected.forEach(
        (uri, d) -> {
          if (!d.equals("REJECT")) {
            approved.add(uri);
          }
        });
    assertThat(seen.keySet()).isEqualTo(approved);
    assertThat(seen.values()).as("no duplicates").allMatch(n -> n == 1);
    assertThat(decisions(db.connect(), run)).isEqualTo(expected);
  }

  @Test
  void aRunWhoseWorkersVanishedNamesItsPartitionsAndARestartFinishesIt() throws Exception {
    String prefix = "remote-timeout/";
    String run = "remote-timeout-1";
    String dataset = "rt-ds";
    Map<String, String> expected = corpus(prefix, 12);
    String bucket = bucket("rt-remote");
    List<String> flags = remoteFlags(bucket, dataset, tmp.resolve("timeout-data"));
    // the manager runs in this JVM; the README's environment becomes flags
    flags.add("--spring.datasource.url=" + db.url);
    flags.addAll(TestServices.rabbitArgs(queue));
    flags.add("--sluice.fingerprint-key=" + readme.fingerprintKey());

    // 1. no worker at all: the manager gives up after the partition timeout, naming each range
    List<String> a = new ArrayList<>(readme.ingest());
    a.set(1, "s3://" + RAW + "/" + prefix);
    a.addAll(List.of("--run-id", run, "--date", SinkStack.DATE));
    a.addAll(flags);
    a.add("--sluice.remote.partition-timeout=3s");
    a.add("--sluice.remote.poll-interval=200ms");
    SinkStack.Run timedOut = SinkStack.cli(a);
    assertThat(timedOut.code()).as(timedOut.out() + timedOut.err()).isEqualTo(SluiceCli.FAILED);
    assertThat(timedOut.err())
        .contains("partition timeout after PT3S: " + readme.partitions() + " partition(s)")
        .contains("ingest-worker:partition00000 (never picked up by a worker)")
        .contains("ingest-worker:partition00005 (never picked up by a worker)");
    Matcher id = Pattern.compile("execution: (\\d+) FAILED").matcher(timedOut.out());
    assertThat(id.find()).as(timedOut.out()).isTrue();

    // 2. a worker comes up: it drops the failed run's requests still queued ...
    Process worker =
        worker("timeout-worker", 0, remoteFlags(bucket, dataset, tmp.resolve("timeout-data")));
    awaitReady(worker, "timeout-worker");
    ChildJvm.awaitLog(
        worker,
        logs.resolve("timeout-worker.log"),
        "dropping stale request for ingest-worker:partition00005",
        Duration.ofSeconds(60));

    // 3. ... and the restart re-sends the failed ranges, which it runs
    List<String> r = new ArrayList<>(List.of("restart", id.group(1), "--workers", "remote"));
    r.addAll(flags);
    SinkStack.Run restarted = SinkStack.cli(r);
    assertThat(restarted.code()).as(restarted.out() + restarted.err()).isEqualTo(SluiceCli.OK);
    assertThat(completedPartitions()).hasSize(readme.partitions());
    assertThat(decisions(db.connect(), run)).isEqualTo(expected);
  }

  // ---- helpers ------------------------------------------------------------------------------

  Set<String> partitions(String workerLog) {
    Set<String> out = new HashSet<>();
    Matcher mt = RUNNING.matcher(ChildJvm.read(logs.resolve(workerLog + ".log")));
    while (mt.find()) {
      out.add(mt.group(1));
    }
    return out;
  }

  boolean startedWithWrites(String stepName) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*) FROM batch_step_execution WHERE step_name = ?"
                    + " AND status = 'STARTED' AND write_count > 0")) {
      ps.setString(1, stepName);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getInt(1) > 0;
      }
    }
  }

  Set<String> completedPartitions() throws SQLException {
    Set<String> out = new HashSet<>();
    try (Connection c = db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT step_name FROM batch_step_execution WHERE step_name LIKE"
                    + " 'ingest-worker:%' AND status = 'COMPLETED'");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        assertThat(out.add(rs.getString(1))).as("one execution per partition").isTrue();
      }
    }
    return out;
  }

  /** Lineage rows of {@code run} by source, every column but ids of executions, outputs, time. */
  static Map<String, String> lineage(Connection connection, String run) throws SQLException {
    Map<String, String> out = new TreeMap<>();
    try (Connection c = connection;
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT source_uri, lineage_id, version_id, etag, size_bytes, sha256, extractor,"
                    + " catalog_version, policy_hash, dataset, decision, reasons, unscannable,"
                    + " finding_counts, redaction_counts, macie_finding_ids, evidence, mode,"
                    + " output_uris FROM sluice_lineage WHERE run_id = ?")) {
      ps.setString(1, run);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int i = 2; i <= 18; i++) {
            row.append(rs.getString(i)).append('|');
          }
          String outputs = rs.getString(19);
          row.append(outputs == null || outputs.isBlank() || outputs.equals("[]") ? "-" : "out");
          assertThat(out.put(rs.getString(1), row.toString())).isNull();
        }
      }
    }
    return out;
  }

  static Map<String, String> decisions(Connection connection, String run) throws SQLException {
    Map<String, String> out = new TreeMap<>();
    try (Connection c = connection;
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT source_uri, decision FROM sluice_lineage WHERE run_id = ?")) {
      ps.setString(1, run);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          assertThat(out.put(rs.getString(1), rs.getString(2))).isNull();
        }
      }
    }
    return out;
  }

  /** Every record the run's manifest lists, as sorted JSON text. */
  List<String> records(String bucket, String runPrefix) throws Exception {
    JsonNode manifest = SinkStack.JSON.readTree(stack.get(bucket, runPrefix + "_manifest.json"));
    List<String> out = new ArrayList<>();
    for (String key : manifest.path("objects").findValuesAsText("key")) {
      for (JsonNode r : records(bucket, key, true)) {
        out.add(r.toString());
      }
    }
    out.sort(null);
    return out;
  }

  List<JsonNode> records(String bucket, String key, boolean gz) throws Exception {
    byte[] bytes = stack.get(bucket, key);
    String text =
        new String(
            new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))
                .readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    List<JsonNode> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        out.add(SinkStack.JSON.readTree(line));
      }
    }
    return out;
  }
}

package dev.sluice.app.sink;

import static dev.sluice.app.sink.SinkStack.CURATED;
import static dev.sluice.app.sink.SinkStack.KEY_ID;
import static dev.sluice.app.sink.SinkStack.RAW;
import static dev.sluice.app.sink.SinkStack.runPrefix;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.app.cli.SluiceCli;
import dev.sluice.sampledata.formats.DocumentWriters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must-show: the real application runs in a child JVM and is killed with SIGKILL while it writes
 * the curated dataset; the same command run again recovers the dead execution and finishes. The
 * published dataset then holds every approved source exactly once, nothing the manifest does not
 * list, and no spool file is left behind.
 */
class CrashRestartIT {
  static final int DOCS = 300;
  static final String EMAIL = "lee.arden@example-corp.test";
  static final String CARD = SinkStack.luhnComplete("455673758689985");
  static final String RUN = "crash-1";

  @TempDir Path tmp;

  @Test
  void aRunKilledMidWriteAndRestartedPublishesEachApprovedSourceExactlyOnce() throws Exception {
    SinkStack stack = SinkStack.shared();
    Set<String> expected = new HashSet<>();
    Map<String, String> expectedDecision = new HashMap<>();
    for (int i = 0; i < DOCS; i++) {
      String key = String.format(Locale.ROOT, "crash/%s/doc-%04d.txt", "abc".charAt(i % 3), i);
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
      String uri = "s3://" + RAW + "/" + key;
      expectedDecision.put(uri, decision);
      if (!decision.equals("REJECT")) {
        expected.add(uri);
      }
    }

    Path data = tmp.resolve("data");
    List<String> args =
        stack.ingest(
            "crash/",
            RUN,
            stack.flags(data, tmp.resolve("out"), "crash-ds", CURATED, KEY_ID),
            "--threads",
            "1",
            "--chunk-size",
            "5");
    args.add("--sluice.job.throttle-ms=15"); // slows the run so the kill lands mid-write
    String prefix = runPrefix("crash-ds", RUN);

    // 1. start, wait until parts are being written, then SIGKILL
    long t0 = System.nanoTime();
    Path logs = Files.createDirectories(Path.of("target", "crash-restart-it"));
    Process first = dev.sluice.app.ChildJvm.launch(args, logs.resolve("first.log"));
    int partsAtKill = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && first.isAlive()) {
      partsAtKill = (int) parts(stack, prefix).count();
      if (partsAtKill >= 8) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(first.isAlive())
        .as("still writing when killed; log: %s", log(logs, "first"))
        .isTrue();
    first.destroyForcibly(); // SIGKILL on Unix
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long killedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertThat(first.exitValue()).isNotZero();
    assertThat(stack.keys(CURATED, prefix)).noneMatch(k -> k.endsWith("_manifest.json"));
    assertThat(partsAtKill).isLessThan(DOCS / 5);

    // 2. the same command again: the dead execution is recovered and the run completes
    long t1 = System.nanoTime();
    Process second = dev.sluice.app.ChildJvm.launch(args, logs.resolve("second.log"));
    assertThat(second.waitFor(150, TimeUnit.SECONDS)).as(log(logs, "second")).isTrue();
    long restartMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
    String secondLog = log(logs, "second");
    assertThat(second.exitValue()).as(secondLog).isEqualTo(SluiceCli.OK);
    assertThat(secondLog).contains("was left running by a dead process; recovering");

    // 3. the published dataset: every approved source exactly once, nothing unlisted
    JsonNode manifest = stack.json(CURATED, prefix + "_manifest.json");
    assertThat(manifest.path("mode").asText()).isEqualTo("jsonl");
    Set<String> listed = new HashSet<>(manifest.path("objects").findValuesAsText("key"));
    Set<String> present = new HashSet<>(stack.keys(CURATED, prefix));
    present.remove(prefix + "_manifest.json");
    assertThat(present).as("no orphaned or unlisted object").isEqualTo(listed);

    Map<String, Integer> seen = new HashMap<>();
    for (String key : listed) {
      for (JsonNode r : stack.records(key)) {
        seen.merge(r.path("source").path("uri").asText(), 1, Integer::sum);
        assertThat(r.path("text").asText()).doesNotContain(EMAIL).doesNotContain(CARD);
      }
    }
    assertThat(seen.keySet()).isEqualTo(expected);
    assertThat(seen.values()).as("no duplicates").allMatch(n -> n == 1);
    assertThat(manifest.path("recordCount").asLong()).isEqualTo(expected.size());

    // every source has exactly one lineage row for the run, with the expected decision
    Map<String, String> decisions = new HashMap<>();
    try (Connection c = SinkStack.h2(data);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT source_uri, decision FROM sluice_lineage WHERE run_id = ?")) {
      ps.setString(1, RUN);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          assertThat(decisions.put(rs.getString(1), rs.getString(2))).isNull();
        }
      }
    }
    assertThat(decisions).isEqualTo(expectedDecision);

    Path spool = data.resolve("runs").resolve(RUN).resolve("spool");
    if (Files.isDirectory(spool)) {
      try (Stream<Path> files = Files.list(spool)) {
        assertThat(files).as("no spool file left behind").isEmpty();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "crash test: %d docs, killed after %d ms with %d parts written, restart completed in %d"
            + " ms, %d objects published%n",
        DOCS,
        killedAfterMs,
        partsAtKill,
        restartMs,
        listed.size());
  }

  static Stream<String> parts(SinkStack stack, String prefix) {
    return stack.keys(CURATED, prefix).stream().filter(k -> k.endsWith(".jsonl.gz"));
  }

  static String log(Path dir, String name) {
    try {
      return Files.readString(dir.resolve(name + ".log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}

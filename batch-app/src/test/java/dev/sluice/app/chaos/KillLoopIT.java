package dev.sluice.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.SluiceApplication;
import dev.sluice.app.chaos.ChaosStack.Snapshot;
import dev.sluice.app.cli.SluiceCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must-show: the job process (a child JVM running the real application) is killed with SIGKILL at
 * seeded random points ten times in a row: while it starts and lists, while it parses and writes
 * parts, while it publishes; each time the same command is started again and recovers the dead
 * execution. After the tenth kill one more start completes, and the end state equals an
 * uninterrupted run of the same corpus: same decisions and lineage, the same curated records, each
 * approved source exactly once, no object the manifest does not list, no spool file left.
 *
 * <p>Determinism: the plan (which phase each kill aims at) and the delays come from a fixed seed,
 * and each kill waits for a log marker of its phase, so the kills land where planned on a fast or a
 * slow machine; the test asserts the end state, which must hold wherever a kill lands, and prints
 * where each one landed. Twelve JVM starts; about 2-3 minutes on two idle cores, longer on a loaded
 * machine.
 */
class KillLoopIT {
  static final long SEED = 1909;
  static final int DOCS = 48;
  static final int KILLS = 10;
  static final String RUN = "kill-loop";
  // logged on every start, a restart included (pre-flight, once complete, is not run again)
  static final String PROCESS = "discovery records in"; // the pipeline is built: listing begins
  static final String PUBLISH = "published dataset"; // manifest written, step not yet committed

  @TempDir Path tmp;

  @Test
  void tenKillsInARowThenARestartEndAsAnUninterruptedRun() throws Exception {
    ChaosStack stack = ChaosStack.shared();
    stack.chunkSize = 3;
    stack.threads = 2;
    stack.seed("kill/", DOCS, SEED);

    // the uninterrupted reference, in a child JVM like the runs below (an AppCDS archive would
    // shorten the starts, but the JDK does not archive classes from directories)
    Path logs = Files.createDirectories(Path.of("target", "kill-loop-it"));
    List<String> refArgs = stack.ingest("kill/", "kill-ref", tmp.resolve("ref"), tmp.resolve("ro"));
    String cds = "-Xshare:auto";
    Process refRun = launch(refArgs, logs.resolve("reference.log"), cds);
    assertThat(refRun.waitFor(300, TimeUnit.SECONDS)).isTrue();
    int refCode = refRun.exitValue();
    assertThat(refCode)
        .as(read(logs.resolve("reference.log")))
        .isIn(SluiceCli.OK, SluiceCli.HELD_BACK);
    Snapshot expected = stack.snapshot("kill-ref", tmp.resolve("ref"));
    assertThat(expected.lineage()).hasSize(DOCS);

    Path data = tmp.resolve("data");
    List<String> args = stack.ingest("kill/", RUN, data, tmp.resolve("out"));
    args.add("--sluice.job.throttle-ms=300"); // about 6 s of processing per partition

    // the plan: one kill while the JVM starts, one as listing begins, four while the first
    // documents are parsed, three just after a part was uploaded (progress is committed every 3
    // documents), in a seeded order;
    // the tenth as the publish step has written the manifest but not yet committed
    Random rnd = new Random(SEED);
    List<Phase> plan = new ArrayList<>(List.of(Phase.STARTING, Phase.LISTING));
    for (int i = 0; i < 4; i++) {
      plan.add(Phase.PARSING);
    }
    for (int i = 0; i < KILLS - 7; i++) {
      plan.add(Phase.WRITING);
    }
    java.util.Collections.shuffle(plan, rnd);
    plan.add(Phase.PUBLISHING);

    Map<Integer, String> landed = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    int kills = 0;
    for (Phase phase : plan) {
      Path log = logs.resolve("kill-" + (kills + 1) + ".log");
      Process p = launch(args, log, cds);
      long delayMs =
          switch (phase) {
            case STARTING -> sleep(800 + rnd.nextInt(1_500));
            case LISTING -> awaitThen(p, log, PROCESS, rnd.nextInt(100));
            case PARSING -> awaitThen(p, log, PROCESS, 200 + rnd.nextInt(600));
            case WRITING -> awaitNewPart(p, log, stack) + sleep(rnd.nextInt(200));
            case PUBLISHING -> awaitThen(p, log, PUBLISH, 0);
          };
      assertThat(p.isAlive())
          .as("kill %d (%s) came too late: the run ended; log: %s", kills + 1, phase, read(log))
          .isTrue();
      String seen = phase(read(log));
      long parts = parts(stack);
      p.destroyForcibly(); // SIGKILL
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      kills++;
      landed.put(kills, phase + "/" + seen + " +" + delayMs + "ms, " + parts + " parts");
    }
    long killMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

    Path last = logs.resolve("final.log");
    Process fin = launch(args, last, cds);
    assertThat(fin.waitFor(180, TimeUnit.SECONDS)).as(read(last)).isTrue();
    assertThat(fin.exitValue()).as(read(last)).isEqualTo(refCode);

    Snapshot end = stack.snapshot(RUN, data);
    System.out.printf(
        Locale.ROOT,
        "kill loop: %d docs, %d kills in %d ms, then a clean start: %s%n",
        DOCS,
        kills,
        killMs,
        landed);
    assertThat(kills).isEqualTo(KILLS);
    assertThat(end.decisions()).isEqualTo(expected.decisions());
    assertThat(end.lineage()).isEqualTo(expected.lineage());
    assertThat(end.records()).isEqualTo(expected.records());
    assertThat(end.published()).isTrue();
    assertThat(end.unlisted()).as("no orphaned or unlisted object").isEmpty();
    ChaosIT.assertExactlyOnce(end);
    Path spool = data.resolve("runs").resolve(RUN).resolve("spool");
    if (Files.isDirectory(spool)) {
      try (Stream<Path> files = Files.list(spool)) {
        assertThat(files).as("no spool file left behind").isEmpty();
      }
    }
  }

  enum Phase {
    STARTING,
    LISTING,
    PARSING,
    WRITING,
    PUBLISHING
  }

  static long parts(ChaosStack stack) {
    return stack.keys(ChaosStack.CURATED, ChaosStack.runPrefix(RUN)).stream()
        .filter(k -> k.endsWith(".jsonl.gz"))
        .count();
  }

  /** Waits until this start has uploaded a part: the kill lands while parts are written. */
  static long awaitNewPart(Process p, Path log, ChaosStack stack) throws InterruptedException {
    long before = parts(stack);
    long t0 = System.nanoTime();
    awaitThen(p, log, PROCESS, 0);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (parts(stack) <= before) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("no part written before the run ended: " + read(log));
      }
      Thread.sleep(25);
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  /** The last step the log shows: where the kill actually landed. */
  static String phase(String log) {
    if (log.contains(PUBLISH)) {
      return "publish";
    }
    if (log.contains("progress:")) {
      return "process";
    }
    if (log.contains(PROCESS)) {
      return "listing/process";
    }
    if (log.contains("pre-flight ok")) {
      return "pre-flight";
    }
    return "start-up";
  }

  /** Waits for {@code marker} in the log, then {@code thenMs}; returns {@code thenMs}. */
  static long awaitThen(Process p, Path log, String marker, long thenMs)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!read(log).contains(marker)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("no '" + marker + "' before the run ended: " + read(log));
      }
      Thread.sleep(10);
    }
    Thread.sleep(thenMs);
    return thenMs;
  }

  static long sleep(long ms) throws InterruptedException {
    Thread.sleep(ms);
    return ms;
  }

  static Process launch(List<String> args, Path logFile, String cds) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx384m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add(cds);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SluiceApplication.class.getName());
    cmd.addAll(args);
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(logFile.toFile())
        .start();
  }

  static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }
}

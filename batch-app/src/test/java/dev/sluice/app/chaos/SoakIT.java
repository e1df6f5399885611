package dev.sluice.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.app.chaos.ChaosStack.Run;
import dev.sluice.app.chaos.ChaosStack.Snapshot;
import dev.sluice.localaws.FaultProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The longer soak, by command only ({@code scripts/soak.sh}; skipped unless {@code
 * -Dsluice.soak.rounds} is set): a fault-free run, then {@code rounds} runs of the same corpus at
 * {@code rate} faults on every service, each compared with the fault-free run. Writes the figures
 * to {@code target/soak/summary.md} for docs/reliability.md.
 */
class SoakIT {
  @TempDir Path tmp;

  @Test
  void manyRunsUnderFaultsEachEndAsTheFaultFreeRun() throws Exception {
    int rounds = Integer.getInteger("sluice.soak.rounds", 0);
    assumeTrue(rounds > 0, "soak runs by command: scripts/soak.sh");
    int docs = Integer.getInteger("sluice.soak.docs", 400);
    double rate = Double.parseDouble(System.getProperty("sluice.soak.rate", "0.05"));
    // a run makes one KMS and two Macie calls: a higher rate there makes their faults show up
    double controlRate =
        Double.parseDouble(System.getProperty("sluice.soak.control-rate", String.valueOf(rate)));
    long seed = Long.getLong("sluice.soak.seed", 7);
    StringBuilder md = new StringBuilder();
    try (ChaosStack stack = new ChaosStack(seed)) {
      stack.seed("soak/", docs, seed);
      Run base =
          ChaosStack.cli(stack.ingest("soak/", "soak-base", tmp.resolve("b"), tmp.resolve("bo")));
      Snapshot expected = stack.snapshot("soak-base", tmp.resolve("b"));
      assertThat(expected.lineage()).hasSize(docs);
      md.append(
          String.format(
              Locale.ROOT,
              "Soak: %d documents, %d rounds at %.1f %% faults on S3, %.1f %% on KMS and Macie,"
                  + " seed %d%n%n"
                  + "fault-free run: %d ms, exit %d, decisions %s%n%n"
                  + "| round | ms | exit | S3 req/faults/retries | KMS req/faults/retries |"
                  + " Macie req/faults/retries | faults by kind | same end state |%n"
                  + "|---|---|---|---|---|---|---|---|%n",
              docs,
              rounds,
              rate * 100,
              controlRate * 100,
              seed,
              base.millis(),
              base.code(),
              ChaosIT.count(expected.decisions())));
      long totalMs = 0;
      long[] sum = new long[9];
      long[] kinds = new long[FaultProxy.Fault.values().length];
      for (int r = 1; r <= rounds; r++) {
        long[] before = counters(stack);
        long[] kindsBefore = kinds(stack);
        stack.faults(rate);
        stack.kmsProxy.setRate(controlRate);
        stack.macieProxy.setRate(controlRate);
        String run = "soak-" + r;
        Run chaos =
            ChaosStack.cli(stack.ingest("soak/", run, tmp.resolve(run), tmp.resolve(run + "o")));
        stack.faults(0);
        Snapshot snap = stack.snapshot(run, tmp.resolve(run));
        long[] after = counters(stack);
        long[] kindsAfter = kinds(stack);
        boolean same =
            chaos.code() == base.code()
                && snap.lineage().equals(expected.lineage())
                && snap.records().equals(expected.records())
                && snap.unlisted().isEmpty()
                && snap.writes().values().stream().allMatch(n -> n == 1);
        StringBuilder byKind = new StringBuilder();
        for (FaultProxy.Fault f : FaultProxy.Fault.values()) {
          long d = kindsAfter[f.ordinal()] - kindsBefore[f.ordinal()];
          kinds[f.ordinal()] += d;
          if (d > 0) {
            byKind.append(f.name()).append('=').append(d).append(' ');
          }
        }
        long[] d = new long[9];
        for (int i = 0; i < 9; i++) {
          d[i] = after[i] - before[i];
          sum[i] += d[i];
        }
        totalMs += chaos.millis();
        md.append(
            String.format(
                Locale.ROOT,
                "| %d | %d | %d | %d/%d/%d | %d/%d/%d | %d/%d/%d | %s| %s |%n",
                r,
                chaos.millis(),
                chaos.code(),
                d[0],
                d[1],
                d[2],
                d[3],
                d[4],
                d[5],
                d[6],
                d[7],
                d[8],
                byKind,
                same ? "yes" : "NO"));
        System.out.print(md);
        Files.createDirectories(Path.of("target", "soak"));
        Files.writeString(Path.of("target", "soak", "summary.md"), md);
        assertThat(same).as("round %d ends as the fault-free run", r).isTrue();
      }
      StringBuilder k = new StringBuilder();
      for (FaultProxy.Fault f : FaultProxy.Fault.values()) {
        k.append(f.name()).append('=').append(kinds[f.ordinal()]).append(' ');
      }
      String total =
          String.format(
              Locale.ROOT,
              "%nTotal: %d runs x %d documents in %d ms; S3 %d requests, %d faults, %d retries;"
                  + " KMS %d/%d/%d; Macie %d/%d/%d; by kind: %s; every round ended as the"
                  + " fault-free run.%n",
              rounds,
              docs,
              totalMs,
              sum[0],
              sum[1],
              sum[2],
              sum[3],
              sum[4],
              sum[5],
              sum[6],
              sum[7],
              sum[8],
              k);
      System.out.println(total);
      Files.writeString(Path.of("target", "soak", "summary.md"), md.append(total));
    }
  }

  static long[] counters(ChaosStack s) {
    return new long[] {
      s.s3Proxy.requests(), s.s3Proxy.injected(), s.s3Proxy.retries(),
      s.kmsProxy.requests(), s.kmsProxy.injected(), s.kmsProxy.retries(),
      s.macieProxy.requests(), s.macieProxy.injected(), s.macieProxy.retries()
    };
  }

  static long[] kinds(ChaosStack s) {
    long[] out = new long[FaultProxy.Fault.values().length];
    for (FaultProxy p : s.proxies()) {
      for (FaultProxy.Fault f : FaultProxy.Fault.values()) {
        out[f.ordinal()] += p.injected(f);
      }
    }
    return out;
  }
}

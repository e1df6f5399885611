package dev.sluice.sampledata;

import dev.sluice.sampledata.CorpusGenerator.Options;
import dev.sluice.sampledata.CorpusGenerator.Summary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark for {@link CorpusGenerator}. Baseline, measured in the same run: writing the same
 * number of files and bytes of plain filler text (no values, no ground truth, no binary formats).
 * Prints both throughputs and the ratio.
 *
 * <p>Usage: {@code GeneratorBenchmark <outDir> <documents> <bytes, e.g. 100m> [seed]}.
 */
public final class GeneratorBenchmark {

  private GeneratorBenchmark() {}

  /** Runs baseline then generator; prints one line each and the ratio. */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    int docs = Integer.parseInt(args[1]);
    long bytes = CorpusGenerator.parseSize(args[2]);
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;

    long t0 = System.nanoTime();
    Random r = new Random(seed);
    long per = bytes / docs;
    long written = 0;
    for (int i = 0; i < docs; i++) {
      StringBuilder sb = new StringBuilder((int) per + 128);
      while (sb.length() < per) {
        sb.append(CorpusGenerator.sentence(r)).append(' ');
      }
      Path f = out.resolve("baseline").resolve("b" + (i / 1000)).resolve("doc-" + i + ".txt");
      Files.createDirectories(f.getParent());
      byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
      Files.write(f, b);
      written += b.length;
    }
    double baseSecs = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "baseline  (plain filler .txt): %d docs, %.1f MB in %.1f s = %.1f MB/s%n",
        docs,
        written / 1e6,
        baseSecs,
        written / 1e6 / baseSecs);

    Summary s = CorpusGenerator.generate(Options.of(seed, docs, bytes), out.resolve("generated"));
    double genSecs = s.elapsedNanos() / 1e9;
    System.out.printf(
        Locale.ROOT,
        "generator (default mix, ground truth): %d docs, %.1f MB in %.1f s = %.1f MB/s,"
            + " %.0f docs/s%n",
        s.documents(),
        s.bytes() / 1e6,
        genSecs,
        s.bytes() / 1e6 / genSecs,
        s.documents() / genSecs);
    System.out.printf(Locale.ROOT, "ratio generator/baseline time: %.1fx%n", genSecs / baseSecs);
    System.out.println("formats: " + s.byFormat());
    System.out.println(
        "decisions: " + s.byDecision() + ", types covered: " + s.typesCovered().size());
  }
}

package dev.sluice.classifiers.bench;

import dev.sluice.classifiers.Finding;
import dev.sluice.classifiers.Scanner;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Precision check on real documents: scans every file of a folder (e.g. the Debian copyright files
 * and changelogs under {@code /usr/share/doc}, see docs/BENCHMARKS.md), prints findings per MB per
 * identifier, and writes a seeded random sample of NAME and ADDRESS findings with their context to
 * a file for review by hand. The sample holds document text: keep it on the machine, out of logs
 * and commits. Not run by the unit tests.
 *
 * <p>Arguments: folder, sample file, sample size.
 */
public final class RealDocsPrecision {
  private RealDocsPrecision() {}

  public static void main(String[] args) throws IOException {
    Scanner scanner = Scanner.builder().build();
    File[] files = new File(args[0]).listFiles();
    if (files == null) {
      throw new IllegalArgumentException("not a folder: " + args[0]);
    }
    Arrays.sort(files);
    Map<String, Integer> counts = new TreeMap<>();
    List<String> sample = new ArrayList<>();
    long chars = 0;
    for (File f : files) {
      String t = new String(Files.readAllBytes(f.toPath()), StandardCharsets.UTF_8);
      chars += t.length();
      for (Finding x : scanner.scan(t)) {
        counts.merge(x.identifierId(), 1, Integer::sum);
        if (x.identifierId().equals("NAME") || x.identifierId().equals("ADDRESS")) {
          int s = Math.max(0, x.start() - 40);
          int e = Math.min(t.length(), x.end() + 25);
          String ctx =
              t.substring(s, x.start())
                  + "[["
                  + x.identifierId()
                  + ":"
                  + t.substring(x.start(), x.end())
                  + "]]"
                  + t.substring(x.end(), e);
          sample.add(f.getName() + "\t" + ctx.replace("\n", "\\n"));
        }
      }
    }
    double mb = chars / 1e6;
    System.out.printf(Locale.ROOT, "files=%d MB=%.1f%n", files.length, mb);
    for (Map.Entry<String, Integer> en : counts.entrySet()) {
      System.out.printf(
          Locale.ROOT, "%-40s %7d %8.1f/MB%n", en.getKey(), en.getValue(), en.getValue() / mb);
    }
    Collections.shuffle(sample, new Random(42));
    try (PrintWriter w = new PrintWriter(args[1], StandardCharsets.UTF_8)) {
      for (String s : sample.subList(0, Math.min(Integer.parseInt(args[2]), sample.size()))) {
        w.println(s);
      }
    }
  }
}

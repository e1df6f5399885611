package dev.sluice.classifiers.bench;

import dev.sluice.classifiers.Finding;
import dev.sluice.classifiers.Scanner;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * Scans every file of a folder as the plain text it is (UTF-8, offsets into the file's text) and
 * writes one JSON line per finding ({@code source, type, start, end}), the findings contract of
 * {@code classify --findings} without the extraction stage: a yardstick for the classifier alone,
 * e.g. on {@code ../shared/eval-dev} with its {@code score.mjs}. Values are never written. Not run
 * by the unit tests.
 *
 * <p>Arguments: folder, output file.
 */
public final class FindingsJsonl {
  private FindingsJsonl() {}

  public static void main(String[] args) throws IOException {
    Scanner scanner = Scanner.builder().build();
    File[] files = new File(args[0]).listFiles();
    if (files == null) {
      throw new IllegalArgumentException("not a folder: " + args[0]);
    }
    Arrays.sort(files);
    try (PrintWriter w = new PrintWriter(args[1], StandardCharsets.UTF_8)) {
      for (File f : files) {
        String t = Files.readString(f.toPath(), StandardCharsets.UTF_8);
        for (Finding x : scanner.scan(t)) {
          w.printf(
              "{\"source\":\"%s\",\"type\":\"%s\",\"start\":%d,\"end\":%d}%n",
              f.getName(), x.identifierId(), x.start(), x.end());
        }
      }
    }
  }
}

package dev.sluice.localaws;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures S3Mock start-to-first-200 with the launcher's JVM options against a baseline of plain
 * {@code -Xmx384m} (default JIT and GC), alternating the two so machine load hits both alike.
 *
 * <p>Run: {@code ./mvnw -q -pl local-aws test-compile exec:java
 * -Dexec.mainClass=dev.sluice.localaws.S3MockStartupBenchmark -Dexec.classpathScope=test
 * -Dexec.args=5}
 */
public final class S3MockStartupBenchmark {

  private S3MockStartupBenchmark() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<Long> baseline = new ArrayList<>();
    List<Long> tuned = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      baseline.add(startMillis(List.of("-Xmx384m")));
      tuned.add(startMillis(S3MockServer.DEFAULT_JVM_ARGS));
    }
    long b = median(baseline);
    long t = median(tuned);
    System.out.printf("cores=%d rounds=%d%n", Runtime.getRuntime().availableProcessors(), rounds);
    System.out.printf("baseline (-Xmx384m)          runs=%s median=%d ms%n", baseline, b);
    System.out.printf(
        "launcher %s runs=%s median=%d ms%n", S3MockServer.DEFAULT_JVM_ARGS, tuned, t);
    System.out.printf("ratio baseline/launcher = %.2f%n", (double) b / t);
  }

  private static long startMillis(List<String> jvmArgs) {
    try (S3MockServer server =
        S3MockServer.start(
            S3MockServer.Options.builder()
                .initialBuckets(List.of("bench"))
                .jvmArgs(jvmArgs)
                .build())) {
      return server.startupTime().toMillis();
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }
}

package dev.sluice.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The real application in a child JVM (as {@code ./sluice} runs it). Test support. */
public final class ChildJvm {
  private ChildJvm() {}

  /** Starts {@code SluiceApplication args}, stdout and stderr into {@code log}. */
  public static Process launch(List<String> args, Path log) throws IOException {
    return launch(args, log, java.util.Map.of());
  }

  /** As {@link #launch(List, Path)}, with {@code env} added to the environment. */
  public static Process launch(List<String> args, Path log, java.util.Map<String, String> env)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx384m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:ActiveProcessorCount=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SluiceApplication.class.getName());
    cmd.addAll(args);
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    return pb.redirectOutput(log.toFile()).start();
  }

  /** Waits until {@code log} contains {@code text}; fails if {@code p} exits first. */
  public static void awaitLog(Process p, Path log, String text, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (read(log).contains(text)) {
        return;
      }
      if (!p.isAlive()) {
        throw new IllegalStateException(
            "process exited " + p.exitValue() + " before '" + text + "':\n" + read(log));
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no '" + text + "' within " + timeout + ":\n" + read(log));
  }

  public static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM, then SIGKILL after 10 s. */
  public static void stop(Process p) throws InterruptedException {
    if (p != null && p.isAlive()) {
      p.destroy();
      if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
  }
}

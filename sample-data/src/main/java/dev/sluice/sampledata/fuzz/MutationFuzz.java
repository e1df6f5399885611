package dev.sluice.sampledata.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The short fuzz run of {@code verify}: a seeded mutation loop (bit flips, byte inserts and
 * deletes, chunk copies, splices, dictionary tokens, truncation) over a target's Jazzer seed
 * corpus, for {@code -Dsluice.fuzz.seconds} (default 3) seconds. Not coverage-guided: Jazzer's
 * fuzzing mode runs one target per JVM and is started by {@code scripts/fuzz.sh}. A failing input
 * is written to {@code target/fuzz-failures/} and the failure rethrown with that path. Test
 * support, shared by the modules that fuzz (a test dependency on sample-data).
 */
public final class MutationFuzz {
  private MutationFuzz() {}

  /** Runs the loop; returns the number of executions. */
  public static long run(
      Class<?> test, String method, long seed, List<String> dictionary, Consumer<byte[]> target) {
    List<byte[]> corpus = seeds(test, method);
    corpus.add(new byte[0]);
    List<byte[]> tokens = new ArrayList<>();
    for (String t : dictionary) {
      tokens.add(t.getBytes(StandardCharsets.UTF_8));
    }
    long budget = (long) (Double.parseDouble(System.getProperty("sluice.fuzz.seconds", "3")) * 1e9);
    Random rnd = new Random(seed);
    long execs = 0;
    long t0 = System.nanoTime();
    for (byte[] s : new ArrayList<>(corpus)) {
      execs += exec(test, method, s, target);
    }
    while (System.nanoTime() - t0 < budget) {
      byte[] input = corpus.get(rnd.nextInt(corpus.size())).clone();
      int rounds = 1 + rnd.nextInt(6);
      for (int r = 0; r < rounds; r++) {
        input = mutate(rnd, input, corpus, tokens);
      }
      execs += exec(test, method, input, target);
      if (rnd.nextInt(16) == 0 && corpus.size() < 512) {
        corpus.add(input); // keep some mutants as parents: cheap depth without coverage
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%s.%s: %d executions in %.1f s (seeded mutation, seed %d)%n",
        test.getSimpleName(),
        method,
        execs,
        (System.nanoTime() - t0) / 1e9,
        seed);
    return execs;
  }

  private static long exec(Class<?> test, String method, byte[] input, Consumer<byte[]> target) {
    try {
      target.accept(input);
      return 1;
    } catch (RuntimeException | AssertionError | StackOverflowError e) {
      Path out = Path.of("target", "fuzz-failures", test.getSimpleName() + "-" + method);
      try {
        Files.createDirectories(out);
        Path file = out.resolve("crash-" + HexFormat.of().formatHex(sha1(input)));
        Files.write(file, input);
        throw new AssertionError("fuzz target failed; input saved to " + file, e);
      } catch (IOException io) {
        throw new UncheckedIOException(io);
      }
    }
  }

  static byte[] mutate(Random r, byte[] in, List<byte[]> corpus, List<byte[]> tokens) {
    int n = in.length;
    switch (r.nextInt(8)) {
      case 0 -> {
        if (n > 0) {
          in[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
        }
        return in;
      }
      case 1 -> {
        if (n > 0) {
          in[r.nextInt(n)] = (byte) r.nextInt(256);
        }
        return in;
      }
      case 2 -> {
        byte[] ins = new byte[1 + r.nextInt(8)];
        r.nextBytes(ins);
        return insert(in, r.nextInt(n + 1), ins);
      }
      case 3 -> {
        if (n == 0) {
          return in;
        }
        int at = r.nextInt(n);
        int len = Math.min(n - at, 1 + r.nextInt(16));
        byte[] out = new byte[n - len];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(in, at + len, out, at, n - at - len);
        return out;
      }
      case 4 -> {
        if (n == 0) {
          return in;
        }
        int at = r.nextInt(n);
        int len = Math.min(n - at, 1 + r.nextInt(64));
        byte[] chunk = new byte[len];
        System.arraycopy(in, at, chunk, 0, len);
        return insert(in, r.nextInt(n + 1), chunk);
      }
      case 5 -> {
        byte[] other = corpus.get(r.nextInt(corpus.size()));
        int cut = n == 0 ? 0 : r.nextInt(n + 1);
        int from = other.length == 0 ? 0 : r.nextInt(other.length + 1);
        byte[] out = new byte[cut + other.length - from];
        System.arraycopy(in, 0, out, 0, cut);
        System.arraycopy(other, from, out, cut, other.length - from);
        return out;
      }
      case 6 -> {
        if (tokens.isEmpty()) {
          return in;
        }
        return insert(in, r.nextInt(n + 1), tokens.get(r.nextInt(tokens.size())));
      }
      default -> {
        return n == 0 ? in : java.util.Arrays.copyOf(in, r.nextInt(n));
      }
    }
  }

  private static byte[] insert(byte[] in, int at, byte[] ins) {
    if (in.length + ins.length > 1 << 20) {
      return in;
    }
    byte[] out = new byte[in.length + ins.length];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(ins, 0, out, at, ins.length);
    System.arraycopy(in, at, out, at + ins.length, in.length - at);
    return out;
  }

  /** The Jazzer seed corpus: {@code <package>/<TestClass>Inputs/<method>/} on the classpath. */
  static List<byte[]> seeds(Class<?> test, String method) {
    URL dir = test.getResource(test.getSimpleName() + "Inputs/" + method);
    List<byte[]> out = new ArrayList<>();
    if (dir == null) {
      return out;
    }
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      for (Path f : files.sorted().toList()) {
        out.add(Files.readAllBytes(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static byte[] sha1(byte[] b) {
    try {
      return java.security.MessageDigest.getInstance("SHA-1").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

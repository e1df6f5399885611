package dev.sluice.localaws;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adobe S3Mock 4.12.4 run as a child JVM from its exec jar, for tests and the local demo mode. The
 * real AWS SDK {@code S3Client} talks to {@link #endpoint()} with {@code forcePathStyle(true)},
 * region us-east-1 and any static credentials.
 *
 * <p>Jar lookup, first existing file wins: system property {@code sluice.s3mock.jar}, environment
 * variable {@code SLUICE_S3MOCK_JAR}, {@code
 * ~/.m2/repository/com/adobe/testing/s3mock/4.12.4/s3mock-4.12.4-exec.jar}.
 *
 * <p>The child runs with the current JVM's {@code java}, {@code -Xmx384m}, C1 only and the serial
 * GC (startup took 3-7 s on a shared two-core machine), plain HTTP on a free port and HTTPS on an
 * ephemeral port. Its output goes to {@code s3mock.log} in the root directory, never to this
 * process's stdout. Its objects live in {@code <root>/store}: S3Mock stores bytes unencrypted even
 * for SSE-KMS, so keep real data out. S3Mock's plain-HTTP connector has no bind-address option and
 * listens on all interfaces; {@link #endpoint()} always names 127.0.0.1.
 *
 * <p>SSE-KMS: S3Mock accepts only keys listed in {@link Options.Builder#validKmsKeys} (full ARNs);
 * requests must name the bare key id. An unlisted id gets HTTP 400 {@code KMS.NotFoundException}.
 *
 * <p>Ownership: the caller must {@link #close()} the server. A JVM shutdown hook also stops the
 * child on normal JVM exit; a JVM killed with SIGKILL leaks it. Thread-safe: accessors are
 * immutable and {@code close()} is idempotent and synchronized.
 */
public final class S3MockServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(S3MockServer.class);

  /** System property naming the exec jar. */
  public static final String JAR_PROPERTY = "sluice.s3mock.jar";

  /** Environment variable naming the exec jar. */
  public static final String JAR_ENV = "SLUICE_S3MOCK_JAR";

  static final String S3MOCK_VERSION = "4.12.4";
  private static final Duration POLL = Duration.ofMillis(200);
  private static final int START_ATTEMPTS = 3;
  private static final String LOG_FILE = "s3mock.log";

  /**
   * Small heap; C1 only and the serial GC because S3Mock is short-lived and the build machines have
   * two cores (see S3MockStartupBenchmark in the tests and docs/BENCHMARKS.md).
   */
  static final List<String> DEFAULT_JVM_ARGS =
      List.of(
          "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true");

  private final Process process;
  private final URI endpoint;
  private final Path root;
  private final Path storeDirectory;
  private final boolean deleteRoot;
  private final boolean retain;
  private final Duration startupTime;
  private final Thread shutdownHook;
  private boolean closed;

  private S3MockServer(
      Process process,
      int port,
      Path root,
      boolean deleteRoot,
      boolean retain,
      Duration startupTime) {
    this.process = process;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
    this.root = root;
    this.storeDirectory = root.resolve("store");
    this.deleteRoot = deleteRoot;
    this.retain = retain;
    this.startupTime = startupTime;
    this.shutdownHook = new Thread(this::stopFromHook, "s3mock-shutdown-" + process.pid());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts S3Mock and waits until it answers {@code GET /} with 200.
   *
   * @throws IllegalStateException if the jar is not found (naming the three places tried), or the
   *     process dies or is not ready within the startup timeout (with the tail of its log)
   * @throws UncheckedIOException if the root directory cannot be created
   */
  public static S3MockServer start(Options options) {
    Objects.requireNonNull(options, "options");
    Path jar = locateJar();
    Path java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
    boolean tempRoot = options.storeRoot == null;
    Path root;
    try {
      root =
          tempRoot
              ? Files.createTempDirectory("sluice-s3mock-")
              : Files.createDirectories(options.storeRoot);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the S3Mock root directory", e);
    }
    boolean deleteRoot = tempRoot && !options.retainFiles;
    IllegalStateException failure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = freePort();
      long started = System.nanoTime();
      Process process = null;
      try {
        process = launch(java, jar, port, root, options);
        awaitReady(process, port, root.resolve(LOG_FILE), options.startupTimeout);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        LOG.info(
            "S3Mock ready on http://127.0.0.1:{} (pid {}) after {} ms, store {}",
            port,
            process.pid(),
            took.toMillis(),
            root.resolve("store"));
        return new S3MockServer(process, port, root, deleteRoot, options.retainFiles, took);
      } catch (IllegalStateException e) {
        if (process != null) {
          destroy(process);
        }
        failure = e;
        String message = e.getMessage();
        boolean portTaken = message != null && message.contains("already in use");
        if (!portTaken) {
          break;
        }
        LOG.warn("S3Mock port {} was taken, retrying with another port", port);
      }
    }
    if (deleteRoot) {
      deleteRecursively(root);
    }
    throw failure;
  }

  /** The plain-HTTP base URI, e.g. {@code http://127.0.0.1:40123}. */
  public URI endpoint() {
    return endpoint;
  }

  /** The child process id. */
  public long pid() {
    return process.pid();
  }

  /** Where S3Mock keeps buckets and objects ({@code <root>/store}). */
  public Path storeDirectory() {
    return storeDirectory;
  }

  /** The child's combined stdout and stderr. */
  public Path logFile() {
    return root.resolve(LOG_FILE);
  }

  /** Time from launching the child to its first 200 answer. */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * Stops the child (SIGTERM, up to 10 s, then forcibly) and deletes files unless retained: a
   * temporary root is deleted whole; of a caller-supplied root only {@code store} is deleted and
   * the log kept. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or will run; stopping twice is harmless
    }
    destroy(process);
    deleteFiles();
  }

  private synchronized void stopFromHook() {
    if (!closed) {
      closed = true;
      destroy(process);
      deleteFiles();
    }
  }

  private void deleteFiles() {
    if (retain) {
      return;
    }
    deleteRecursively(deleteRoot ? root : storeDirectory);
  }

  // ---------------------------------------------------------------- launching

  static Path locateJar() {
    return locateJar(
        System.getProperty(JAR_PROPERTY),
        System.getenv(JAR_ENV),
        Path.of(System.getProperty("user.home")));
  }

  static Path locateJar(String property, String env, Path userHome) {
    List<String> tried = new ArrayList<>();
    tried.add("system property " + JAR_PROPERTY + "=" + (property == null ? "(unset)" : property));
    if (property != null && !property.isBlank() && Files.isRegularFile(Path.of(property))) {
      return Path.of(property);
    }
    tried.add("environment variable " + JAR_ENV + "=" + (env == null ? "(unset)" : env));
    if (env != null && !env.isBlank() && Files.isRegularFile(Path.of(env))) {
      return Path.of(env);
    }
    Path m2 =
        userHome.resolve(
            Path.of(
                ".m2",
                "repository",
                "com",
                "adobe",
                "testing",
                "s3mock",
                S3MOCK_VERSION,
                "s3mock-" + S3MOCK_VERSION + "-exec.jar"));
    tried.add("Maven repository " + m2);
    if (Files.isRegularFile(m2)) {
      return m2;
    }
    throw new IllegalStateException("S3Mock exec jar not found; tried " + String.join("; ", tried));
  }

  private static Process launch(Path java, Path jar, int port, Path root, Options options) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(options.jvmArgs);
    command.add("-jar");
    command.add(jar.toString());
    command.add("--com.adobe.testing.s3mock.httpPort=" + port);
    command.add("--server.port=0");
    command.add("--server.address=127.0.0.1");
    command.add("--spring.main.banner-mode=off");
    command.add("--com.adobe.testing.s3mock.region=" + options.region);
    command.add("--com.adobe.testing.s3mock.store.region=" + options.region);
    command.add("--com.adobe.testing.s3mock.store.root=" + root.resolve("store"));
    // this class decides what to delete; S3Mock must not remove the store behind its back
    command.add("--com.adobe.testing.s3mock.store.retainFilesOnExit=true");
    if (!options.initialBuckets.isEmpty()) {
      command.add(
          "--com.adobe.testing.s3mock.store.initialBuckets="
              + String.join(",", options.initialBuckets));
    }
    if (!options.validKmsKeys.isEmpty()) {
      command.add(
          "--com.adobe.testing.s3mock.store.validKmsKeys="
              + String.join(",", options.validKmsKeys));
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("COM_ADOBE_TESTING_S3MOCK"));
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve(LOG_FILE).toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot launch " + java + " -jar " + jar, e);
    }
  }

  private static void awaitReady(Process process, int port, Path log, Duration timeout) {
    URI probe = URI.create("http://127.0.0.1:" + port + "/");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "S3Mock exited with code "
                + process.exitValue()
                + " before it was ready; log "
                + log
                + " ends with:\n"
                + tail(log));
      }
      if (answers200(probe)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "S3Mock not ready after "
                + timeout.toSeconds()
                + " s; log "
                + log
                + " ends with:\n"
                + tail(log));
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for S3Mock", e);
      }
    }
  }

  private static boolean answers200(URI uri) {
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout(1000);
      connection.setReadTimeout(5000);
      return connection.getResponseCode() == 200;
    } catch (IOException e) {
      return false;
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  private static void destroy(Process process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        LOG.warn("S3Mock pid {} ignored SIGTERM for 10 s; killing it", process.pid());
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port", e);
    }
  }

  /** The last 30 lines (at most 8 KiB) of the log. */
  static String tail(Path log) {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long length = file.length();
      int size = (int) Math.min(length, 8192);
      byte[] buffer = new byte[size];
      file.seek(length - size);
      file.readFully(buffer);
      String[] lines = new String(buffer, StandardCharsets.UTF_8).split("\n");
      int from = Math.max(0, lines.length - 30);
      return String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
    } catch (IOException e) {
      return "(log not readable: " + e.getMessage() + ")";
    }
  }

  static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", path, e.toString());
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("win");
  }

  /**
   * How to start S3Mock. Immutable; build with {@link #builder()}. Defaults: no buckets, no KMS
   * keys, region us-east-1, a fresh temporary root deleted on close, 90 s startup timeout.
   */
  public static final class Options {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern KMS_KEY_ARN =
        Pattern.compile("arn:aws:kms:[a-z]{2}(-[a-z]+)+-\\d{1,2}:\\d{12}:key/[A-Za-z0-9-]{1,64}");

    final List<String> initialBuckets;
    final List<String> validKmsKeys;
    final Path storeRoot;
    final boolean retainFiles;
    final String region;
    final Duration startupTimeout;
    final List<String> jvmArgs;

    private Options(Builder b) {
      this.jvmArgs = List.copyOf(b.jvmArgs);
      this.initialBuckets = List.copyOf(b.initialBuckets);
      this.validKmsKeys = List.copyOf(b.validKmsKeys);
      this.storeRoot = b.storeRoot;
      this.retainFiles = b.retainFiles;
      this.region = b.region;
      this.startupTimeout = b.startupTimeout;
    }

    public static Builder builder() {
      return new Builder();
    }

    public List<String> initialBuckets() {
      return initialBuckets;
    }

    public List<String> validKmsKeys() {
      return validKmsKeys;
    }

    /** Builder for {@link Options}; every setter validates its argument. Not thread-safe. */
    public static final class Builder {
      private final Set<String> initialBuckets = new LinkedHashSet<>();
      private final Set<String> validKmsKeys = new LinkedHashSet<>();
      private Path storeRoot;
      private boolean retainFiles;
      private String region = "us-east-1";
      private Duration startupTimeout = Duration.ofSeconds(90);
      private List<String> jvmArgs = DEFAULT_JVM_ARGS;

      private Builder() {}

      /** Child JVM options; package-private for the startup benchmark's baseline. */
      Builder jvmArgs(List<String> value) {
        this.jvmArgs = List.copyOf(value);
        return this;
      }

      /**
       * Buckets to create at startup (S3 naming: 3-63 of lowercase letters, digits, dots and
       * hyphens, starting and ending with a letter or digit).
       */
      public Builder initialBuckets(List<String> names) {
        for (String name : Objects.requireNonNull(names, "initialBuckets")) {
          if (name == null || !BUCKET.matcher(name).matches()) {
            throw new IllegalArgumentException("initialBuckets: not a valid bucket name: " + name);
          }
          initialBuckets.add(name);
        }
        return this;
      }

      /**
       * KMS keys S3Mock accepts for SSE-KMS, as full ARNs {@code arn:aws:kms:<r>:<acct>:key/<id>}.
       */
      public Builder validKmsKeys(List<String> keyArns) {
        for (String arn : Objects.requireNonNull(keyArns, "validKmsKeys")) {
          if (arn == null || !KMS_KEY_ARN.matcher(arn).matches()) {
            throw new IllegalArgumentException(
                "validKmsKeys: not a KMS key ARN arn:aws:kms:<region>:<account>:key/<id>: " + arn);
          }
          validKmsKeys.add(arn);
        }
        return this;
      }

      /** A root directory to use (created if missing) instead of a fresh temporary one. */
      public Builder storeRoot(Path value) {
        this.storeRoot = Objects.requireNonNull(value, "storeRoot");
        return this;
      }

      /** Keep the stored objects (and a temporary root) after close. */
      public Builder retainFiles(boolean value) {
        this.retainFiles = value;
        return this;
      }

      /** The Region S3Mock reports for buckets; default us-east-1. */
      public Builder region(String value) {
        if (value == null || !KmsKeySpecs.REGION.matcher(value).matches()) {
          throw new IllegalArgumentException("region must look like us-east-1, got: " + value);
        }
        this.region = value;
        return this;
      }

      /** How long to wait for the first 200 answer; 5 s to 10 min, default 90 s. */
      public Builder startupTimeout(Duration value) {
        Objects.requireNonNull(value, "startupTimeout");
        if (value.compareTo(Duration.ofSeconds(5)) < 0
            || value.compareTo(Duration.ofMinutes(10)) > 0) {
          throw new IllegalArgumentException("startupTimeout must be 5 s to 10 min, got " + value);
        }
        this.startupTimeout = value;
        return this;
      }

      public Options build() {
        return new Options(this);
      }
    }
  }
}

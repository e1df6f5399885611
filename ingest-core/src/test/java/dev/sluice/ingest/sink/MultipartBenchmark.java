package dev.sluice.ingest.sink;

import dev.sluice.ingest.aws.AwsClients;
import dev.sluice.ingest.aws.AwsSettings;
import dev.sluice.localaws.LocalAws;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Throughput of {@link CuratedWriter} for one large object on S3Mock: multipart (8 MiB parts, each
 * with its own SHA-256) against a baseline single PutObject of the same spooled file, in the same
 * run, alternating. Verification (HeadObject) is off so only the upload is timed. Args: {@code
 * [sizeMiB=100] [rounds=3]}.
 */
public final class MultipartBenchmark {
  private MultipartBenchmark() {}

  public static void main(String[] args) throws Exception {
    int mib = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String keyId = "5ca1ab1e-0000-4000-8000-0000000be4c1";
    Path dir = Files.createTempDirectory("sluice-mp-bench");
    try (LocalAws aws =
        LocalAws.start(
            LocalAws.Config.builder().bucket("bench").kmsKey("alias/bench", keyId).build())) {
      AwsSettings s =
          AwsSettings.local(aws.region(), aws.s3Endpoint(), aws.kmsEndpoint(), aws.macieEndpoint());
      try (S3Client s3 = AwsClients.s3(s);
          KmsClient kms = AwsClients.kms(s)) {
        ResolvedKey key = KmsPreflight.check(kms, keyId, aws.region(), true);
        Path file = dir.resolve("body.bin");
        byte[] block = new byte[1024 * 1024];
        Random rnd = new Random(42);
        try (OutputStream out = Files.newOutputStream(file)) {
          for (int i = 0; i < mib; i++) {
            rnd.nextBytes(block);
            out.write(block);
          }
        }
        long size = Files.size(file);
        CuratedWriter single = writer(s3, Long.MAX_VALUE, dir);
        CuratedWriter multi = writer(s3, CuratedWriter.DEFAULT_PART_SIZE, dir);
        // warm-up
        single.put("bench", "warm", file, "application/octet-stream", key, Map.of(), Map.of());
        multi.put("bench", "warm", file, "application/octet-stream", key, Map.of(), Map.of());
        List<Double> base = new ArrayList<>();
        List<Double> mp = new ArrayList<>();
        int parts = 0;
        for (int r = 0; r < rounds; r++) {
          long t = System.nanoTime();
          single.put("bench", "single", file, "application/octet-stream", key, Map.of(), Map.of());
          base.add(mbPerS(size, System.nanoTime() - t));
          t = System.nanoTime();
          parts =
              multi
                  .put("bench", "multi", file, "application/octet-stream", key, Map.of(), Map.of())
                  .parts();
          mp.add(mbPerS(size, System.nanoTime() - t));
        }
        double b = median(base);
        double m = median(mp);
        System.out.printf(
            Locale.ROOT,
            "object=%d MiB rounds=%d cores=%d%n"
                + "baseline single PutObject     MB/s=%s median=%.1f%n"
                + "multipart (%d x 8 MiB parts)  MB/s=%s median=%.1f%n"
                + "ratio multipart/baseline = %.2f%n",
            mib,
            rounds,
            Runtime.getRuntime().availableProcessors(),
            fmt(base),
            b,
            parts,
            fmt(mp),
            m,
            m / b);
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  static CuratedWriter writer(S3Client s3, long threshold, Path dir) {
    return new CuratedWriter(
        s3,
        new CuratedWriter.Options(true, false, threshold, CuratedWriter.DEFAULT_PART_SIZE, dir));
  }

  static double mbPerS(long bytes, long nanos) {
    return bytes / 1e6 / (nanos / 1e9);
  }

  static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.sort(null);
    return s.get(s.size() / 2);
  }

  static String fmt(List<Double> v) {
    return v.stream().map(d -> String.format(Locale.ROOT, "%.1f", d)).toList().toString();
  }
}

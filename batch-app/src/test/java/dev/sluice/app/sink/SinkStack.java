package dev.sluice.app.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.app.cli.SluiceCli;
import dev.sluice.ingest.aws.AwsClients;
import dev.sluice.ingest.aws.AwsSettings;
import dev.sluice.localaws.LocalAws;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One S3Mock + KMS emulator shared by the sink ITs of this package (started once per test JVM,
 * closed at JVM exit), with a raw, a curated and a quarantine bucket and two customer keys. Each
 * test uses its own raw prefix, run ids and data directory. Test support.
 */
final class SinkStack {
  static final String RAW = "sink-raw";
  static final String CURATED = "sink-curated";
  static final String QUARANTINE = "sink-quarantine";
  static final String KEY_ID = "5ca1ab1e-0000-4000-8000-00000000c0de";
  static final String Q_KEY_ID = "5ca1ab1e-0000-4000-8000-00000000bad0";
  static final String DATE = "2026-02-01";
  static final ObjectMapper JSON = new ObjectMapper();

  private static SinkStack shared;

  final LocalAws aws;
  final S3Client s3;

  private SinkStack() {
    aws =
        LocalAws.start(
            LocalAws.Config.builder()
                .bucket(RAW)
                .bucket(CURATED)
                .bucket(QUARANTINE)
                .kmsKey("alias/sink-curated", KEY_ID)
                .kmsKey("alias/sink-quarantine", Q_KEY_ID)
                .build());
    s3 =
        AwsClients.s3(
            AwsSettings.local(
                aws.region(), aws.s3Endpoint(), aws.kmsEndpoint(), aws.macieEndpoint()));
  }

  static synchronized SinkStack shared() {
    if (shared == null) {
      SinkStack s = new SinkStack();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    s.s3.close();
                    s.aws.close();
                  }));
      shared = s;
    }
    return shared;
  }

  void put(String key, byte[] bytes) {
    s3.putObject(r -> r.bucket(RAW).key(key), RequestBody.fromBytes(bytes));
  }

  byte[] get(String bucket, String key) {
    return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
  }

  List<String> keys(String bucket, String prefix) {
    return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  JsonNode json(String bucket, String key) throws IOException {
    return JSON.readTree(get(bucket, key));
  }

  List<JsonNode> records(String key) throws IOException {
    byte[] gz = get(CURATED, key);
    String text =
        new String(
            new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(),
            StandardCharsets.UTF_8);
    List<JsonNode> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  static String runPrefix(String dataset, String runId) {
    return dataset + "/classification=internal/ingest_date=" + DATE + "/run=" + runId + "/";
  }

  /** Flags pointing the CLI at the emulators with one default dataset. */
  List<String> flags(Path dataDir, Path outDir, String dataset, String bucket, String keyId) {
    List<String> f = new ArrayList<>();
    f.add("--sluice.aws.region=" + aws.region());
    f.add("--sluice.aws.s3-endpoint=" + aws.s3Endpoint());
    f.add("--sluice.aws.kms-endpoint=" + aws.kmsEndpoint());
    f.add("--sluice.aws.macie-endpoint=" + aws.macieEndpoint());
    f.add("--sluice.aws.path-style=true");
    f.add("--sluice.aws.access-key=it");
    f.add("--sluice.aws.secret-key=it");
    f.add("--sluice.dataset.name=" + dataset);
    f.add("--sluice.dataset.bucket=" + bucket);
    f.add("--sluice.dataset.kms-key-id=" + keyId);
    f.add("--sluice.data-dir=" + dataDir);
    f.add("--sluice.output-dir=" + outDir);
    return f;
  }

  /** The arguments of {@code ingest} over {@code s3://RAW/<prefix>}. */
  List<String> ingest(String prefix, String runId, List<String> flags, String... extra) {
    List<String> a = new ArrayList<>(List.of("ingest", "s3://" + RAW + "/" + prefix));
    a.addAll(List.of("--run-id", runId, "--date", DATE));
    a.addAll(List.of(extra));
    a.addAll(flags);
    return a;
  }

  record Run(int code, String out, String err) {}

  static Run cli(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new SluiceCli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args.toArray(String[]::new));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Connection h2(Path dataDir) throws Exception {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + dataDir.resolve("sluice") + ";AUTO_SERVER=TRUE", "sa", "");
  }

  static String luhnComplete(String partial) {
    for (int d = 0; d <= 9; d++) {
      String c = partial + d;
      if (dev.sluice.classifiers.validate.Luhn.isValid(c)) {
        return c;
      }
    }
    throw new IllegalStateException();
  }
}

package dev.sluice.app.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.app.cli.SluiceCli;
import dev.sluice.ingest.aws.AwsClients;
import dev.sluice.ingest.aws.AwsSettings;
import dev.sluice.localaws.FaultProxy;
import dev.sluice.localaws.LocalAws;
import dev.sluice.sampledata.formats.DocumentWriters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The emulators behind one {@link FaultProxy} each, a seeded mixed corpus with Macie findings and
 * discovery results about it, the CLI flags that point Sluice at the proxies, and a snapshot of
 * what a run left behind (lineage, curated records, manifest) to compare runs. Test support for the
 * chaos, kill-loop and soak tests.
 */
final class ChaosStack implements AutoCloseable {
  /** The fingerprint key of every run started with these flags (tests compare their lineage). */
  static final String COMPARED_RUNS_FINGERPRINT_KEY = "test-only-fingerprint-key-for-compared-runs";

  static final String RAW = "chaos-raw";
  static final String CURATED = "chaos-curated";
  static final String RESULTS = "chaos-macie";
  static final String KEY_ID = "c4a05000-0000-4000-8000-0000000000c1";
  static final String DATE = "2026-03-01";
  static final String DATASET = "chaos-kb";
  static final String DISCOVERY_PREFIX =
      "AWSLogs/111122223333/Macie/us-east-1/8df4fca1eccfdae45d8b936a21f1882d/";
  static final ObjectMapper JSON = new ObjectMapper();
  static final String EMAIL = "rowan.tell@example-corp.test";
  static final String CARD = luhnComplete("455673758689985");

  final LocalAws aws;
  final FaultProxy s3Proxy;
  final FaultProxy kmsProxy;
  final FaultProxy macieProxy;

  /** Straight to S3Mock, never faulted: for setup and inspection. */
  final S3Client s3;

  /** Documents per chunk (transaction) in the runs' flags. */
  int chunkSize = 10;

  /** Partitions processed in parallel in the runs' flags. */
  int threads = 2;

  private static ChaosStack shared;

  /**
   * One stack for the chaos ITs of a test JVM (one S3Mock start instead of three), closed at JVM
   * exit. Each test uses its own raw prefix, run ids and data directories, and sets the proxies'
   * rates, {@link #chunkSize} and {@link #threads} it needs.
   */
  static synchronized ChaosStack shared() {
    if (shared == null) {
      ChaosStack s = new ChaosStack(19);
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
      shared = s;
    }
    shared.faults(0);
    return shared;
  }

  ChaosStack(long seed) {
    aws =
        LocalAws.start(
            LocalAws.Config.builder()
                .bucket(RAW)
                .bucket(CURATED)
                .bucket(RESULTS)
                .kmsKey("alias/chaos", KEY_ID)
                .build());
    s3Proxy = FaultProxy.start(FaultProxy.Service.S3, aws.s3Endpoint(), seed);
    kmsProxy = FaultProxy.start(FaultProxy.Service.KMS, aws.kmsEndpoint(), seed + 1);
    macieProxy = FaultProxy.start(FaultProxy.Service.MACIE, aws.macieEndpoint(), seed + 2);
    s3 =
        AwsClients.s3(
            AwsSettings.local(
                aws.region(), aws.s3Endpoint(), aws.kmsEndpoint(), aws.macieEndpoint()));
  }

  List<FaultProxy> proxies() {
    return List.of(s3Proxy, kmsProxy, macieProxy);
  }

  /** Every proxy: {@code rate} of requests faulted with any kind, every request in scope. */
  void faults(double rate) {
    for (FaultProxy p : proxies()) {
      p.setFaults(EnumSet.allOf(FaultProxy.Fault.class));
      p.setScope(r -> true);
      p.setRate(rate);
    }
  }

  String summary() {
    StringBuilder sb = new StringBuilder();
    for (FaultProxy p : proxies()) {
      sb.append("  ").append(p.summary()).append('\n');
    }
    return sb.toString();
  }

  @Override
  public void close() {
    s3.close();
    for (FaultProxy p : proxies()) {
      p.close();
    }
    aws.close();
  }

  // ---- corpus ---------------------------------------------------------------------------------

  /**
   * Puts {@code docs} seeded documents under {@code prefix}: text, HTML, Markdown, DOCX, PDF and
   * CSV; about one in seven carries an e-mail address (redacted), one in thirteen a card number
   * (rejected), one in 29 is a corrupt PDF (unscannable), one in 23 has a Macie NAME finding; every
   * document has a COMPLETE Macie discovery result, in four files. Returns source URI to size.
   */
  Map<String, Long> seed(String prefix, int docs, long seed) throws IOException {
    Random rnd = new Random(seed);
    Map<String, Long> sizes = new TreeMap<>();
    List<StringBuilder> results = List.of(sb(), sb(), sb(), sb());
    for (int i = 0; i < docs; i++) {
      List<String> paras = new ArrayList<>();
      int n = 1 + rnd.nextInt(6);
      for (int p = 0; p < n; p++) {
        paras.add(
            "Release "
                + i
                + "."
                + p
                + ": the agent restarts "
                + (1 + rnd.nextInt(9))
                + " times faster and the index "
                + WORDS[rnd.nextInt(WORDS.length)]
                + " "
                + WORDS[rnd.nextInt(WORDS.length)]
                + ".");
      }
      if (i % 13 == 0) {
        paras.add("Card " + CARD + " on file.");
      } else if (i % 7 == 0) {
        paras.add("Contact " + EMAIL + " for access.");
      }
      if (i % 17 == 3) {
        // a larger document, so cuts land mid-body
        StringBuilder big = new StringBuilder();
        for (int k = 0; k < 3000; k++) {
          big.append("Line ").append(k).append(" of the long changelog for build ").append(i);
          big.append(".\n");
        }
        paras.add(big.toString());
      }
      String name;
      byte[] body;
      if (i % 29 == 5) {
        name = "broken-" + i + ".pdf";
        body = DocumentWriters.corruptPdf("Broken " + i, paras, 0.4);
      } else {
        switch (i % 6) {
          case 0 -> {
            name = "note-" + i + ".txt";
            body = DocumentWriters.txt(String.join("\n", paras));
          }
          case 1 -> {
            name = "page-" + i + ".html";
            body = DocumentWriters.html("Page " + i, paras);
          }
          case 2 -> {
            name = "readme-" + i + ".md";
            body = DocumentWriters.markdown("Readme " + i, paras);
          }
          case 3 -> {
            name = "guide-" + i + ".docx";
            body = DocumentWriters.docx("Guide " + i, paras);
          }
          case 4 -> {
            name = "release-" + i + ".pdf";
            body = DocumentWriters.pdf("Release " + i, paras);
          }
          default -> {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("item", "note"));
            for (String p : paras) {
              rows.add(List.of("row-" + rows.size(), p.replace('\n', ' ')));
            }
            name = "table-" + i + ".csv";
            body = DocumentWriters.csv(rows);
          }
        }
      }
      String key = prefix + "d" + (i % 5) + "/" + name;
      s3.putObject(r -> r.bucket(RAW).key(key), RequestBody.fromBytes(body));
      String eTag = md5(body); // S3Mock's ETag for a simple PUT, as on S3
      ObjectNode result =
          finding(
              String.format(Locale.ROOT, "%08x%024x", prefix.hashCode(), 0xd0000L + i),
              key,
              eTag,
              body);
      if (i % 23 == 11) {
        ObjectNode f =
            finding(
                String.format(Locale.ROOT, "%08x%024x", prefix.hashCode(), 0xf0000L + i),
                key,
                eTag,
                body);
        addName(f);
        addName(result);
        aws.macie().addFinding(f.toString());
      }
      results.get(i % 4).append(result).append('\n');
      sizes.put("s3://" + RAW + "/" + key, (long) body.length);
    }
    for (int f = 0; f < results.size(); f++) {
      byte[] gz = gzip(results.get(f).toString().getBytes(StandardCharsets.UTF_8));
      String key = DISCOVERY_PREFIX + "111122223333/" + prefix.replace('/', '-') + f + ".jsonl.gz";
      s3.putObject(
          r ->
              r.bucket(RESULTS)
                  .key(key)
                  .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                  .ssekmsKeyId(KEY_ID),
          RequestBody.fromBytes(gz));
    }
    return sizes;
  }

  private static final String[] WORDS = {
    "rebuilds", "compacts", "shards", "warms", "caches", "merges", "flushes", "splits"
  };

  private static StringBuilder sb() {
    return new StringBuilder();
  }

  ObjectNode finding(String id, String key, String eTag, byte[] body) throws IOException {
    ObjectNode f;
    try (var in = ChaosStack.class.getResourceAsStream("/macie/finding-template.json")) {
      f = (ObjectNode) JSON.readTree(in);
    }
    f.put("id", id);
    ObjectNode bucket = (ObjectNode) f.path("resourcesAffected").path("s3Bucket");
    bucket.put("name", RAW).put("arn", "arn:aws:s3:::" + RAW);
    ObjectNode o = (ObjectNode) f.path("resourcesAffected").path("s3Object");
    o.put("bucketArn", "arn:aws:s3:::" + RAW);
    o.put("key", key).put("path", RAW + "/" + key).put("eTag", eTag).put("size", body.length);
    ObjectNode result = (ObjectNode) f.path("classificationDetails").path("result");
    result.putArray("sensitiveData");
    result.putObject("customDataIdentifiers").put("totalCount", 0).putArray("detections");
    return f;
  }

  static void addName(ObjectNode finding) {
    ArrayNode sd =
        (ArrayNode) finding.path("classificationDetails").path("result").path("sensitiveData");
    ObjectNode d =
        sd.addObject()
            .put("category", "PERSONAL_INFORMATION")
            .put("totalCount", 1)
            .putArray("detections")
            .addObject();
    d.put("type", "NAME").put("count", 1);
    d.putObject("occurrences")
        .putArray("lineRanges")
        .addObject()
        .put("start", 1)
        .put("end", 1)
        .put("startColumn", 1);
  }

  // ---- runs -----------------------------------------------------------------------------------

  /** Flags pointing the CLI at the proxies (not the emulators), Macie required. */
  List<String> flags(Path dataDir, Path outDir) {
    List<String> f = new ArrayList<>();
    // one fingerprint key for every run a test compares: lineage ids and fingerprints are keyed
    f.add("--sluice.fingerprint-key=" + COMPARED_RUNS_FINGERPRINT_KEY);
    f.add("--sluice.aws.region=" + aws.region());
    f.add("--sluice.aws.s3-endpoint=" + s3Proxy.endpoint());
    f.add("--sluice.aws.kms-endpoint=" + kmsProxy.endpoint());
    f.add("--sluice.aws.macie-endpoint=" + macieProxy.endpoint());
    f.add("--sluice.aws.path-style=true");
    f.add("--sluice.aws.access-key=chaos");
    f.add("--sluice.aws.secret-key=chaos");
    f.add("--sluice.dataset.name=" + DATASET);
    f.add("--sluice.dataset.bucket=" + CURATED);
    f.add("--sluice.dataset.kms-key-id=" + KEY_ID);
    f.add("--sluice.data-dir=" + dataDir);
    f.add("--sluice.output-dir=" + outDir);
    f.add("--sluice.macie.discovery-results=s3://" + RESULTS + "/AWSLogs/");
    // not lowered: S3Mock 4.12 drops SSE-KMS on a completed multipart upload, which the sink's
    // verification rightly refuses; multipart under faults is covered at the wire by FaultProxyTest
    f.add("--sluice.job.threads=" + threads);
    f.add("--sluice.job.chunk-size=" + chunkSize);
    return f;
  }

  List<String> ingest(String prefix, String runId, Path dataDir, Path outDir, String... extra) {
    List<String> a = new ArrayList<>(List.of("ingest", "s3://" + RAW + "/" + prefix));
    a.addAll(List.of("--run-id", runId, "--date", DATE, "--macie", "required"));
    a.addAll(List.of(extra));
    a.addAll(flags(dataDir, outDir));
    return a;
  }

  record Run(int code, String out, String err, long millis) {}

  static Run cli(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    int code =
        new SluiceCli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args.toArray(String[]::new));
    return new Run(
        code,
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8),
        (System.nanoTime() - t0) / 1_000_000);
  }

  static String runPrefix(String runId) {
    return DATASET + "/classification=internal/ingest_date=" + DATE + "/run=" + runId + "/";
  }

  List<String> keys(String bucket, String prefix) {
    return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  /**
   * What a run left behind, without what names the run: per source its lineage (decision, reasons,
   * findings, evidence, hashes) and its curated records; plus the published objects and how many
   * times each source was written.
   */
  record Snapshot(
      Map<String, String> lineage,
      Map<String, List<String>> records,
      Map<String, Integer> writes,
      List<String> unlisted,
      boolean published) {
    Map<String, String> decisions() {
      Map<String, String> out = new TreeMap<>();
      lineage.forEach((k, v) -> out.put(k, v.substring(0, v.indexOf('|'))));
      return out;
    }
  }

  Snapshot snapshot(String runId, Path dataDir) throws Exception {
    return snapshot(runId, dataDir, List.of());
  }

  /** As {@link #snapshot(String, Path)}, reading lineage from {@code --spring.datasource.url}. */
  Snapshot snapshot(String runId, Path dataDir, List<String> extra) throws Exception {
    String jdbc = null;
    for (String a : extra) {
      if (a.startsWith("--spring.datasource.url=")) {
        jdbc = a.substring("--spring.datasource.url=".length());
      }
    }
    Map<String, String> lineage = new TreeMap<>();
    try (Connection c = jdbc == null ? h2(dataDir) : DriverManager.getConnection(jdbc);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT source_uri, decision, reasons, unscannable, finding_counts,"
                    + " redaction_counts, macie_finding_ids, stale_macie_finding_ids, evidence,"
                    + " sha256, size_bytes, extractor, etag, dataset, mode"
                    + " FROM sluice_lineage WHERE run_id = ?")) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        int cols = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int i = 2; i <= cols; i++) {
            row.append(rs.getString(i)).append('|');
          }
          if (lineage.put(rs.getString(1), row.toString()) != null) {
            throw new AssertionError("two lineage rows for one source in run " + runId);
          }
        }
      }
    }
    String prefix = runPrefix(runId);
    List<String> present = keys(CURATED, prefix);
    boolean published = present.contains(prefix + "_manifest.json");
    List<String> listed = new ArrayList<>();
    if (published) {
      JsonNode manifest = JSON.readTree(get(CURATED, prefix + "_manifest.json"));
      listed.addAll(manifest.path("objects").findValuesAsText("key"));
    }
    List<String> unlisted = new ArrayList<>(present);
    unlisted.remove(prefix + "_manifest.json");
    unlisted.removeAll(listed);
    Map<String, List<String>> records = new TreeMap<>();
    Map<String, Integer> writes = new TreeMap<>();
    for (String key : present) {
      if (!key.endsWith(".jsonl.gz")) {
        continue;
      }
      for (JsonNode r : records(key)) {
        String uri = r.path("source").path("uri").asText();
        writes.merge(uri, 1, Integer::sum);
        ObjectNode norm = ((ObjectNode) r).deepCopy();
        norm.remove("id");
        norm.remove("lineageId");
        ObjectNode meta = (ObjectNode) norm.path("metadata");
        List<String> drop = new ArrayList<>();
        meta.fieldNames()
            .forEachRemaining(
                f -> {
                  if (meta.path(f).asText().contains(runId)) {
                    drop.add(f);
                  }
                });
        meta.remove(drop);
        records.computeIfAbsent(uri, k -> new ArrayList<>()).add(norm.toString());
      }
    }
    records.values().forEach(l -> l.sort(null));
    return new Snapshot(lineage, records, writes, unlisted, published);
  }

  byte[] get(String bucket, String key) {
    return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
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

  static Connection h2(Path dataDir) throws Exception {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + dataDir.resolve("sluice") + ";AUTO_SERVER=TRUE", "sa", "");
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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

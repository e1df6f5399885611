package dev.sluice.ingest.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.ingest.aws.AwsClients;
import dev.sluice.ingest.aws.AwsSettings;
import dev.sluice.ingest.decide.DatasetSpec;
import dev.sluice.ingest.source.LocalSource;
import dev.sluice.ingest.source.Source;
import dev.sluice.ingest.source.SourceItem;
import dev.sluice.localaws.LocalAws;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The curated writer, documents mode and quarantine against S3Mock and the KMS emulator. */
class SinkS3IT {
  static final String CURATED = "curated";
  static final String QUARANTINE = "quarantine";
  static final String KEY_ID = "5ca1ab1e-0000-4000-8000-0000000000d1";
  static final String Q_KEY_ID = "5ca1ab1e-0000-4000-8000-0000000000d2";
  static final long MIB = 1024 * 1024;

  static LocalAws aws;
  static S3Client s3;
  static KmsClient kms;
  static ResolvedKey key;
  static ResolvedKey qKey;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    aws =
        LocalAws.start(
            LocalAws.Config.builder()
                .bucket(CURATED)
                .bucket(QUARANTINE)
                .kmsKey("alias/sink-ds", KEY_ID)
                .kmsKey("alias/sink-q", Q_KEY_ID)
                .build());
    AwsSettings settings =
        AwsSettings.local(aws.region(), aws.s3Endpoint(), aws.kmsEndpoint(), aws.macieEndpoint());
    s3 = s3mockClient(settings);
    kms = AwsClients.kms(settings);
    key = KmsPreflight.check(kms, KEY_ID, aws.region(), true);
    qKey = KmsPreflight.check(kms, Q_KEY_ID, aws.region(), true);
  }

  /**
   * An S3 client for S3Mock 4.12.4, which (unlike S3) takes a completed multipart object's SSE
   * headers from the CompleteMultipartUpload request rather than from CreateMultipartUpload (read
   * from its MultipartController/MultipartStore bytecode). The shim repeats the dataset key's
   * headers on Complete so HeadObject verification can run; production code sends them only on
   * Create, as the S3 API defines.
   */
  static S3Client s3mockClient(AwsSettings settings) {
    ExecutionInterceptor completeShim =
        new ExecutionInterceptor() {
          @Override
          public SdkHttpRequest modifyHttpRequest(
              Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            if (context.request() instanceof CompleteMultipartUploadRequest c
                && c.bucket().equals(CURATED)) {
              return context.httpRequest().toBuilder()
                  .putHeader("x-amz-server-side-encryption", "aws:kms")
                  .putHeader("x-amz-server-side-encryption-aws-kms-key-id", KEY_ID)
                  .build();
            }
            return context.httpRequest();
          }
        };
    return S3Client.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("it", "it")))
        .endpointOverride(aws.s3Endpoint())
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(o -> o.addExecutionInterceptor(completeShim))
        .build();
  }

  @AfterAll
  static void stop() {
    if (aws != null) {
      s3.close();
      kms.close();
      aws.close();
    }
  }

  static CuratedWriter writer(S3Client client, long threshold, Path spool) {
    return new CuratedWriter(
        client, new CuratedWriter.Options(true, true, threshold, 5 * MIB, spool));
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static String sha(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  static byte[] get(String bucket, String key) {
    return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
  }

  @Test
  void largeObjectsGoMultipartUnderTheDatasetKeyAndReadBackIdentical() throws Exception {
    Path spool = tmp.resolve("spool-mp");
    byte[] body = random((int) (12 * MIB + 123), 1);
    CuratedWriter.Stored stored =
        writer(s3, MIB, spool)
            .put(
                CURATED,
                "mp/big.bin",
                out -> out.write(body),
                "application/octet-stream",
                key,
                Map.of("dataset", "ds", "run", "r1"),
                Map.of("sluice-run", "r1"));

    assertThat(stored.parts()).isEqualTo(3); // 5 + 5 + 2 MiB
    assertThat(stored.bytes()).isEqualTo(body.length);
    assertThat(stored.sha256()).isEqualTo(sha(body));
    assertThat(get(CURATED, "mp/big.bin")).isEqualTo(body);
    HeadObjectResponse head = s3.headObject(r -> r.bucket(CURATED).key("mp/big.bin"));
    assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(key.matches(head.ssekmsKeyId())).as(head.ssekmsKeyId()).isTrue();
    assertThat(head.metadata()).containsEntry("sluice-run", "r1");
    assertThat(Files.list(spool)).as("spool file deleted").isEmpty();
    assertThat(s3.listMultipartUploads(r -> r.bucket(CURATED)).uploads()).isEmpty();
  }

  @Test
  void smallObjectsUseOnePutAndSpoolFilesAreOwnerOnly() throws Exception {
    Path spool = tmp.resolve("spool-small");
    CuratedWriter w = writer(s3, MIB, spool);
    AtomicReference<Set<PosixFilePermission>> perms = new AtomicReference<>();
    CuratedWriter.Stored stored =
        w.put(
            CURATED,
            "small/a.txt",
            out -> {
              try (var files = Files.list(spool)) {
                perms.set(Files.getPosixFilePermissions(files.findFirst().orElseThrow()));
              }
              out.write("hello".getBytes(StandardCharsets.UTF_8));
            },
            "text/plain",
            key,
            Map.of("dataset", "ds"),
            Map.of());
    assertThat(stored.parts()).isZero();
    assertThat(perms.get())
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(new String(get(CURATED, "small/a.txt"), StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(Files.list(spool)).isEmpty();
  }

  @Test
  void aFailedMultipartUploadIsAbortedAndLeavesNoObject() {
    S3Client failing = failOn("completeMultipartUpload");
    byte[] body = random((int) (6 * MIB), 2);
    assertThatThrownBy(
            () ->
                writer(failing, MIB, tmp.resolve("spool-fail"))
                    .put(
                        CURATED,
                        "mp/broken.bin",
                        body,
                        "application/octet-stream",
                        key,
                        Map.of("dataset", "ds"),
                        Map.of()))
        .isInstanceOf(SinkException.class)
        .hasMessageStartingWith(
            "multipart upload s3://curated/mp/broken.bin failed and was aborted");
    assertThatThrownBy(() -> s3.headObject(r -> r.bucket(CURATED).key("mp/broken.bin")))
        .isInstanceOf(S3Exception.class);
    assertThat(s3.listMultipartUploads(r -> r.bucket(CURATED)).uploads())
        .noneMatch(u -> u.key().equals("mp/broken.bin"));
  }

  /** A client that delegates to {@link #s3} but fails {@code method} like a dropped connection. */
  static S3Client failOn(String method) {
    return (S3Client)
        Proxy.newProxyInstance(
            S3Client.class.getClassLoader(),
            new Class<?>[] {S3Client.class},
            (proxy, m, args) -> {
              if (m.getName().equals(method)) {
                throw SdkClientException.create("connection reset (test)");
              }
              try {
                return m.invoke(s3, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  DatasetSink documentsSink(Source source, String run) {
    DatasetSpec ds = new DatasetSpec("kb", List.of(), CURATED, "kb", KEY_ID, "internal");
    return new DatasetSink(
        writer(s3, MIB, tmp.resolve("spool-docs")),
        PartitionLayout.of(PartitionLayout.DEFAULT_TEMPLATE),
        Map.of("kb", ds),
        Map.of("kb", key),
        run,
        LocalDate.of(2026, 1, 15),
        source,
        OutputMode.DOCUMENTS,
        Map.of());
  }

  static DatasetRecord record(SourceItem item, String text, String mediaType, String decision) {
    return new DatasetRecord(
        "id-" + item.key(),
        "kb",
        "internal",
        text,
        item.uri(),
        item.eTag(),
        "",
        "lin-" + item.key(),
        Map.of("mediaType", mediaType, "decision", decision));
  }

  @Test
  void documentsModeWritesOriginalBytesAndRedactedTextEachWithAKnowledgeBaseSidecar()
      throws Exception {
    Path root = Files.createDirectories(tmp.resolve("docs-src"));
    byte[] pdf = random(200_000, 3);
    Files.createDirectories(root.resolve("public"));
    Files.write(root.resolve("public/guide.pdf"), pdf);
    Files.writeString(root.resolve("public/ticket.docx"), "binary-ish original with a secret");
    Source source = LocalSource.of(root);
    Map<String, SourceItem> items = new java.util.HashMap<>();
    source.list("").forEach(i -> items.put(i.key(), i));
    SourceItem guide = items.get("public/guide.pdf");
    SourceItem ticket = items.get("public/ticket.docx");

    DatasetSink sink = documentsSink(source, "d1");
    DocumentsWritten written =
        sink.writeDocuments(
            List.of(
                // verbatim: every byte was scanned, so the original may be written (ADR 0006)
                new ApprovedDocument(
                    guide,
                    "kb",
                    "APPROVE",
                    "lin-guide",
                    sha(pdf),
                    List.of(record(guide, "Guide text", "application/pdf", "APPROVE")),
                    true),
                new ApprovedDocument(
                    ticket,
                    "kb",
                    "REDACT",
                    "lin-ticket",
                    "ignored-for-redacted",
                    List.of(
                        record(ticket, "Customer [EMAIL_ADDRESS] cannot log in", "x", "REDACT")))));
    assertThat(written.refused()).isEmpty();
    List<WrittenPart> parts = written.parts();

    String prefix = "kb/classification=internal/ingest_date=2026-01-15/run=d1/";
    assertThat(parts)
        .extracting(WrittenPart::key)
        .containsExactly(
            prefix + "doc-lin-guide.pdf",
            prefix + "doc-lin-guide.pdf.metadata.json",
            prefix + "doc-lin-ticket.txt",
            prefix + "doc-lin-ticket.txt.metadata.json");
    // issue 15: curated keys are keyed ids, never the source name
    assertThat(parts)
        .extracting(WrittenPart::key)
        .noneMatch(k -> k.contains("public/") || k.contains("ticket.docx"));
    assertThat(get(CURATED, prefix + "doc-lin-guide.pdf")).isEqualTo(pdf);
    assertThat(parts.get(0).sha256()).isEqualTo(sha(pdf));
    assertThat(new String(get(CURATED, prefix + "doc-lin-ticket.txt"), StandardCharsets.UTF_8))
        .isEqualTo("Customer [EMAIL_ADDRESS] cannot log in")
        .doesNotContain("secret");
    for (WrittenPart p : parts) {
      HeadObjectResponse head = s3.headObject(r -> r.bucket(CURATED).key(p.key()));
      assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
      assertThat(key.matches(head.ssekmsKeyId())).isTrue();
    }
    JsonNode side =
        new ObjectMapper().readTree(get(CURATED, prefix + "doc-lin-guide.pdf.metadata.json"));
    JsonNode attrs = side.path("metadataAttributes");
    assertThat(side.size()).isEqualTo(1);
    assertThat(attrs.path("dataset").asText()).isEqualTo("kb");
    assertThat(attrs.path("classification").asText()).isEqualTo("internal");
    assertThat(attrs.path("sourceUri").asText()).isEqualTo(guide.uri());
    assertThat(attrs.path("lineageId").asText()).isEqualTo("lin-guide");
    assertThat(attrs.path("decision").asText()).isEqualTo("APPROVE");
    attrs.fields().forEachRemaining(e -> assertThat(e.getValue().isValueNode()).isTrue());

    // the manifest lists documents and sidecars; nothing else remains under the prefix
    Publisher.Published pub =
        new Publisher(s3, writer(s3, MIB, tmp.resolve("spool-docs")))
            .publish(
                new DatasetSpec("kb", List.of(), CURATED, "kb", KEY_ID, "internal"),
                key,
                "d1",
                prefix,
                prefix + "_manifest.json",
                parts);
    assertThat(pub.parts()).isEqualTo(4);
    JsonNode manifest = new ObjectMapper().readTree(get(CURATED, prefix + "_manifest.json"));
    assertThat(manifest.path("objects").findValuesAsText("key"))
        .containsExactlyInAnyOrderElementsOf(parts.stream().map(WrittenPart::key).toList());
  }

  @Test
  void documentsModeRefusesASourceThatChangedSinceItWasScanned() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("docs-changed"));
    Files.writeString(root.resolve("a.txt"), "scanned text");
    Source source = LocalSource.of(root);
    SourceItem item = source.list("").findFirst().orElseThrow();
    String scanned = sha("scanned text".getBytes(StandardCharsets.UTF_8));
    Files.writeString(root.resolve("a.txt"), "swapped text with a secret");
    SourceItem gone = new SourceItem("file:/gone.txt", root.toString(), "gone.txt", "", "e", 3);
    DatasetSink sink = documentsSink(source, "d2");
    DocumentsWritten written =
        sink.writeDocuments(
            List.of(
                new ApprovedDocument(
                    item,
                    "kb",
                    "APPROVE",
                    "lin-a",
                    scanned,
                    List.of(record(item, "scanned text", "text/plain", "APPROVE")),
                    true),
                new ApprovedDocument(
                    gone,
                    "kb",
                    "APPROVE",
                    "lin-gone",
                    scanned,
                    List.of(record(gone, "scanned text", "text/plain", "APPROVE")),
                    true)));
    assertThat(written.parts()).isEmpty();
    assertThat(written.refused())
        .containsOnlyKeys("lin-a", "lin-gone")
        .hasEntrySatisfying("lin-a", m -> assertThat(m).contains("changed since it was scanned"))
        .hasEntrySatisfying("lin-gone", m -> assertThat(m).startsWith("cannot re-open the source"));
    assertThat(String.join(" ", written.refused().values())).doesNotContain("gone.txt");
    assertThat(String.join(" ", written.refused().values())).doesNotContain("secret");
    assertThat(
            s3.listObjectsV2(
                    r ->
                        r.bucket(CURATED)
                            .prefix("kb/classification=internal/ingest_date=2026-01-15/run=d2/"))
                .contents())
        .isEmpty();
  }

  @Test
  void aSidecarOverTenKilobytesIsRefused() {
    String longKey = "deep/" + "x".repeat(11_000) + ".txt";
    SourceItem item = new SourceItem("s3://raw/" + longKey, "raw", longKey, "", "e", 1);
    DatasetSink sink = documentsSink(LocalSource.of(tmp), "d3");
    DatasetSpec ds = new DatasetSpec("kb", List.of(), CURATED, "kb", KEY_ID, "internal");
    assertThatThrownBy(
            () ->
                sink.sidecar(
                    ds,
                    new ApprovedDocument(
                        item,
                        "kb",
                        "APPROVE",
                        "lin",
                        "abc",
                        List.of(record(item, "t", "text/plain", "APPROVE")))))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("Bedrock Knowledge Bases accept at most 10240");
  }

  @Test
  void quarantineCopiesTheSourceUnderTheQuarantineKeyWithPayloadFreeReasons() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("q-src"));
    Files.createDirectories(root.resolve("finance"));
    byte[] original = "card 4556737586899855 in a broken file".getBytes(StandardCharsets.UTF_8);
    Files.write(root.resolve("finance/broken.pdf"), original);
    Source source = LocalSource.of(root);
    SourceItem item = source.list("").findFirst().orElseThrow();
    QuarantineSink q =
        new QuarantineSink(
            writer(s3, MIB, tmp.resolve("spool-q")), source, QUARANTINE, qKey, "q1", 1_000_000);
    Map<String, String> uris =
        q.write(
            List.of(
                new HeldDocument(
                    item,
                    "QUARANTINE",
                    "lin-b",
                    List.of("unscannable->QUARANTINE (PARSE_ERROR)"))));
    assertThat(uris).containsExactly(Map.entry("lin-b", "s3://quarantine/q1/doc-lin-b.pdf"));
    assertThat(get(QUARANTINE, "q1/doc-lin-b.pdf")).isEqualTo(original);
    for (String k : List.of("q1/doc-lin-b.pdf", "q1/doc-lin-b.pdf.reasons.json")) {
      HeadObjectResponse head = s3.headObject(r -> r.bucket(QUARANTINE).key(k));
      assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
      assertThat(qKey.matches(head.ssekmsKeyId())).isTrue();
      assertThat(key.matches(head.ssekmsKeyId())).isFalse();
    }
    String reasons =
        new String(get(QUARANTINE, "q1/doc-lin-b.pdf.reasons.json"), StandardCharsets.UTF_8);
    assertThat(reasons).contains("PARSE_ERROR").contains("QUARANTINE").doesNotContain("4556");
    assertThat(s3.listObjectsV2(r -> r.bucket(CURATED).prefix("q1/")).contents())
        .extracting(S3Object::key)
        .isEmpty();
    assertThatThrownBy(() -> get(CURATED, "q1/doc-lin-b.pdf"))
        .isInstanceOf(NoSuchKeyException.class);
  }

  @Test
  void quarantineRecordsASourceItCannotCopyInsteadOfFailing() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("q-gone"));
    Source source = LocalSource.of(root);
    SourceItem gone = new SourceItem("file:/x/gone.pdf", root.toString(), "x/gone.pdf", "", "e", 9);
    SourceItem huge =
        new SourceItem("file:/x/huge.pdf", root.toString(), "x/huge.pdf", "", "e", 99);
    QuarantineSink q =
        new QuarantineSink(
            writer(s3, MIB, tmp.resolve("spool-q2")), source, QUARANTINE, qKey, "q2", 50);
    Map<String, String> uris =
        q.write(
            List.of(
                new HeldDocument(gone, "QUARANTINE", "lin-g", List.of("r")),
                new HeldDocument(huge, "QUARANTINE", "lin-h", List.of("r"))));
    assertThat(uris)
        .containsEntry("lin-g", "s3://quarantine/q2/doc-lin-g.pdf.reasons.json")
        .containsEntry("lin-h", "s3://quarantine/q2/doc-lin-h.pdf.reasons.json");
    assertThat(s3.listObjectsV2(r -> r.bucket(QUARANTINE).prefix("q2/")).contents())
        .extracting(S3Object::key)
        .containsExactlyInAnyOrder(
            "q2/doc-lin-g.pdf.reasons.json", "q2/doc-lin-h.pdf.reasons.json");
    JsonNode g = new ObjectMapper().readTree(get(QUARANTINE, "q2/doc-lin-g.pdf.reasons.json"));
    assertThat(g.path("copied").asBoolean(true)).isFalse();
    assertThat(g.path("notCopiedBecause").asText()).startsWith("cannot re-open the source");
    JsonNode h = new ObjectMapper().readTree(get(QUARANTINE, "q2/doc-lin-h.pdf.reasons.json"));
    assertThat(h.path("notCopiedBecause").asText())
        .isEqualTo("larger than the copy limit of 50 bytes");
  }
}

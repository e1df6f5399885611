package dev.sluice.ingest.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Issue 15, channel 8: a spool file holds nothing readable if the process dies mid-upload. */
class SpoolEncryptionTest {
  static final byte[] SECRET =
      ("PK raw docx body SSN 536-22-8142 " + "x".repeat(8192)).getBytes(StandardCharsets.UTF_8);
  @TempDir Path tmp;

  @Test
  void spoolFilesAreCiphertextAndReadBackExactly() throws Exception {
    Path f = tmp.resolve("a.spool");
    byte[] iv = SpoolCipher.newIv();
    try (OutputStream out = SpoolCipher.writer(f, iv)) {
      out.write(SECRET);
    }
    byte[] raw = Files.readAllBytes(f);
    assertThat(raw).hasSameSizeAs(SECRET);
    assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain("536-22-8142");
    try (InputStream in = SpoolCipher.reader(f, iv)) {
      assertThat(in.readAllBytes()).isEqualTo(SECRET);
    }
    try (InputStream in = SpoolCipher.reader(f, SpoolCipher.newIv())) {
      assertThat(in.readAllBytes()).isNotEqualTo(SECRET);
    }
  }

  @Test
  void whatTheWriterSpoolsWhileABodyIsWrittenIsOwnerOnlyCiphertext() throws Exception {
    Path spoolDir = tmp.resolve("spool");
    // nothing listens on port 9: the upload fails after the spool was written
    S3Client s3 =
        S3Client.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .endpointOverride(java.net.URI.create("http://127.0.0.1:9"))
            .forcePathStyle(true)
            .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
            .build();
    CuratedWriter w =
        new CuratedWriter(
            s3,
            new CuratedWriter.Options(true, false, 64L * 1024 * 1024, 8L * 1024 * 1024, spoolDir));
    AtomicReference<byte[]> onDisk = new AtomicReference<>();
    AtomicReference<String> perms = new AtomicReference<>();
    assertThatThrownBy(
            () ->
                w.put(
                    "curated",
                    "kb/doc-1.docx",
                    out -> {
                      out.write(SECRET);
                      out.flush();
                      try (Stream<Path> files = Files.list(spoolDir)) {
                        Path spool = files.findFirst().orElseThrow();
                        onDisk.set(Files.readAllBytes(spool));
                        perms.set(
                            PosixFilePermissions.toString(Files.getPosixFilePermissions(spool)));
                      }
                    },
                    "application/octet-stream",
                    new ResolvedKey("k", "k", "arn:aws:kms:us-east-1:111122223333:key/k"),
                    Map.of("dataset", "kb"),
                    Map.of()))
        .isInstanceOf(RuntimeException.class);
    assertThat(onDisk.get()).isNotEmpty();
    assertThat(new String(onDisk.get(), StandardCharsets.ISO_8859_1))
        .doesNotContain("536-22-8142")
        .doesNotContain("raw docx");
    assertThat(perms.get()).isEqualTo("rw-------");
    try (Stream<Path> left = Files.list(spoolDir)) {
      assertThat(left.toList()).isEqualTo(List.of());
    }
    s3.close();
  }
}

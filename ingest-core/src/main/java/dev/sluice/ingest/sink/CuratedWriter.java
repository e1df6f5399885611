package dev.sluice.ingest.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The only way Sluice writes to a curated (or quarantine) location: every PutObject and every
 * CreateMultipartUpload carries SSE-KMS with the given key, an encryption context, the bucket-key
 * setting and a SHA-256 checksum, and the stored object is confirmed with HeadObject. There is
 * deliberately no method that writes without a key.
 *
 * <p>Objects at or above {@link Options#multipartThreshold()} are uploaded in parts of {@link
 * Options#partSize()}; a failed multipart upload is aborted, so no half-written object remains.
 * Streams of unknown length are spooled, AES-CTR encrypted under a per-process key held only in
 * memory ({@link SpoolCipher}), to an owner-only temporary file that is deleted after the upload,
 * so large objects are never held in memory (at most one part buffer per upload).
 *
 * <p>Thread-safe: the S3 client is thread-safe and the writer holds no mutable state.
 */
public final class CuratedWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Default multipart threshold: 64 MiB. */
  public static final long DEFAULT_MULTIPART_THRESHOLD = 64L * 1024 * 1024;

  /** Default part size: 8 MiB, the SDK's own minimum for its multipart client. */
  public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;

  /** S3's smallest part (all parts but the last): 5 MiB. */
  public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

  /** S3's largest part: 5 GiB (also the largest single PUT). */
  public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

  /** S3's part count limit. */
  public static final int MAX_PARTS = 10_000;

  /**
   * Writer settings.
   *
   * @param bucketKeyEnabled S3 Bucket Key setting sent with every object
   * @param verifyEachObject HeadObject after each write to confirm aws:kms and the key
   * @param multipartThreshold objects of at least this many bytes use multipart upload (>= 1)
   * @param partSize multipart part size, between 5 MiB and 5 GiB
   * @param spoolDir directory for temporary spool files; created if missing
   */
  public record Options(
      boolean bucketKeyEnabled,
      boolean verifyEachObject,
      long multipartThreshold,
      long partSize,
      Path spoolDir) {
    public Options {
      if (multipartThreshold < 1) {
        throw new IllegalArgumentException(
            "multipartThreshold must be >= 1: " + multipartThreshold);
      }
      if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
        throw new IllegalArgumentException(
            "partSize must be between 5 MiB and 5 GiB (S3 limits): " + partSize);
      }
      Objects.requireNonNull(spoolDir, "spoolDir");
    }

    /** Defaults: 64 MiB threshold, 8 MiB parts, the system temp directory. */
    public static Options defaults(boolean bucketKeyEnabled, boolean verifyEachObject) {
      return new Options(
          bucketKeyEnabled,
          verifyEachObject,
          DEFAULT_MULTIPART_THRESHOLD,
          DEFAULT_PART_SIZE,
          Path.of(System.getProperty("java.io.tmpdir")));
    }
  }

  /**
   * What was stored.
   *
   * @param sha256 hex SHA-256 of the object bytes
   * @param bytes object size
   * @param parts number of multipart parts, 0 for a single PutObject
   */
  public record Stored(String sha256, long bytes, int parts) {}

  private final S3Client s3;
  private final Options options;

  /**
   * @param s3 shared client, not closed here
   * @param bucketKeyEnabled S3 Bucket Key setting sent with every object
   * @param verifyEachObject HeadObject after each put to confirm aws:kms and the key
   */
  public CuratedWriter(S3Client s3, boolean bucketKeyEnabled, boolean verifyEachObject) {
    this(s3, Options.defaults(bucketKeyEnabled, verifyEachObject));
  }

  /**
   * @param s3 shared client, not closed here
   * @param options writer settings
   */
  public CuratedWriter(S3Client s3, Options options) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.options = Objects.requireNonNull(options, "options");
  }

  public Options options() {
    return options;
  }

  /**
   * Writes {@code bytes} to {@code bucket/objectKey} under {@code key}'s SSE-KMS (multipart when at
   * or above the threshold).
   *
   * @return hex SHA-256 of the bytes
   * @throws SinkException if S3 refuses or the stored object is not encrypted as demanded
   */
  public String put(
      String bucket,
      String objectKey,
      byte[] bytes,
      String contentType,
      ResolvedKey key,
      Map<String, String> encryptionContext,
      Map<String, String> metadata) {
    byte[] digest = sha256(bytes);
    Target t = new Target(bucket, objectKey, contentType, key, encryptionContext, metadata);
    if (bytes.length >= options.multipartThreshold()) {
      try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
        multipart(t, in, bytes.length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      single(t, RequestBody.fromBytes(bytes), digest);
    }
    if (options.verifyEachObject()) {
      verify(bucket, objectKey, key);
    }
    return HexFormat.of().formatHex(digest);
  }

  /**
   * Writes the contents of {@code file} (which the caller owns and deletes) to {@code
   * bucket/objectKey}, streaming it; multipart when at or above the threshold.
   *
   * @throws SinkException if S3 refuses or the stored object is not encrypted as demanded
   */
  public Stored put(
      String bucket,
      String objectKey,
      Path file,
      String contentType,
      ResolvedKey key,
      Map<String, String> encryptionContext,
      Map<String, String> metadata) {
    Target t = new Target(bucket, objectKey, contentType, key, encryptionContext, metadata);
    long size;
    byte[] digest;
    try {
      size = Files.size(file);
      MessageDigest sha = sha256();
      try (InputStream in = Files.newInputStream(file);
          OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
        in.transferTo(out);
      }
      digest = sha.digest();
    } catch (IOException e) {
      throw new SinkException(
          "cannot read spool file for s3://" + bucket + "/" + objectKey + ": " + e.getMessage(), e);
    }
    int parts = 0;
    if (size >= options.multipartThreshold()) {
      try (InputStream in = Files.newInputStream(file)) {
        parts = multipart(t, in, size);
      } catch (IOException e) {
        throw new SinkException(
            "cannot read spool file for s3://" + bucket + "/" + objectKey + ": " + e.getMessage(),
            e);
      }
    } else {
      single(t, RequestBody.fromFile(file), digest);
    }
    if (options.verifyEachObject()) {
      verify(bucket, objectKey, key);
    }
    return new Stored(HexFormat.of().formatHex(digest), size, parts);
  }

  /** Produces the bytes of an object into a stream the writer owns. */
  @FunctionalInterface
  public interface Body {
    /** Writes the whole body to {@code out}; must not close it. */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Spools {@code body} to an owner-only temporary file, writes it like {@link #put(String, String,
   * Path, String, ResolvedKey, Map, Map)}, and deletes the file whatever happens.
   *
   * @throws SinkException if S3 refuses or the stored object is not encrypted as demanded
   * @throws UncheckedIOException if {@code body} fails (e.g. the source cannot be read)
   */
  public Stored put(
      String bucket,
      String objectKey,
      Body body,
      String contentType,
      ResolvedKey key,
      Map<String, String> encryptionContext,
      Map<String, String> metadata) {
    Path spool = spoolFile();
    byte[] iv = SpoolCipher.newIv();
    try {
      try (OutputStream out = SpoolCipher.writer(spool, iv)) {
        body.writeTo(out);
      }
      return putSpooled(
          new Target(bucket, objectKey, contentType, key, encryptionContext, metadata), spool, iv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        Files.deleteIfExists(spool);
      } catch (IOException ignored) {
        // best effort; the spool directory lives in the run's working directory
      }
    }
  }

  /** Writes an encrypted spool file (see {@link SpoolCipher}), reading it back decrypted. */
  private Stored putSpooled(Target t, Path spool, byte[] iv) throws IOException {
    long size = Files.size(spool); // CTR: ciphertext and plaintext have the same length
    MessageDigest sha = sha256();
    try (InputStream in = SpoolCipher.reader(spool, iv);
        OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
      in.transferTo(out);
    }
    byte[] digest = sha.digest();
    int parts = 0;
    if (size >= options.multipartThreshold()) {
      try (InputStream in = SpoolCipher.reader(spool, iv)) {
        parts = multipart(t, in, size);
      }
    } else {
      single(
          t,
          RequestBody.fromContentProvider(
              () -> {
                try {
                  return SpoolCipher.reader(spool, iv);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              },
              size,
              t.contentType()),
          digest);
    }
    if (options.verifyEachObject()) {
      verify(t.bucket(), t.objectKey(), t.key());
    }
    return new Stored(HexFormat.of().formatHex(digest), size, parts);
  }

  /** A new empty owner-only (rw-------) file in the spool directory. */
  Path spoolFile() {
    try {
      Files.createDirectories(options.spoolDir());
      FileAttribute<?>[] attrs =
          FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
              ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
              }
              : new FileAttribute<?>[0];
      return Files.createTempFile(options.spoolDir(), "sluice-", ".spool", attrs);
    } catch (IOException e) {
      throw new SinkException(
          "cannot create a spool file in " + options.spoolDir() + ": " + e.getMessage(), e);
    }
  }

  private record Target(
      String bucket,
      String objectKey,
      String contentType,
      ResolvedKey key,
      Map<String, String> encryptionContext,
      Map<String, String> metadata) {
    String uri() {
      return "s3://" + bucket + "/" + objectKey;
    }
  }

  private void single(Target t, RequestBody body, byte[] digest) {
    PutObjectRequest req =
        PutObjectRequest.builder()
            .bucket(t.bucket())
            .key(t.objectKey())
            .contentType(t.contentType())
            .serverSideEncryption(ServerSideEncryption.AWS_KMS)
            .ssekmsKeyId(t.key().sent())
            .ssekmsEncryptionContext(context(t.encryptionContext()))
            .bucketKeyEnabled(options.bucketKeyEnabled())
            .checksumSHA256(Base64.getEncoder().encodeToString(digest))
            .metadata(t.metadata())
            .build();
    try {
      s3.putObject(req, body);
    } catch (SdkException e) {
      throw new SinkException("cannot write " + t.uri() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Uploads {@code size} bytes of {@code in} in parts, each with its own SHA-256; aborts the upload
   * on any failure.
   *
   * @return the number of parts
   */
  private int multipart(Target t, InputStream in, long size) {
    long partSize = Math.max(options.partSize(), ceilDiv(size, MAX_PARTS));
    if (partSize > MAX_PART_SIZE) {
      throw new SinkException(t.uri() + " is too large for a multipart upload: " + size);
    }
    String uploadId;
    try {
      uploadId =
          s3.createMultipartUpload(
                  CreateMultipartUploadRequest.builder()
                      .bucket(t.bucket())
                      .key(t.objectKey())
                      .contentType(t.contentType())
                      .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                      .ssekmsKeyId(t.key().sent())
                      .ssekmsEncryptionContext(context(t.encryptionContext()))
                      .bucketKeyEnabled(options.bucketKeyEnabled())
                      .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                      .metadata(t.metadata())
                      .build())
              .uploadId();
    } catch (SdkException e) {
      throw new SinkException(
          "cannot start multipart upload " + t.uri() + ": " + e.getMessage(), e);
    }
    try {
      List<CompletedPart> done = new ArrayList<>();
      byte[] buf = new byte[(int) Math.min(partSize, size)];
      long remaining = size;
      int n = 1;
      while (remaining > 0) {
        int len = (int) Math.min(buf.length, remaining);
        int read = in.readNBytes(buf, 0, len);
        if (read != len) {
          throw new IOException("source ended early: " + read + " of " + len + " bytes");
        }
        String partSha = Base64.getEncoder().encodeToString(sha256(buf, len));
        int partNumber = n;
        UploadPartResponse r =
            s3.uploadPart(
                b ->
                    b.bucket(t.bucket())
                        .key(t.objectKey())
                        .uploadId(uploadId)
                        .partNumber(partNumber)
                        .contentLength((long) len)
                        .checksumSHA256(partSha),
                RequestBody.fromBytes(len == buf.length ? buf : java.util.Arrays.copyOf(buf, len)));
        done.add(
            CompletedPart.builder()
                .partNumber(partNumber)
                .eTag(r.eTag())
                .checksumSHA256(r.checksumSHA256() != null ? r.checksumSHA256() : partSha)
                .build());
        remaining -= len;
        n++;
      }
      s3.completeMultipartUpload(
          b ->
              b.bucket(t.bucket())
                  .key(t.objectKey())
                  .uploadId(uploadId)
                  .multipartUpload(m -> m.parts(done)));
      return done.size();
    } catch (IOException | RuntimeException e) {
      abort(t, uploadId, e);
      if (e instanceof SinkException se) {
        throw se;
      }
      throw new SinkException(
          "multipart upload " + t.uri() + " failed and was aborted: " + e.getMessage(), e);
    }
  }

  private void abort(Target t, String uploadId, Exception cause) {
    try {
      s3.abortMultipartUpload(b -> b.bucket(t.bucket()).key(t.objectKey()).uploadId(uploadId));
    } catch (SdkException e) {
      cause.addSuppressed(e);
    }
  }

  /** Confirms that the stored object is SSE-KMS under {@code key}. */
  public void verify(String bucket, String objectKey, ResolvedKey key) {
    HeadObjectResponse head;
    try {
      head = s3.headObject(r -> r.bucket(bucket).key(objectKey));
    } catch (SdkException e) {
      throw new SinkException(
          "cannot confirm s3://" + bucket + "/" + objectKey + ": " + e.getMessage(), e);
    }
    if (head.serverSideEncryption() != ServerSideEncryption.AWS_KMS
        || !key.matches(head.ssekmsKeyId())) {
      throw new SinkException(
          "s3://"
              + bucket
              + "/"
              + objectKey
              + " is stored with encryption "
              + head.serverSideEncryptionAsString()
              + " and key "
              + head.ssekmsKeyId()
              + ", expected aws:kms with "
              + key.arn());
    }
  }

  static String context(Map<String, String> ctx) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              JSON.writeValueAsString(new TreeMap<>(ctx)).getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  static byte[] sha256(byte[] bytes) {
    return sha256(bytes, bytes.length);
  }

  static byte[] sha256(byte[] bytes, int len) {
    MessageDigest sha = sha256();
    sha.update(bytes, 0, len);
    return sha.digest();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

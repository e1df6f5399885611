package dev.sluice.ingest.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The only way Sluice writes to a curated location: every PutObject carries SSE-KMS with the
 * dataset's key, an encryption context, the bucket-key setting and a SHA-256 checksum, and is
 * confirmed with HeadObject. There is deliberately no method that writes without a key.
 */
public final class CuratedWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3Client s3;
  private final boolean bucketKeyEnabled;
  private final boolean verifyEachObject;

  /**
   * @param s3 shared client, not closed here
   * @param bucketKeyEnabled S3 Bucket Key setting sent with every object
   * @param verifyEachObject HeadObject after each put to confirm aws:kms and the key
   */
  public CuratedWriter(S3Client s3, boolean bucketKeyEnabled, boolean verifyEachObject) {
    this.s3 = s3;
    this.bucketKeyEnabled = bucketKeyEnabled;
    this.verifyEachObject = verifyEachObject;
  }

  /**
   * Writes {@code bytes} to {@code bucket/key} under {@code key}'s SSE-KMS.
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
    PutObjectRequest req =
        PutObjectRequest.builder()
            .bucket(bucket)
            .key(objectKey)
            .contentType(contentType)
            .serverSideEncryption(ServerSideEncryption.AWS_KMS)
            .ssekmsKeyId(key.configured())
            .ssekmsEncryptionContext(context(encryptionContext))
            .bucketKeyEnabled(bucketKeyEnabled)
            .checksumSHA256(Base64.getEncoder().encodeToString(digest))
            .metadata(metadata)
            .build();
    try {
      s3.putObject(req, RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw new SinkException(
          "cannot write s3://" + bucket + "/" + objectKey + ": " + e.getMessage(), e);
    }
    if (verifyEachObject) {
      verify(bucket, objectKey, key);
    }
    return HexFormat.of().formatHex(digest);
  }

  /** Confirms that the stored object is SSE-KMS under {@code key}. */
  public void verify(String bucket, String objectKey, ResolvedKey key) {
    HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(objectKey));
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

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

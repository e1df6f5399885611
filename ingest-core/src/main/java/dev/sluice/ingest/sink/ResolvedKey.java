package dev.sluice.ingest.sink;

/**
 * A KMS key that passed pre-flight.
 *
 * @param configured the key as configured (id, ARN or alias)
 * @param keyId the bare key id
 * @param arn the key ARN
 */
public record ResolvedKey(String configured, String keyId, String arn) {

  /**
   * The key as sent on PutObject and CreateMultipartUpload: the configured id or ARN, or the key
   * ARN when an alias was configured. An alias can be re-pointed between pre-flight and write, and
   * a bucket policy's {@code s3:x-amz-server-side-encryption-aws-kms-key-id} condition names the
   * key, not an alias (see {@code GrantPolicies}).
   */
  public String sent() {
    return configured.startsWith("alias/") || configured.contains(":alias/") ? arn : configured;
  }

  /** Whether {@code reported} (as S3 returns it on HeadObject) names this key. */
  public boolean matches(String reported) {
    return reported != null
        && (reported.equals(arn) || reported.equals(keyId) || reported.equals(configured));
  }
}

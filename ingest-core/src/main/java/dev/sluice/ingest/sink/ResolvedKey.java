package dev.sluice.ingest.sink;

/**
 * A KMS key that passed pre-flight.
 *
 * @param configured the key as configured (id, ARN or alias); sent on PutObject
 * @param keyId the bare key id
 * @param arn the key ARN
 */
public record ResolvedKey(String configured, String keyId, String arn) {

  /** Whether {@code reported} (as S3 returns it on HeadObject) names this key. */
  public boolean matches(String reported) {
    return reported != null
        && (reported.equals(arn) || reported.equals(keyId) || reported.equals(configured));
  }
}

package dev.sluice.ingest.aws;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach AWS. Production uses the SDK's default credential and region chains; S3-compatible
 * stores and the local emulators only change the endpoints. There is one code path.
 *
 * @param region AWS region, e.g. {@code us-east-1}
 * @param s3Endpoint endpoint override for S3, empty for AWS
 * @param kmsEndpoint endpoint override for KMS, empty for AWS
 * @param macieEndpoint endpoint override for Macie, empty for AWS
 * @param pathStyle whether to use path-style S3 addressing (S3-compatible stores)
 * @param staticAccessKey access key for static credentials, empty for the default chain
 * @param staticSecretKey secret key for static credentials, empty for the default chain
 * @param expectedBucketOwner 12-digit account id sent as {@code x-amz-expected-bucket-owner} on
 *     every S3 call, or empty for none: S3 refuses a call to a bucket another account owns (a
 *     deleted and re-created bucket name, a typo) instead of reading or writing there
 */
public record AwsSettings(
    String region,
    Optional<URI> s3Endpoint,
    Optional<URI> kmsEndpoint,
    Optional<URI> macieEndpoint,
    boolean pathStyle,
    String staticAccessKey,
    String staticSecretKey,
    String expectedBucketOwner) {

  /** Settings without an expected bucket owner. */
  public AwsSettings(
      String region,
      Optional<URI> s3Endpoint,
      Optional<URI> kmsEndpoint,
      Optional<URI> macieEndpoint,
      boolean pathStyle,
      String staticAccessKey,
      String staticSecretKey) {
    this(
        region,
        s3Endpoint,
        kmsEndpoint,
        macieEndpoint,
        pathStyle,
        staticAccessKey,
        staticSecretKey,
        "");
  }

  public AwsSettings {
    Objects.requireNonNull(region, "region");
    if (region.isBlank()) {
      throw new IllegalArgumentException("aws.region must not be blank");
    }
    Objects.requireNonNull(s3Endpoint, "s3Endpoint");
    Objects.requireNonNull(kmsEndpoint, "kmsEndpoint");
    Objects.requireNonNull(macieEndpoint, "macieEndpoint");
    staticAccessKey = staticAccessKey == null ? "" : staticAccessKey;
    staticSecretKey = staticSecretKey == null ? "" : staticSecretKey;
    if (staticAccessKey.isEmpty() != staticSecretKey.isEmpty()) {
      throw new IllegalArgumentException(
          "aws.access-key and aws.secret-key must be set together or not at all");
    }
    expectedBucketOwner = expectedBucketOwner == null ? "" : expectedBucketOwner;
    if (!expectedBucketOwner.isEmpty() && !expectedBucketOwner.matches("\\d{12}")) {
      throw new IllegalArgumentException("aws.expected-bucket-owner must be a 12-digit account id");
    }
  }

  /** A copy that sends {@code account} as the expected owner of every bucket. */
  public AwsSettings withExpectedBucketOwner(String account) {
    return new AwsSettings(
        region,
        s3Endpoint,
        kmsEndpoint,
        macieEndpoint,
        pathStyle,
        staticAccessKey,
        staticSecretKey,
        account);
  }

  /** Settings for real AWS in {@code region}, default credential chain. */
  public static AwsSettings aws(String region) {
    return new AwsSettings(
        region, Optional.empty(), Optional.empty(), Optional.empty(), false, "", "");
  }

  /** Settings for loopback emulators at the given endpoints, with dummy static credentials. */
  public static AwsSettings local(String region, URI s3, URI kms, URI macie) {
    return new AwsSettings(
        region,
        Optional.of(s3),
        Optional.of(kms),
        Optional.ofNullable(macie),
        true,
        "local-access-key",
        "local-secret-key");
  }

  @Override
  public String toString() {
    return "AwsSettings[region="
        + region
        + ", s3Endpoint="
        + s3Endpoint
        + ", kmsEndpoint="
        + kmsEndpoint
        + ", macieEndpoint="
        + macieEndpoint
        + ", pathStyle="
        + pathStyle
        + ", staticCredentials="
        + !staticAccessKey.isEmpty()
        + ", expectedBucketOwner="
        + expectedBucketOwner
        + "]";
  }
}

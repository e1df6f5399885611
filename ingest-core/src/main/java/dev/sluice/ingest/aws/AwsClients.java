package dev.sluice.ingest.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.macie2.Macie2Client;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the AWS SDK clients from {@link AwsSettings}. The same builders serve AWS and the local
 * emulators; only endpoints and credentials differ.
 */
public final class AwsClients {
  private AwsClients() {}

  private static AwsCredentialsProvider credentials(AwsSettings s) {
    return s.staticAccessKey().isEmpty()
        ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(
            AwsBasicCredentials.create(s.staticAccessKey(), s.staticSecretKey()));
  }

  private static ClientOverrideConfiguration overrides() {
    // Standard retry mode: exponential backoff with jitter on throttling and 5xx, 3 attempts.
    return ClientOverrideConfiguration.builder()
        .retryStrategy(RetryMode.STANDARD)
        .apiCallTimeout(Duration.ofMinutes(10))
        .build();
  }

  /**
   * An S3 client. Checksums are sent when an operation requires them or we set them. With an
   * expected bucket owner, every request (raw and curated buckets, listing, reads, writes, heads,
   * deletes, multipart calls) carries {@code x-amz-expected-bucket-owner}.
   */
  public static S3Client s3(AwsSettings s) {
    ClientOverrideConfiguration.Builder o = overrides().toBuilder();
    if (!s.expectedBucketOwner().isEmpty()) {
      o.addExecutionInterceptor(new ExpectedBucketOwner(s.expectedBucketOwner()));
    }
    var b =
        S3Client.builder()
            .region(Region.of(s.region()))
            .credentialsProvider(credentials(s))
            .overrideConfiguration(o.build())
            .forcePathStyle(s.pathStyle())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    s.s3Endpoint().ifPresent(b::endpointOverride);
    return b.build();
  }

  /** A KMS client. */
  public static KmsClient kms(AwsSettings s) {
    var b =
        KmsClient.builder()
            .region(Region.of(s.region()))
            .credentialsProvider(credentials(s))
            .overrideConfiguration(overrides());
    s.kmsEndpoint().ifPresent(b::endpointOverride);
    return b.build();
  }

  /** A Macie client. */
  public static Macie2Client macie(AwsSettings s) {
    var b =
        Macie2Client.builder()
            .region(Region.of(s.region()))
            .credentialsProvider(credentials(s))
            .overrideConfiguration(overrides());
    s.macieEndpoint().ifPresent(b::endpointOverride);
    return b.build();
  }
}

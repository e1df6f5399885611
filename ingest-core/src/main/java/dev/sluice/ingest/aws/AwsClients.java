package dev.sluice.ingest.aws;

import java.time.Duration;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.macie2.Macie2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

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

  /**
   * Attempts per call, first included. The SDK's standard mode allows 3; at 5 % injected faults a
   * call then fails on all three about once in 8,000, which a run of a few thousand calls hits (see
   * docs/reliability.md). Six attempts put that near one in 64 million; the standard mode's
   * jittered backoff (100 ms base, 1 s for throttling, 20 s cap) and its retry-quota circuit
   * breaker keep an outage from being hammered.
   */
  static final int MAX_ATTEMPTS = 6;

  private static ClientOverrideConfiguration overrides(Predicate<SdkRequest> bufferedBody) {
    // Standard retry mode: exponential backoff with jitter on throttling, 5xx and I/O errors.
    return ClientOverrideConfiguration.builder()
        .retryStrategy(
            AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
        .addExecutionInterceptor(new CutBodyInterceptor(bufferedBody))
        .apiCallTimeout(Duration.ofMinutes(10))
        .build();
  }

  /**
   * An S3 client. Checksums are sent when an operation requires them or we set them. With an
   * expected bucket owner, every request (raw and curated buckets, listing, reads, writes, heads,
   * deletes, multipart calls) carries {@code x-amz-expected-bucket-owner}.
   */
  public static S3Client s3(AwsSettings s) {
    ClientOverrideConfiguration.Builder o =
        overrides(r -> !(r instanceof GetObjectRequest)).toBuilder();
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
            .overrideConfiguration(overrides(r -> true));
    s.kmsEndpoint().ifPresent(b::endpointOverride);
    return b.build();
  }

  /** A Macie client. */
  public static Macie2Client macie(AwsSettings s) {
    var b =
        Macie2Client.builder()
            .region(Region.of(s.region()))
            .credentialsProvider(credentials(s))
            .overrideConfiguration(overrides(r -> true));
    s.macieEndpoint().ifPresent(b::endpointOverride);
    return b.build();
  }
}

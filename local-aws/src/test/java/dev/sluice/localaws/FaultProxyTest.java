package dev.sluice.localaws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.localaws.FaultProxy.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.macie2.Macie2Client;
import software.amazon.awssdk.services.macie2.model.Macie2Exception;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The fault proxy in front of real emulators, driven by real SDK clients: each service's error
 * shape reaches the SDK as that service's error, cut bodies surface as I/O errors (never as a short
 * body), and with faults on a share of requests every call path still round-trips once retried. One
 * S3Mock start for the class.
 */
class FaultProxyTest {
  static final String KEY_ID = "5ca1ab1e-0000-4000-8000-00000000f417";
  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  static LocalAws aws;
  static FaultProxy s3Proxy;
  static FaultProxy kmsProxy;
  static FaultProxy macieProxy;

  @BeforeAll
  static void start() {
    aws =
        LocalAws.start(
            LocalAws.Config.builder()
                .bucket("fp-raw")
                .bucket("fp-curated")
                .kmsKey("alias/fp", KEY_ID)
                .build());
    s3Proxy = FaultProxy.start(FaultProxy.Service.S3, aws.s3Endpoint(), 7);
    kmsProxy = FaultProxy.start(FaultProxy.Service.KMS, aws.kmsEndpoint(), 8);
    macieProxy = FaultProxy.start(FaultProxy.Service.MACIE, aws.macieEndpoint(), 9);
  }

  @AfterAll
  static void stop() {
    s3Proxy.close();
    kmsProxy.close();
    macieProxy.close();
    aws.close();
  }

  static void reset(FaultProxy p, double rate, EnumSet<Fault> kinds) {
    p.setRate(rate);
    p.setFaults(kinds);
    p.setScope(r -> true);
  }

  static ClientOverrideConfiguration attempts(int n) {
    return ClientOverrideConfiguration.builder()
        .retryStrategy(
            AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(n)
                .backoffStrategy(BackoffStrategy.retryImmediately())
                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                .circuitBreakerEnabled(false)
                .build())
        .build();
  }

  static S3Client s3(int attempts) {
    return S3Client.builder()
        .endpointOverride(s3Proxy.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(attempts(attempts))
        .build();
  }

  static KmsClient kms(int attempts) {
    return KmsClient.builder()
        .endpointOverride(kmsProxy.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .overrideConfiguration(attempts(attempts))
        .build();
  }

  static Macie2Client macie(int attempts) {
    return Macie2Client.builder()
        .endpointOverride(macieProxy.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .overrideConfiguration(attempts(attempts))
        .build();
  }

  @Test
  void everyS3ErrorIsAnS3ErrorInS3sShapeAndEachAttemptIsCounted() {
    reset(s3Proxy, 1.0, EnumSet.of(Fault.ERROR_500, Fault.UNAVAILABLE_503, Fault.THROTTLE));
    long before = s3Proxy.injected();
    long retriesBefore = s3Proxy.retries();
    try (S3Client s3 = s3(3)) {
      assertThatThrownBy(() -> s3.listObjectsV2(r -> r.bucket("fp-raw")))
          .isInstanceOfSatisfying(
              S3Exception.class,
              e -> {
                assertThat(e.statusCode()).isIn(500, 503);
                assertThat(e.awsErrorDetails().errorCode()).isIn("InternalError", "SlowDown");
              });
      assertThatThrownBy(() -> s3.headObject(r -> r.bucket("fp-raw").key("missing")))
          .isInstanceOf(S3Exception.class);
    } finally {
      reset(s3Proxy, 0, EnumSet.allOf(Fault.class));
    }
    assertThat(s3Proxy.injected() - before).as("3 attempts each").isEqualTo(6);
    assertThat(s3Proxy.retries() - retriesBefore).isEqualTo(4);
  }

  @Test
  void kmsThrottlingAndMacieThrottlingArriveAsThrottlingExceptions() {
    reset(kmsProxy, 1.0, EnumSet.of(Fault.THROTTLE));
    reset(macieProxy, 1.0, EnumSet.of(Fault.THROTTLE));
    try (KmsClient kms = kms(2);
        Macie2Client macie = macie(2)) {
      assertThatThrownBy(() -> kms.describeKey(r -> r.keyId(KEY_ID)))
          .isInstanceOfSatisfying(
              KmsException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                assertThat(e.isThrottlingException()).isTrue();
              });
      assertThatThrownBy(() -> macie.listFindings(r -> {}))
          .isInstanceOfSatisfying(
              Macie2Exception.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(429);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
              });
    } finally {
      reset(kmsProxy, 0, EnumSet.allOf(Fault.class));
      reset(macieProxy, 0, EnumSet.allOf(Fault.class));
    }
    assertThat(kmsProxy.injected(Fault.THROTTLE)).isGreaterThanOrEqualTo(2);
    assertThat(macieProxy.injected(Fault.THROTTLE)).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aGetObjectCutWhileStreamingFailsTheReadInsteadOfEndingShort() throws Exception {
    byte[] body = new byte[200_000];
    new Random(1).nextBytes(body);
    try (S3Client s3 = s3(1)) {
      s3.putObject(r -> r.bucket("fp-raw").key("cut/blob.bin"), RequestBody.fromBytes(body));
      reset(s3Proxy, 1.0, EnumSet.of(Fault.CUT_RESPONSE));
      long before = s3Proxy.injected(Fault.CUT_RESPONSE);
      for (int i = 0; i < 5; i++) {
        int[] read = {0};
        assertThatThrownBy(
                () -> {
                  try (InputStream in = s3.getObject(r -> r.bucket("fp-raw").key("cut/blob.bin"))) {
                    byte[] buf = new byte[8192];
                    int n;
                    while ((n = in.read(buf)) != -1) {
                      read[0] += n;
                    }
                  }
                })
            .as("a cut body must fail, not end early (read %d bytes)", read[0])
            .isInstanceOfAny(IOException.class, SdkClientException.class);
        assertThat(read[0]).isLessThan(body.length);
      }
      assertThat(s3Proxy.injected(Fault.CUT_RESPONSE) - before).isEqualTo(5);
    } finally {
      reset(s3Proxy, 0, EnumSet.allOf(Fault.class));
    }
    // getObjectAsBytes reads the body inside the SDK call: a cut there is retried, whole
    reset(s3Proxy, 0.5, EnumSet.of(Fault.CUT_RESPONSE));
    try (S3Client s3 = s3(10)) {
      for (int i = 0; i < 5; i++) {
        assertThat(s3.getObjectAsBytes(r -> r.bucket("fp-raw").key("cut/blob.bin")).asByteArray())
            .isEqualTo(body);
      }
    } finally {
      reset(s3Proxy, 0, EnumSet.allOf(Fault.class));
    }
  }

  @Test
  void anUploadCutWhileSendingIsRetriedAndStoresTheWholeObject() {
    byte[] body = new byte[300_000];
    new Random(2).nextBytes(body);
    reset(s3Proxy, 1.0, EnumSet.of(Fault.CUT_REQUEST));
    s3Proxy.setScope(r -> r.method().equals("PUT") && r.target().contains("/cut/upload.bin"));
    try (S3Client s3 = s3(4)) {
      // every PUT attempt is cut: the SDK gives up with a client-side I/O error
      assertThatThrownBy(
              () ->
                  s3.putObject(
                      r -> r.bucket("fp-raw").key("cut/upload.bin"), RequestBody.fromBytes(body)))
          .isInstanceOf(SdkClientException.class);
      assertThat(s3Proxy.injected(Fault.CUT_REQUEST)).isGreaterThanOrEqualTo(4);
      s3Proxy.setRate(0);
      assertThat(s3.listObjectsV2(r -> r.bucket("fp-raw").prefix("cut/upload")).contents())
          .as("nothing partial stored")
          .isEmpty();
      // half of the attempts cut: a retry gets it through, whole
      s3Proxy.setRate(0.5);
      s3.putObject(r -> r.bucket("fp-raw").key("cut/upload.bin"), RequestBody.fromBytes(body));
    } finally {
      reset(s3Proxy, 0, EnumSet.allOf(Fault.class));
    }
    try (S3Client s3 = s3(1)) {
      assertThat(s3.getObjectAsBytes(r -> r.bucket("fp-raw").key("cut/upload.bin")).asByteArray())
          .isEqualTo(body);
    }
  }

  @Test
  void atAThirdOfRequestsFaultedEveryCallPathStillRoundTripsWhenRetried() throws Exception {
    for (FaultProxy p : List.of(s3Proxy, kmsProxy, macieProxy)) {
      reset(p, 0.3, EnumSet.allOf(Fault.class));
      // The bare SDK (2.40) does not retry a response cut while it unmarshals an XML body: an
      // UncheckedIOException escapes its retry stage. Sluice's clients add an interceptor for that
      // (ingest-core AwsClients); cut responses are covered by the tests above.
      p.setFaults(EnumSet.complementOf(EnumSet.of(Fault.CUT_RESPONSE)));
    }
    long s3Before = s3Proxy.injected();
    long kmsBefore = kmsProxy.injected();
    long macieBefore = macieProxy.injected();
    try (S3Client s3 = s3(12);
        KmsClient kms = kms(12);
        Macie2Client macie = macie(12)) {
      List<byte[]> bodies = new ArrayList<>();
      Random rnd = new Random(3);
      for (int i = 0; i < 20; i++) {
        byte[] b = new byte[1000 + rnd.nextInt(40_000)];
        rnd.nextBytes(b);
        bodies.add(b);
        String key = "mix/obj-" + i;
        s3.putObject(r -> r.bucket("fp-raw").key(key), RequestBody.fromBytes(b));
      }
      List<String> keys =
          s3
              .listObjectsV2Paginator(r -> r.bucket("fp-raw").prefix("mix/").maxKeys(7))
              .contents()
              .stream()
              .map(S3Object::key)
              .toList();
      assertThat(keys).hasSize(20);
      for (int i = 0; i < 20; i++) {
        String key = "mix/obj-" + i;
        assertThat(s3.headObject(r -> r.bucket("fp-raw").key(key)).contentLength())
            .isEqualTo(bodies.get(i).length);
        assertThat(s3.getObjectAsBytes(r -> r.bucket("fp-raw").key(key)).asByteArray())
            .isEqualTo(bodies.get(i));
      }

      // multipart under SSE-KMS: create, two parts, complete
      String arn = aws.kmsKey("alias/fp").arn();
      byte[] part1 = new byte[5 * 1024 * 1024];
      byte[] part2 = "tail".getBytes(UTF_8);
      Arrays.fill(part1, (byte) 'x');
      String uploadId =
          s3.createMultipartUpload(
                  r ->
                      r.bucket("fp-curated")
                          .key("mp/obj")
                          .serverSideEncryption("aws:kms")
                          .ssekmsKeyId(KEY_ID))
              .uploadId();
      String e1 =
          s3.uploadPart(
                  r -> r.bucket("fp-curated").key("mp/obj").uploadId(uploadId).partNumber(1),
                  RequestBody.fromBytes(part1))
              .eTag();
      String e2 =
          s3.uploadPart(
                  r -> r.bucket("fp-curated").key("mp/obj").uploadId(uploadId).partNumber(2),
                  RequestBody.fromBytes(part2))
              .eTag();
      s3.completeMultipartUpload(
          r ->
              r.bucket("fp-curated")
                  .key("mp/obj")
                  .uploadId(uploadId)
                  .multipartUpload(
                      m ->
                          m.parts(
                              CompletedPart.builder().partNumber(1).eTag(e1).build(),
                              CompletedPart.builder().partNumber(2).eTag(e2).build())));
      var head = s3.headObject(r -> r.bucket("fp-curated").key("mp/obj"));
      assertThat(head.contentLength()).isEqualTo(part1.length + part2.length);

      // KMS: DescribeKey, GenerateDataKey, Decrypt
      for (int i = 0; i < 10; i++) {
        assertThat(kms.describeKey(r -> r.keyId(KEY_ID)).keyMetadata().arn()).isEqualTo(arn);
        GenerateDataKeyResponse dk =
            kms.generateDataKey(r -> r.keyId(KEY_ID).keySpec(DataKeySpec.AES_256));
        assertThat(kms.decrypt(r -> r.ciphertextBlob(dk.ciphertextBlob())).plaintext())
            .isEqualTo(dk.plaintext());
      }

      // Macie: ListFindings and GetFindings
      String id = aws.macie().addFinding(finding());
      for (int i = 0; i < 10; i++) {
        assertThat(macie.listFindings(r -> {}).findingIds()).contains(id);
        assertThat(macie.getFindings(r -> r.findingIds(id)).findings()).hasSize(1);
      }
    } finally {
      for (FaultProxy p : List.of(s3Proxy, kmsProxy, macieProxy)) {
        reset(p, 0, EnumSet.allOf(Fault.class));
      }
    }
    assertThat(s3Proxy.injected() - s3Before).isPositive();
    assertThat(kmsProxy.injected() - kmsBefore).isPositive();
    assertThat(macieProxy.injected() - macieBefore).isPositive();
    System.out.println("fault proxy mix: " + s3Proxy.summary());
    System.out.println("fault proxy mix: " + kmsProxy.summary());
    System.out.println("fault proxy mix: " + macieProxy.summary());
  }

  @Test
  void aRequestOutOfScopeIsNeverFaulted() {
    reset(s3Proxy, 1.0, errors());
    s3Proxy.setScope(r -> r.isWrite() && r.target().startsWith("/fp-curated"));
    long before = s3Proxy.injected();
    try (S3Client s3 = s3(1)) {
      s3.putObject(r -> r.bucket("fp-raw").key("scope/a"), RequestBody.fromString("a"));
      assertThat(s3.getObjectAsBytes(r -> r.bucket("fp-raw").key("scope/a")).asUtf8String())
          .isEqualTo("a");
      assertThatThrownBy(
              () ->
                  s3.putObject(
                      r -> r.bucket("fp-curated").key("scope/a"), RequestBody.fromString("a")))
          .isInstanceOf(S3Exception.class);
    } finally {
      reset(s3Proxy, 0, EnumSet.allOf(Fault.class));
    }
    assertThat(s3Proxy.injected() - before).isEqualTo(1);
  }

  @Test
  void theRateIsCheckedAtTheBoundary() {
    assertThatThrownBy(() -> s3Proxy.setRate(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rate must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> s3Proxy.setFaults(EnumSet.noneOf(Fault.class)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("faults must name at least one kind");
    assertThatThrownBy(() -> FaultProxy.start(FaultProxy.Service.S3, URI.create("https://x:1"), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static EnumSet<Fault> errors() {
    return EnumSet.copyOf(Fault.errors());
  }

  static String finding() {
    return "{\"id\":\"fp0001\",\"archived\":false,\"createdAt\":\"2025-07-01T00:00:00.000Z\","
        + "\"resourcesAffected\":{\"s3Bucket\":{\"name\":\"fp-raw\"}}}";
  }
}

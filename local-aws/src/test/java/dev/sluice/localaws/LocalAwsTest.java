package dev.sluice.localaws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.macie2.Macie2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * S3Mock behaviour and the facade, sharing ONE S3Mock start (about 5 s) for the whole suite. {@link
 * #stop()} checks that close ends the child and removes its temporary files.
 */
class LocalAwsTest {

  static final String CURATED_KEY_ID = "5ca1ab1e-0000-4000-8000-00000000c0de";
  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  static LocalAws aws;
  static S3Client s3;

  @BeforeAll
  static void start() {
    aws =
        LocalAws.start(
            LocalAws.Config.builder()
                .bucket("raw-docs")
                .bucket("curated")
                .kmsKey("alias/sluice-curated", CURATED_KEY_ID)
                .build());
    s3 =
        S3Client.builder()
            .endpointOverride(aws.s3Endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS)
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .build();
  }

  @AfterAll
  static void stop() {
    s3.close();
    long pid = aws.s3().pid();
    Path store = aws.s3().storeDirectory();
    aws.close();

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
        .isIn(java.util.Optional.empty(), java.util.Optional.of(false));
    assertThat(store.getParent()).doesNotExist();
  }

  @Test
  void s3MockStartsWithTheConfiguredBucketsAndLogsToItsOwnFile() throws Exception {
    assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains("raw-docs", "curated");
    assertThat(aws.s3().startupTime()).isPositive();
    assertThat(aws.s3Endpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(Files.readString(aws.s3().logFile())).contains("S3Mock");
    assertThat(ProcessHandle.of(aws.s3().pid())).isPresent();
  }

  @Test
  void createBucketPutGetAndList() {
    s3.createBucket(r -> r.bucket("scratch"));
    s3.putObject(r -> r.bucket("scratch").key("in/a.txt"), RequestBody.fromString("alpha"));
    s3.putObject(r -> r.bucket("scratch").key("in/b.txt"), RequestBody.fromString("beta"));
    s3.putObject(r -> r.bucket("scratch").key("other/c.txt"), RequestBody.fromString("gamma"));

    assertThat(s3.getObjectAsBytes(r -> r.bucket("scratch").key("in/b.txt")).asUtf8String())
        .isEqualTo("beta");
    assertThat(s3.listObjectsV2(r -> r.bucket("scratch").prefix("in/")).contents())
        .extracting(S3Object::key)
        .containsExactly("in/a.txt", "in/b.txt");
  }

  @Test
  void sseKmsPutWithBareKeyIdAndContextIsEchoedAndShownByHead() {
    String context =
        Base64.getEncoder().encodeToString("{\"pipeline\":\"approved\"}".getBytes(UTF_8));

    PutObjectResponse put =
        s3.putObject(
            r ->
                r.bucket("curated")
                    .key("approved/doc-1.txt")
                    .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                    .ssekmsKeyId(CURATED_KEY_ID)
                    .ssekmsEncryptionContext(context),
            RequestBody.fromString("clean text"));
    HeadObjectResponse head = s3.headObject(r -> r.bucket("curated").key("approved/doc-1.txt"));

    assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(put.ssekmsKeyId()).contains(CURATED_KEY_ID);
    assertThat(put.ssekmsEncryptionContext()).isEqualTo(context);
    assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(head.ssekmsKeyId()).contains(CURATED_KEY_ID);
  }

  @Test
  void unregisteredKmsKeyIdIsRejectedWith400AndNothingIsStored() {
    assertThatThrownBy(
            () ->
                s3.putObject(
                    r ->
                        r.bucket("curated")
                            .key("approved/doc-2.txt")
                            .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                            .ssekmsKeyId("0000dead-0000-4000-8000-000000000000"),
                    RequestBody.fromString("x")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    assertThat(s3.listObjectsV2(r -> r.bucket("curated").prefix("approved/doc-2")).contents())
        .isEmpty();
  }

  @Test
  void kmsKeyOfTheFacadeIsTheKeyS3MockAccepts() {
    try (KmsClient kms =
        KmsClient.builder()
            .endpointOverride(aws.kmsEndpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS)
            .build()) {
      KeyMetadata meta = kms.describeKey(r -> r.keyId("alias/sluice-curated")).keyMetadata();

      assertThat(meta.keyId()).isEqualTo(CURATED_KEY_ID);
      assertThat(meta.arn())
          .isEqualTo("arn:aws:kms:us-east-1:111122223333:key/" + CURATED_KEY_ID)
          .isEqualTo(aws.kmsKey("alias/sluice-curated").arn());
      assertThat(
              kms.generateDataKey(r -> r.keyId(meta.arn()).keySpec(DataKeySpec.AES_256))
                  .plaintext()
                  .asByteArray())
          .hasSize(32);
    }
    assertThat(aws.region()).isEqualTo("us-east-1");
    assertThat(aws.accountId()).isEqualTo("111122223333");
  }

  @Test
  void macieOfTheFacadeAnswersTheSdk() {
    aws.macie().addFinding("{\"id\":\"facade1\",\"archived\":false}");
    try (Macie2Client macie =
        Macie2Client.builder()
            .endpointOverride(aws.macieEndpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS)
            .build()) {
      assertThat(macie.listFindings(r -> r.maxResults(10)).findingIds()).contains("facade1");
    }
  }
}

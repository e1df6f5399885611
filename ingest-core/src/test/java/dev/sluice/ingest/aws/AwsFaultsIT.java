package dev.sluice.ingest.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.localaws.FaultProxy;
import dev.sluice.localaws.FaultProxy.Fault;
import dev.sluice.localaws.LocalAws;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.macie2.Macie2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Sluice's own SDK clients ({@link AwsClients}) and object reads ({@link ResumingGet}) behind the
 * fault proxy: responses cut while the SDK unmarshals them are retried, a GetObject cut while the
 * caller streams it resumes from the next byte and yields the whole object, and a cut that never
 * heals fails the read instead of yielding a short body.
 */
class AwsFaultsIT {
  static final String BUCKET = "faults-raw";
  static final String KEY_ID = "5ca1ab1e-0000-4000-8000-0000000000f1";

  static LocalAws aws;
  static FaultProxy s3Proxy;
  static FaultProxy kmsProxy;
  static FaultProxy macieProxy;
  static S3Client s3;
  static byte[] blob;

  @BeforeAll
  static void start() {
    aws =
        LocalAws.start(
            LocalAws.Config.builder().bucket(BUCKET).kmsKey("alias/faults", KEY_ID).build());
    s3Proxy = FaultProxy.start(FaultProxy.Service.S3, aws.s3Endpoint(), 11);
    kmsProxy = FaultProxy.start(FaultProxy.Service.KMS, aws.kmsEndpoint(), 12);
    macieProxy = FaultProxy.start(FaultProxy.Service.MACIE, aws.macieEndpoint(), 13);
    s3 = AwsClients.s3(settings());
    blob = new byte[300_000];
    new Random(5).nextBytes(blob);
    s3.putObject(r -> r.bucket(BUCKET).key("blob.bin"), RequestBody.fromBytes(blob));
    for (int i = 0; i < 30; i++) {
      String key = "list/k-" + i;
      s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString("v" + key));
    }
  }

  static AwsSettings settings() {
    return AwsSettings.local(
        aws.region(), s3Proxy.endpoint(), kmsProxy.endpoint(), macieProxy.endpoint());
  }

  @AfterEach
  void heal() {
    for (FaultProxy p : List.of(s3Proxy, kmsProxy, macieProxy)) {
      p.setRate(0);
      p.setFaults(EnumSet.allOf(Fault.class));
    }
  }

  @AfterAll
  static void stop() {
    s3.close();
    s3Proxy.close();
    kmsProxy.close();
    macieProxy.close();
    aws.close();
  }

  @Test
  void responsesCutWhileTheSdkUnmarshalsThemAreRetried() {
    for (FaultProxy p : List.of(s3Proxy, kmsProxy, macieProxy)) {
      p.setFaults(EnumSet.of(Fault.CUT_RESPONSE));
      p.setRate(0.3);
    }
    long before = s3Proxy.injected(Fault.CUT_RESPONSE);
    try (KmsClient kms = AwsClients.kms(settings());
        Macie2Client macie = AwsClients.macie(settings())) {
      for (int round = 0; round < 10; round++) {
        // paged: the proxy replays a continuation page S3Mock already served (its tokens are
        // single-use, real S3's are not), so a page retried after a cut is the same page
        List<String> keys =
            s3
                .listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix("list/").maxKeys(7))
                .contents()
                .stream()
                .map(S3Object::key)
                .toList();
        assertThat(keys).hasSize(30);
        assertThat(s3.headObject(r -> r.bucket(BUCKET).key("blob.bin")).contentLength())
            .isEqualTo(blob.length);
        assertThat(kms.describeKey(r -> r.keyId(KEY_ID)).keyMetadata().keyId()).isEqualTo(KEY_ID);
        assertThat(macie.listFindings(r -> {}).findingIds()).isEmpty();
      }
    }
    assertThat(s3Proxy.injected(Fault.CUT_RESPONSE) - before).isPositive();
    assertThat(kmsProxy.injected(Fault.CUT_RESPONSE)).isPositive();
    assertThat(macieProxy.injected(Fault.CUT_RESPONSE)).isPositive();
  }

  @Test
  void pagedListingsSurviveErrorsThatNeverReachTheEmulator() {
    s3Proxy.setFaults(Fault.errors());
    s3Proxy.setRate(0.3);
    for (int round = 0; round < 5; round++) {
      assertThat(
              s3
                  .listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix("list/").maxKeys(7))
                  .contents()
                  .stream()
                  .map(S3Object::key)
                  .distinct()
                  .count())
          .isEqualTo(30);
    }
    assertThat(s3Proxy.injected()).isPositive();
  }

  @Test
  void aGetObjectCutWhileStreamingResumesFromTheNextByteAndYieldsTheWholeObject()
      throws IOException {
    String eTag = s3.headObject(r -> r.bucket(BUCKET).key("blob.bin")).eTag();
    s3Proxy.setFaults(EnumSet.of(Fault.CUT_RESPONSE));
    s3Proxy.setRate(0.5);
    s3Proxy.setScope(r -> r.method().equals("GET") && r.target().contains("blob.bin"));
    long before = s3Proxy.injected(Fault.CUT_RESPONSE);
    for (int i = 0; i < 6; i++) {
      try (InputStream in = ResumingGet.open(s3, BUCKET, "blob.bin", eTag, "", blob.length)) {
        assertThat(in.readAllBytes()).isEqualTo(blob);
      }
    }
    assertThat(s3Proxy.injected(Fault.CUT_RESPONSE) - before).isPositive();
  }

  @Test
  void aCutThatNeverHealsFailsTheReadNamingTheOffsetNeverEndingShort() throws IOException {
    s3Proxy.setFaults(EnumSet.of(Fault.CUT_RESPONSE));
    s3Proxy.setScope(r -> r.method().equals("GET"));
    s3Proxy.setRate(1.0);
    try (InputStream in = ResumingGet.open(s3, BUCKET, "blob.bin", "", "", blob.length)) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("s3://" + BUCKET + "/blob.bin cut at byte ")
          .hasMessageEndingWith(
              " of " + blob.length + " more than " + ResumingGet.MAX_RESUMES + " times");
    }
  }

  @Test
  void anObjectShorterThanItsListedSizeNeverReadsAsWhole() {
    assertThatThrownBy(
            () -> {
              try (InputStream in =
                  ResumingGet.open(s3, BUCKET, "blob.bin", "", "", blob.length + 10)) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessage(
            "s3://"
                + BUCKET
                + "/blob.bin cut at byte "
                + blob.length
                + " of "
                + (blob.length + 10)
                + " and cannot be resumed: S3Exception");
  }

  @Test
  void anObjectLongerThanItsListedSizeFailsTheRead() {
    assertThatThrownBy(
            () -> {
              try (InputStream in = ResumingGet.open(s3, BUCKET, "blob.bin", "", "", 100)) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessage("s3://" + BUCKET + "/blob.bin is longer than its listed size 100");
  }
}

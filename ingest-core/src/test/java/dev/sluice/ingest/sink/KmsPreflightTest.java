package dev.sluice.ingest.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ingest.aws.AwsClients;
import dev.sluice.ingest.aws.AwsSettings;
import dev.sluice.localaws.KmsEmulator;
import dev.sluice.localaws.KmsEmulator.KeyOptions;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;

/** Pre-flight against the KMS emulator: each broken key is refused with a message naming it. */
class KmsPreflightTest {
  static final String REGION = "us-east-1";
  static KmsEmulator emulator;
  static KmsClient kms;

  @BeforeAll
  static void start() {
    emulator = KmsEmulator.start(REGION, "111122223333");
    URI unused = URI.create("http://127.0.0.1:1");
    kms = AwsClients.kms(AwsSettings.local(REGION, unused, emulator.endpoint(), unused));
  }

  @AfterAll
  static void stop() {
    kms.close();
    emulator.close();
  }

  @Test
  void acceptsAnEnabledCustomerManagedSymmetricKeyByAliasAndResolvesItsArn() {
    KmsEmulator.KeyRef k =
        emulator.createKey(KeyOptions.builder().alias("alias/preflight-good").build());
    ResolvedKey r = KmsPreflight.check(kms, "alias/preflight-good", REGION, true);
    assertThat(r.arn()).isEqualTo(k.arn());
    assertThat(r.keyId()).isEqualTo(k.keyId());
    assertThat(r.configured()).isEqualTo("alias/preflight-good");
    assertThat(r.matches(k.arn())).isTrue();
    assertThat(r.matches("arn:aws:kms:us-east-1:111122223333:key/other")).isFalse();
  }

  @Test
  void refusesAMissingKey() {
    assertThatThrownBy(
            () -> KmsPreflight.check(kms, "0000dead-0000-4000-8000-000000000000", REGION, true))
        .isInstanceOf(SinkException.class)
        .hasMessage("KMS key '0000dead-0000-4000-8000-000000000000' does not exist");
  }

  @Test
  void refusesADisabledKey() {
    KmsEmulator.KeyRef k = emulator.createKey(KeyOptions.builder().enabled(false).build());
    assertThatThrownBy(() -> KmsPreflight.check(kms, k.keyId(), REGION, true))
        .isInstanceOf(SinkException.class)
        .hasMessage("KMS key '" + k.keyId() + "' is not enabled (state Disabled)");
  }

  @Test
  void refusesAKeyInAnotherRegionThanTheBucket() {
    KmsEmulator.KeyRef k = emulator.createKey(KeyOptions.builder().region("eu-west-1").build());
    assertThatThrownBy(() -> KmsPreflight.check(kms, k.arn(), REGION, true))
        .isInstanceOf(SinkException.class)
        .hasMessage(
            "KMS key '"
                + k.arn()
                + "' is in region eu-west-1 but the curated bucket is in us-east-1");
  }

  @Test
  void refusesAnAwsManagedKeyOnlyWhenCustomerManagedIsDemanded() {
    KmsEmulator.KeyRef k = emulator.createKey(KeyOptions.builder().keyManager("AWS").build());
    assertThatThrownBy(() -> KmsPreflight.check(kms, k.keyId(), REGION, true))
        .isInstanceOf(SinkException.class)
        .hasMessage(
            "KMS key '"
                + k.keyId()
                + "' is managed by AWS; the configuration demands a customer-managed key");
    assertThat(KmsPreflight.check(kms, k.keyId(), REGION, false).arn()).isEqualTo(k.arn());
  }

  @Test
  void refusesAnAsymmetricEncryptionKey() {
    KmsEmulator.KeyRef k =
        emulator.createKey(
            KeyOptions.builder().keySpec("RSA_2048").keyUsage("ENCRYPT_DECRYPT").build());
    assertThatThrownBy(() -> KmsPreflight.check(kms, k.keyId(), REGION, true))
        .isInstanceOf(SinkException.class)
        .hasMessage("KMS key '" + k.keyId() + "' is RSA_2048, need SYMMETRIC_DEFAULT");
  }

  @Test
  void refusesASigningKey() {
    KmsEmulator.KeyRef k =
        emulator.createKey(
            KeyOptions.builder().keySpec("ECC_NIST_P256").keyUsage("SIGN_VERIFY").build());
    assertThatThrownBy(() -> KmsPreflight.check(kms, k.keyId(), REGION, true))
        .isInstanceOf(SinkException.class)
        .hasMessage("KMS key '" + k.keyId() + "' has usage SIGN_VERIFY, need ENCRYPT_DECRYPT");
  }

  @Test
  void refusesAQuarantineKeyThatIsADatasetKey() {
    KmsEmulator.KeyRef k = emulator.createKey(KeyOptions.builder().alias("alias/shared").build());
    ResolvedKey byAlias = KmsPreflight.check(kms, "alias/shared", REGION, true);
    ResolvedKey byId = KmsPreflight.check(kms, k.keyId(), REGION, true);
    assertThatThrownBy(() -> QuarantineSink.requireDistinct(byAlias, Map.of("support-kb", byId)))
        .isInstanceOf(SinkException.class)
        .hasMessage(
            "quarantine KMS key 'alias/shared' is the key of dataset 'support-kb' ("
                + k.arn()
                + "); held-back documents need a different key");
    ResolvedKey other = KmsPreflight.check(kms, emulator.createKey().keyId(), REGION, true);
    QuarantineSink.requireDistinct(other, Map.of("support-kb", byId)); // no exception
  }
}

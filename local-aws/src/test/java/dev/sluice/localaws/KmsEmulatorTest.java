package dev.sluice.localaws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

class KmsEmulatorTest {

  static final String ACCOUNT = "111122223333";

  static KmsEmulator kms;
  static KmsClient client;

  @BeforeAll
  static void start() {
    kms = KmsEmulator.start("us-east-1", ACCOUNT);
    client = client(kms);
  }

  @AfterAll
  static void stop() {
    client.close();
    kms.close();
  }

  static KmsClient client(KmsEmulator emulator) {
    return KmsClient.builder()
        .endpointOverride(emulator.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  @Test
  void createdKeyIsDescribedByIdArnAliasAndAliasArn() {
    KeyMetadata created =
        client
            .createKey(r -> r.description("curated output").keySpec(KeySpec.SYMMETRIC_DEFAULT))
            .keyMetadata();
    client.createAlias(r -> r.aliasName("alias/curated").targetKeyId(created.keyId()));

    assertThat(created.arn())
        .isEqualTo("arn:aws:kms:us-east-1:" + ACCOUNT + ":key/" + created.keyId());
    assertThat(created.awsAccountId()).isEqualTo(ACCOUNT);
    assertThat(created.enabled()).isTrue();
    assertThat(created.keyState()).isEqualTo(KeyState.ENABLED);
    assertThat(created.keyUsage()).isEqualTo(KeyUsageType.ENCRYPT_DECRYPT);
    assertThat(created.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
    assertThat(created.keyManager()).isEqualTo(KeyManagerType.CUSTOMER);
    assertThat(created.encryptionAlgorithmsAsStrings()).containsExactly("SYMMETRIC_DEFAULT");
    assertThat(created.multiRegion()).isFalse();
    assertThat(created.description()).isEqualTo("curated output");
    assertThat(created.creationDate()).isNotNull();

    for (String ref :
        new String[] {
          created.keyId(),
          created.arn(),
          "alias/curated",
          "arn:aws:kms:us-east-1:" + ACCOUNT + ":alias/curated"
        }) {
      KeyMetadata described = client.describeKey(r -> r.keyId(ref)).keyMetadata();
      assertThat(described.arn()).as(ref).isEqualTo(created.arn());
    }
    assertThat(client.listKeys().keys()).anyMatch(k -> k.keyArn().equals(created.arn()));
  }

  @Test
  void listKeysPagesThroughEveryKeyWithTheSdkPaginator() {
    try (KmsEmulator own = KmsEmulator.start("us-east-1", ACCOUNT);
        KmsClient ownClient = client(own)) {
      List<String> created = new java.util.ArrayList<>();
      for (int i = 0; i < 5; i++) {
        created.add(own.createKey().arn());
      }

      List<String> listed =
          ownClient.listKeysPaginator(r -> r.limit(2)).keys().stream()
              .map(k -> k.keyArn())
              .toList();

      assertThat(listed).containsExactlyElementsOf(created);
    }
  }

  @Test
  void createKeyOverTheWireValidatesSpecAgainstUsage() {
    KeyMetadata rsa =
        client
            .createKey(r -> r.keySpec(KeySpec.RSA_2048).keyUsage(KeyUsageType.SIGN_VERIFY))
            .keyMetadata();

    assertThat(rsa.signingAlgorithmsAsStrings()).contains("RSASSA_PSS_SHA_256");
    assertThatThrownBy(
            () ->
                client.createKey(
                    r -> r.keySpec(KeySpec.SYMMETRIC_DEFAULT).keyUsage(KeyUsageType.SIGN_VERIFY)))
        .isInstanceOf(KmsException.class)
        .hasMessageContaining("KeyUsage SIGN_VERIFY is not valid for KeySpec SYMMETRIC_DEFAULT");
  }

  @Test
  void aliasCannotBeCreatedTwice() {
    String keyId = kms.createKey().keyId();
    client.createAlias(r -> r.aliasName("alias/twice").targetKeyId(keyId));

    assertThatThrownBy(() -> client.createAlias(r -> r.aliasName("alias/twice").targetKeyId(keyId)))
        .isInstanceOf(AlreadyExistsException.class);
  }

  @Test
  void generatedDataKeyDecryptsToTheSamePlaintext() {
    String keyId = kms.createKey().keyId();
    Map<String, String> context = Map.of("pipeline", "approved", "aws:s3:arn", "arn:aws:s3:::b/k");

    GenerateDataKeyResponse dataKey =
        client.generateDataKey(
            r -> r.keyId(keyId).keySpec(DataKeySpec.AES_256).encryptionContext(context));
    DecryptResponse decrypted =
        client.decrypt(r -> r.ciphertextBlob(dataKey.ciphertextBlob()).encryptionContext(context));

    assertThat(dataKey.plaintext().asByteArray()).hasSize(32);
    assertThat(dataKey.keyId()).endsWith(":key/" + keyId);
    assertThat(decrypted.plaintext().asByteArray()).isEqualTo(dataKey.plaintext().asByteArray());
    assertThat(decrypted.keyId()).isEqualTo(dataKey.keyId());
  }

  @Test
  void numberOfBytesGivesThatManyBytesAndBothSizesAreRejected() {
    String keyId = kms.createKey().keyId();

    assertThat(
            client.generateDataKey(r -> r.keyId(keyId).numberOfBytes(7)).plaintext().asByteArray())
        .hasSize(7);
    assertThatThrownBy(
            () ->
                client.generateDataKey(
                    r -> r.keyId(keyId).numberOfBytes(16).keySpec(DataKeySpec.AES_128)))
        .isInstanceOf(KmsException.class)
        .satisfies(
            e ->
                assertThat(((KmsException) e).awsErrorDetails().errorCode())
                    .isEqualTo("ValidationException"));
    assertThatThrownBy(() -> client.generateDataKey(r -> r.keyId(keyId)))
        .isInstanceOf(KmsException.class)
        .hasMessageContaining("exactly one of KeySpec and NumberOfBytes");
  }

  @Test
  void encryptDecryptRoundTripsThroughAlias() {
    kms.createKey(KmsEmulator.KeyOptions.builder().alias("alias/roundtrip").build());
    byte[] secret = "not really a secret".getBytes(UTF_8);

    EncryptResponse encrypted =
        client.encrypt(r -> r.keyId("alias/roundtrip").plaintext(SdkBytes.fromByteArray(secret)));
    DecryptResponse decrypted = client.decrypt(r -> r.ciphertextBlob(encrypted.ciphertextBlob()));

    assertThat(encrypted.ciphertextBlob().asByteArray()).isNotEqualTo(secret);
    assertThat(decrypted.plaintext().asByteArray()).isEqualTo(secret);
  }

  @Test
  void aCiphertextMadeUnderOneEncryptionContextDoesNotDecryptUnderAnother() {
    String keyId = kms.createKey().keyId();
    SdkBytes blob =
        client
            .encrypt(
                r ->
                    r.keyId(keyId)
                        .plaintext(SdkBytes.fromUtf8String("payload"))
                        .encryptionContext(Map.of("pipeline", "approved")))
            .ciphertextBlob();

    assertThatThrownBy(
            () ->
                client.decrypt(
                    r ->
                        r.ciphertextBlob(blob).encryptionContext(Map.of("pipeline", "quarantine"))))
        .isInstanceOf(InvalidCiphertextException.class);
    assertThatThrownBy(() -> client.decrypt(r -> r.ciphertextBlob(blob)))
        .as("missing context")
        .isInstanceOf(InvalidCiphertextException.class);
    assertThatThrownBy(
            () ->
                client.decrypt(
                    r ->
                        r.ciphertextBlob(blob)
                            .encryptionContext(Map.of("pipeline", "approved", "extra", "x"))))
        .as("extra pair")
        .isInstanceOf(InvalidCiphertextException.class);
    assertThat(
            client
                .decrypt(
                    r -> r.ciphertextBlob(blob).encryptionContext(Map.of("pipeline", "approved")))
                .plaintext()
                .asUtf8String())
        .isEqualTo("payload");
  }

  @Test
  void tamperedCiphertextIsRejected() {
    String keyId = kms.createKey().keyId();
    byte[] blob =
        client
            .encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("payload")))
            .ciphertextBlob()
            .asByteArray();

    for (int position : new int[] {0, 5, blob.length - 20, blob.length - 1}) {
      byte[] tampered = blob.clone();
      tampered[position] ^= 0x01;
      assertThatThrownBy(
              () -> client.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(tampered))))
          .as("flipped byte %d", position)
          .isInstanceOf(InvalidCiphertextException.class);
    }
    assertThatThrownBy(
            () -> client.decrypt(r -> r.ciphertextBlob(SdkBytes.fromUtf8String("garbage"))))
        .isInstanceOf(InvalidCiphertextException.class);
  }

  @Test
  void disabledKeyRefusesEncryptAndDecryptUntilEnabled() {
    String keyId = kms.createKey().keyId();
    SdkBytes blob =
        client
            .encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("x")))
            .ciphertextBlob();

    kms.disableKey(keyId);

    assertThat(client.describeKey(r -> r.keyId(keyId)).keyMetadata().keyState())
        .isEqualTo(KeyState.DISABLED);
    assertThatThrownBy(
            () -> client.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("x"))))
        .isInstanceOf(DisabledException.class);
    assertThatThrownBy(() -> client.decrypt(r -> r.ciphertextBlob(blob)))
        .isInstanceOf(DisabledException.class);

    client.enableKey(r -> r.keyId(keyId));
    assertThat(client.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String())
        .isEqualTo("x");
  }

  @Test
  void unknownKeyIsNotFound() {
    assertThatThrownBy(() -> client.describeKey(r -> r.keyId("no-such-key")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no-such-key");
    assertThatThrownBy(() -> client.describeKey(r -> r.keyId("alias/missing")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                client.generateDataKey(
                    r ->
                        r.keyId("arn:aws:kms:us-east-1:999999999999:key/x")
                            .keySpec(DataKeySpec.AES_256)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void decryptWithAnotherKeyIdIsIncorrectKey() {
    String first = kms.createKey().keyId();
    String second = kms.createKey().keyId();
    SdkBytes blob =
        client
            .encrypt(r -> r.keyId(first).plaintext(SdkBytes.fromUtf8String("x")))
            .ciphertextBlob();

    assertThatThrownBy(() -> client.decrypt(r -> r.ciphertextBlob(blob).keyId(second)))
        .isInstanceOf(IncorrectKeyException.class);
    assertThat(client.decrypt(r -> r.ciphertextBlob(blob).keyId(first)).plaintext().asUtf8String())
        .isEqualTo("x");
  }

  @Test
  void seededKeysKeepExplicitIdRegionManagerAndSpec() {
    KmsEmulator.KeyRef signing =
        kms.createKey(
            KmsEmulator.KeyOptions.builder()
                .keyId("5ca1ab1e-0000-4000-8000-000000000001")
                .keySpec("RSA_2048")
                .keyUsage("SIGN_VERIFY")
                .build());
    KmsEmulator.KeyRef awsManaged =
        kms.createKey(
            KmsEmulator.KeyOptions.builder()
                .keyManager("AWS")
                .alias("alias/aws/s3")
                .region("eu-west-1")
                .build());

    KeyMetadata rsa = client.describeKey(r -> r.keyId(signing.arn())).keyMetadata();
    KeyMetadata managed = client.describeKey(r -> r.keyId("alias/aws/s3")).keyMetadata();

    assertThat(signing.arn())
        .isEqualTo(
            "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/5ca1ab1e-0000-4000-8000-000000000001");
    assertThat(rsa.keySpec()).isEqualTo(KeySpec.RSA_2048);
    assertThat(rsa.keyUsage()).isEqualTo(KeyUsageType.SIGN_VERIFY);
    assertThat(rsa.encryptionAlgorithms()).isEmpty();
    assertThat(managed.keyManager()).isEqualTo(KeyManagerType.AWS);
    assertThat(managed.arn()).startsWith("arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/");
    assertThatThrownBy(
            () ->
                client.encrypt(
                    r -> r.keyId(signing.keyId()).plaintext(SdkBytes.fromUtf8String("x"))))
        .isInstanceOf(InvalidKeyUsageException.class);
  }

  @Test
  void seedingRejectsBadOptionsNamingTheField() {
    assertThatThrownBy(() -> KmsEmulator.KeyOptions.builder().keyId("alias/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("keyId");
    assertThatThrownBy(
            () -> KmsEmulator.KeyOptions.builder().keySpec("RSA_2048").keyUsage("NOPE").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("keyUsage");
    kms.createKey(KmsEmulator.KeyOptions.builder().keyId("dup-id").build());
    assertThatThrownBy(
            () -> kms.createKey(KmsEmulator.KeyOptions.builder().keyId("dup-id").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dup-id");
  }

  @Test
  void plaintextOutsideOneTo4096BytesIsRejected() {
    String keyId = kms.createKey().keyId();

    assertThatThrownBy(
            () ->
                client.encrypt(
                    r -> r.keyId(keyId).plaintext(SdkBytes.fromByteArray(new byte[4097]))))
        .isInstanceOf(KmsException.class)
        .hasMessageContaining("Plaintext must be 1 to 4096 bytes");
    assertThat(
            client
                .encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromByteArray(new byte[4096])))
                .ciphertextBlob()
                .asByteArray())
        .hasSizeLessThanOrEqualTo(6144);
  }

  @Test
  void concurrentClientsEncryptAndDecryptIndependently() throws Exception {
    String keyId = kms.createKey().keyId();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 25; i++) {
                    String text = "thread-" + thread + "-item-" + i;
                    Map<String, String> context = Map.of("item", text);
                    SdkBytes blob =
                        client
                            .encrypt(
                                r ->
                                    r.keyId(keyId)
                                        .plaintext(SdkBytes.fromUtf8String(text))
                                        .encryptionContext(context))
                            .ciphertextBlob();
                    String back =
                        client
                            .decrypt(r -> r.ciphertextBlob(blob).encryptionContext(context))
                            .plaintext()
                            .asUtf8String();
                    if (!back.equals(text)) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (java.util.concurrent.Future<Boolean> result : results) {
        assertThat(result.get(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void localAwsReusesAPersistedKeyAndRestoresItsAlias(@TempDir Path dir) {
    LocalAws.KeySeed seed = new LocalAws.KeySeed("alias/reused", "reused-key-1");
    String arn;
    try (KmsEmulator first = KmsEmulator.start("us-east-1", ACCOUNT, dir)) {
      arn = LocalAws.ensureKey(first, seed).arn();
    }
    try (KmsEmulator second = KmsEmulator.start("us-east-1", ACCOUNT, dir)) {
      assertThat(LocalAws.ensureKey(second, seed).arn()).isEqualTo(arn);
      assertThat(second.keyCount()).isEqualTo(1);
      second.createKey(
          KmsEmulator.KeyOptions.builder().keyId("other").alias("alias/taken").build());
      assertThatThrownBy(
              () -> LocalAws.ensureKey(second, new LocalAws.KeySeed("alias/taken", "reused-key-1")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("alias/taken");
    }
  }

  @Test
  void restartedEmulatorWithStateDirDecryptsEarlierCiphertexts(@TempDir Path dir) throws Exception {
    Path stateDir = dir.resolve("kms");
    SdkBytes blob;
    String keyArn;
    try (KmsEmulator first = KmsEmulator.start("us-east-1", ACCOUNT, stateDir);
        KmsClient firstClient = client(first)) {
      keyArn =
          first.createKey(KmsEmulator.KeyOptions.builder().alias("alias/persisted").build()).arn();
      blob =
          firstClient
              .encrypt(
                  r ->
                      r.keyId("alias/persisted")
                          .plaintext(SdkBytes.fromUtf8String("kept"))
                          .encryptionContext(Map.of("k", "v")))
              .ciphertextBlob();
    }
    Path stateFile = stateDir.resolve(KmsService.STATE_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile)))
        .isEqualTo("rw-------");

    try (KmsEmulator second = KmsEmulator.start("us-east-1", ACCOUNT, stateDir);
        KmsClient secondClient = client(second)) {
      DecryptResponse decrypted =
          secondClient.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(Map.of("k", "v")));
      assertThat(decrypted.plaintext().asUtf8String()).isEqualTo("kept");
      assertThat(decrypted.keyId()).isEqualTo(keyArn);
      assertThat(second.describeKey("alias/persisted").arn()).isEqualTo(keyArn);
    }
    try (KmsEmulator fresh = KmsEmulator.start("us-east-1", ACCOUNT);
        KmsClient freshClient = client(fresh)) {
      assertThatThrownBy(
              () ->
                  freshClient.decrypt(
                      r -> r.ciphertextBlob(blob).encryptionContext(Map.of("k", "v"))))
          .as("another emulator has other key material")
          .isInstanceOf(InvalidCiphertextException.class);
    }
  }
}

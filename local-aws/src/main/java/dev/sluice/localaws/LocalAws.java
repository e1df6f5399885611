package dev.sluice.localaws;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * S3 (S3Mock), KMS and Macie emulators started together, for the demo mode and end-to-end tests.
 *
 * <p>{@link #start(Config)} creates the configured KMS keys first (with their explicit ids and
 * aliases), then starts S3Mock with those keys' ARNs as its valid SSE-KMS keys and the configured
 * buckets, then the Macie emulator. If a step fails, what was started is stopped again.
 *
 * <pre>{@code
 * try (LocalAws aws = LocalAws.start(LocalAws.Config.builder()
 *     .bucket("raw-docs").bucket("curated")
 *     .kmsKey("alias/sluice-curated", "5ca1ab1e-0000-4000-8000-00000000c0de")
 *     .build())) {
 *   S3Client s3 = S3Client.builder().endpointOverride(aws.s3Endpoint()).forcePathStyle(true)...
 *   // SSE-KMS with the bare id: .ssekmsKeyId("5ca1ab1e-0000-4000-8000-00000000c0de")
 * }
 * }</pre>
 *
 * <p>Ownership: the caller closes the facade, which closes all three emulators. Thread-safe: the
 * accessors are immutable and each emulator is thread-safe.
 */
public final class LocalAws implements AutoCloseable {

  /** Default account id. */
  public static final String DEFAULT_ACCOUNT = "111122223333";

  /** Default Region. */
  public static final String DEFAULT_REGION = "us-east-1";

  private final Config config;
  private final KmsEmulator kms;
  private final S3MockServer s3;
  private final MacieEmulator macie;
  private final Map<String, KmsEmulator.KeyRef> keysByAlias;

  private LocalAws(
      Config config,
      KmsEmulator kms,
      S3MockServer s3,
      MacieEmulator macie,
      Map<String, KmsEmulator.KeyRef> keysByAlias) {
    this.config = config;
    this.kms = kms;
    this.s3 = s3;
    this.macie = macie;
    this.keysByAlias = Map.copyOf(keysByAlias);
  }

  /**
   * Starts KMS, S3Mock and Macie as configured.
   *
   * @throws IllegalStateException if S3Mock cannot start (see {@link S3MockServer#start})
   */
  public static LocalAws start(Config config) {
    Objects.requireNonNull(config, "config");
    KmsEmulator kms = null;
    S3MockServer s3 = null;
    try {
      kms =
          config.kmsStateDir == null
              ? KmsEmulator.start(config.region, config.accountId)
              : KmsEmulator.start(config.region, config.accountId, config.kmsStateDir);
      Map<String, KmsEmulator.KeyRef> keys = new LinkedHashMap<>();
      for (KeySeed seed : config.kmsKeys) {
        keys.put(seed.alias(), ensureKey(kms, seed));
      }
      S3MockServer.Options.Builder s3Options =
          S3MockServer.Options.builder()
              .region(config.region)
              .initialBuckets(config.buckets)
              .validKmsKeys(keys.values().stream().map(KmsEmulator.KeyRef::arn).toList())
              .retainFiles(config.retainS3Files);
      if (config.s3StoreRoot != null) {
        s3Options.storeRoot(config.s3StoreRoot);
      }
      s3 = S3MockServer.start(s3Options.build());
      MacieEmulator macie = MacieEmulator.start(config.region, config.accountId);
      return new LocalAws(config, kms, s3, macie, keys);
    } catch (RuntimeException e) {
      if (s3 != null) {
        s3.close();
      }
      if (kms != null) {
        kms.close();
      }
      throw e;
    }
  }

  /** Reuses a key loaded from the KMS state directory (re-pointing its alias), else creates it. */
  static KmsEmulator.KeyRef ensureKey(KmsEmulator kms, KeySeed seed) {
    KmsEmulator.KeyRef existing = describeOrNull(kms, seed.keyId());
    if (existing == null) {
      return kms.createKey(
          KmsEmulator.KeyOptions.builder()
              .keyId(seed.keyId())
              .alias(seed.alias())
              .description("Sluice local key " + seed.alias())
              .build());
    }
    KmsEmulator.KeyRef aliased = describeOrNull(kms, seed.alias());
    if (aliased == null) {
      kms.createAlias(seed.alias(), existing.keyId());
    } else if (!aliased.keyId().equals(existing.keyId())) {
      throw new IllegalStateException(
          "kmsKeys: alias " + seed.alias() + " points at another key in the KMS state");
    }
    return existing;
  }

  private static KmsEmulator.KeyRef describeOrNull(KmsEmulator kms, String ref) {
    try {
      return kms.describeKey(ref);
    } catch (IllegalArgumentException notFound) {
      return null;
    }
  }

  public URI s3Endpoint() {
    return s3.endpoint();
  }

  public URI kmsEndpoint() {
    return kms.endpoint();
  }

  public URI macieEndpoint() {
    return macie.endpoint();
  }

  public S3MockServer s3() {
    return s3;
  }

  public KmsEmulator kms() {
    return kms;
  }

  public MacieEmulator macie() {
    return macie;
  }

  public String region() {
    return config.region;
  }

  public String accountId() {
    return config.accountId;
  }

  /** The buckets S3Mock was started with. */
  public List<String> buckets() {
    return config.buckets;
  }

  /**
   * The configured key behind an alias such as {@code alias/sluice-curated}.
   *
   * @throws IllegalArgumentException if the alias was not configured
   */
  public KmsEmulator.KeyRef kmsKey(String alias) {
    KmsEmulator.KeyRef key = keysByAlias.get(alias);
    if (key == null) {
      throw new IllegalArgumentException("no configured KMS key with alias " + alias);
    }
    return key;
  }

  /** Stops Macie, S3Mock and KMS. Idempotent. */
  @Override
  public void close() {
    try {
      macie.close();
    } finally {
      try {
        s3.close();
      } finally {
        kms.close();
      }
    }
  }

  /** A KMS key to create: an alias ({@code alias/...}) and an explicit key id. */
  public record KeySeed(String alias, String keyId) {
    public KeySeed {
      if (alias == null || !KmsKeySpecs.ALIAS.matcher(alias).matches()) {
        throw new IllegalArgumentException(
            "kmsKeys.alias must match alias/[a-zA-Z0-9/_-]{1,250}, got: " + alias);
      }
      if (keyId == null || !KmsKeySpecs.KEY_ID.matcher(keyId).matches()) {
        throw new IllegalArgumentException(
            "kmsKeys.keyId must be 1-64 characters of [A-Za-z0-9-], got: " + keyId);
      }
    }
  }

  /**
   * What {@link LocalAws#start(Config)} sets up. Immutable; build with {@link #builder()}.
   * Defaults: region us-east-1, account 111122223333, no buckets, no keys, in-memory KMS state, a
   * temporary S3Mock root deleted on close.
   */
  public static final class Config {
    final String region;
    final String accountId;
    final List<String> buckets;
    final List<KeySeed> kmsKeys;
    final Path s3StoreRoot;
    final boolean retainS3Files;
    final Path kmsStateDir;

    private Config(Builder b) {
      this.region = b.region;
      this.accountId = b.accountId;
      this.buckets = List.copyOf(b.buckets);
      this.kmsKeys = List.copyOf(b.kmsKeys);
      this.s3StoreRoot = b.s3StoreRoot;
      this.retainS3Files = b.retainS3Files;
      this.kmsStateDir = b.kmsStateDir;
    }

    public static Builder builder() {
      return new Builder();
    }

    /** Builder for {@link Config}; setters validate their argument. Not thread-safe. */
    public static final class Builder {
      private String region = DEFAULT_REGION;
      private String accountId = DEFAULT_ACCOUNT;
      private final Set<String> buckets = new LinkedHashSet<>();
      private final List<KeySeed> kmsKeys = new ArrayList<>();
      private Path s3StoreRoot;
      private boolean retainS3Files;
      private Path kmsStateDir;

      private Builder() {}

      public Builder region(String value) {
        if (value == null || !KmsKeySpecs.REGION.matcher(value).matches()) {
          throw new IllegalArgumentException("region must look like us-east-1, got: " + value);
        }
        this.region = value;
        return this;
      }

      public Builder accountId(String value) {
        if (value == null || !KmsKeySpecs.ACCOUNT.matcher(value).matches()) {
          throw new IllegalArgumentException("accountId must be 12 digits, got: " + value);
        }
        this.accountId = value;
        return this;
      }

      /** A bucket S3Mock creates at startup; the name is checked by S3Mock's options. */
      public Builder bucket(String name) {
        S3MockServer.Options.builder().initialBuckets(List.of(name));
        buckets.add(name);
        return this;
      }

      /** A symmetric, enabled, customer-managed key with this alias and explicit id. */
      public Builder kmsKey(String alias, String keyId) {
        KeySeed seed = new KeySeed(alias, keyId);
        for (KeySeed k : kmsKeys) {
          if (k.alias().equals(alias) || k.keyId().equals(keyId)) {
            throw new IllegalArgumentException(
                "kmsKeys: alias " + alias + " or id " + keyId + " configured twice");
          }
        }
        kmsKeys.add(seed);
        return this;
      }

      /** A directory for S3Mock's files instead of a temporary one. */
      public Builder s3StoreRoot(Path value) {
        this.s3StoreRoot = Objects.requireNonNull(value, "s3StoreRoot");
        return this;
      }

      /** Keep S3Mock's files after close. */
      public Builder retainS3Files(boolean value) {
        this.retainS3Files = value;
        return this;
      }

      /** Persist KMS keys there, so a later run decrypts this run's ciphertexts. */
      public Builder kmsStateDir(Path value) {
        this.kmsStateDir = Objects.requireNonNull(value, "kmsStateDir");
        return this;
      }

      public Config build() {
        return new Config(this);
      }
    }
  }
}

package dev.sluice.localaws;

import java.time.Instant;
import java.util.Objects;

/**
 * One emulated KMS key: immutable; a state change replaces the record. {@code material} is the
 * 32-byte AES key of a symmetric key and {@code null} for other key specs; it is never printed.
 */
record KmsKey(
    String keyId,
    String arn,
    String accountId,
    String region,
    Instant creationDate,
    boolean enabled,
    String description,
    String keySpec,
    String keyUsage,
    String keyManager,
    byte[] material) {

  KmsKey {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(creationDate, "creationDate");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(keySpec, "keySpec");
    Objects.requireNonNull(keyUsage, "keyUsage");
    Objects.requireNonNull(keyManager, "keyManager");
    if (KmsKeySpecs.isSymmetric(keySpec) != (material != null)) {
      throw new IllegalArgumentException("key " + keyId + ": material must exist iff symmetric");
    }
    if (material != null && material.length != 32) {
      throw new IllegalArgumentException("key " + keyId + ": material must be 32 bytes");
    }
  }

  KmsKey withEnabled(boolean value) {
    return new KmsKey(
        keyId,
        arn,
        accountId,
        region,
        creationDate,
        value,
        description,
        keySpec,
        keyUsage,
        keyManager,
        material);
  }

  String keyState() {
    return enabled ? "Enabled" : "Disabled";
  }

  static String arnOf(String region, String accountId, String keyId) {
    return "arn:aws:kms:" + region + ":" + accountId + ":key/" + keyId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KmsKey k && k.arn.equals(arn) && k.enabled == enabled;
  }

  @Override
  public int hashCode() {
    return arn.hashCode();
  }

  @Override
  public String toString() {
    return "KmsKey[" + arn + ", " + keySpec + ", " + keyUsage + ", " + keyState() + "]";
  }
}

package dev.sluice.ingest.sink;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * Checks a dataset key before any data is read: it exists, is Enabled, is a symmetric
 * ENCRYPT_DECRYPT key, is customer-managed when demanded, and lives in the bucket's region.
 */
public final class KmsPreflight {
  private KmsPreflight() {}

  /**
   * Describes and checks {@code keyId}.
   *
   * @throws SinkException naming the key and what is wrong
   */
  public static ResolvedKey check(
      KmsClient kms, String keyId, String bucketRegion, boolean requireCustomerManaged) {
    KeyMetadata m;
    try {
      m = kms.describeKey(r -> r.keyId(keyId)).keyMetadata();
    } catch (NotFoundException e) {
      throw new SinkException("KMS key '" + keyId + "' does not exist");
    } catch (SdkException e) {
      throw new SinkException(
          "KMS key '" + keyId + "' cannot be described: " + e.getClass().getSimpleName(), e);
    }
    if (m.keyState() != KeyState.ENABLED || !Boolean.TRUE.equals(m.enabled())) {
      throw new SinkException(
          "KMS key '" + keyId + "' is not enabled (state " + m.keyStateAsString() + ")");
    }
    if (m.keyUsage() != KeyUsageType.ENCRYPT_DECRYPT) {
      throw new SinkException(
          "KMS key '" + keyId + "' has usage " + m.keyUsageAsString() + ", need ENCRYPT_DECRYPT");
    }
    if (m.keySpec() != KeySpec.SYMMETRIC_DEFAULT) {
      throw new SinkException(
          "KMS key '" + keyId + "' is " + m.keySpecAsString() + ", need SYMMETRIC_DEFAULT");
    }
    if (requireCustomerManaged && m.keyManager() != KeyManagerType.CUSTOMER) {
      throw new SinkException(
          "KMS key '"
              + keyId
              + "' is managed by "
              + m.keyManagerAsString()
              + "; the configuration demands a customer-managed key");
    }
    String region = regionOf(m.arn());
    if (!region.equals(bucketRegion)) {
      throw new SinkException(
          "KMS key '"
              + keyId
              + "' is in region "
              + region
              + " but the curated bucket is in "
              + bucketRegion);
    }
    return new ResolvedKey(keyId, m.keyId(), m.arn());
  }

  static String regionOf(String arn) {
    String[] parts = arn == null ? new String[0] : arn.split(":", 6);
    return parts.length > 3 ? parts[3] : "";
  }
}

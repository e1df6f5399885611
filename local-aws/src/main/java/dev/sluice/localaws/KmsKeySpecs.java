package dev.sluice.localaws;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Key specs, usages and algorithm lists the emulator knows, from the KMS API model. */
final class KmsKeySpecs {

  static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";
  static final String ENCRYPT_DECRYPT = "ENCRYPT_DECRYPT";

  static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
  static final Pattern ALIAS = Pattern.compile("alias/[a-zA-Z0-9/_-]{1,250}");
  static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  /** Allowed usages per key spec; the first is the default. */
  private static final Map<String, List<String>> USAGES =
      Map.ofEntries(
          Map.entry(SYMMETRIC_DEFAULT, List.of(ENCRYPT_DECRYPT)),
          Map.entry("RSA_2048", List.of(ENCRYPT_DECRYPT, "SIGN_VERIFY")),
          Map.entry("RSA_3072", List.of(ENCRYPT_DECRYPT, "SIGN_VERIFY")),
          Map.entry("RSA_4096", List.of(ENCRYPT_DECRYPT, "SIGN_VERIFY")),
          Map.entry("ECC_NIST_P256", List.of("SIGN_VERIFY", "KEY_AGREEMENT")),
          Map.entry("ECC_NIST_P384", List.of("SIGN_VERIFY", "KEY_AGREEMENT")),
          Map.entry("ECC_NIST_P521", List.of("SIGN_VERIFY", "KEY_AGREEMENT")),
          Map.entry("ECC_SECG_P256K1", List.of("SIGN_VERIFY")),
          Map.entry("HMAC_224", List.of("GENERATE_VERIFY_MAC")),
          Map.entry("HMAC_256", List.of("GENERATE_VERIFY_MAC")),
          Map.entry("HMAC_384", List.of("GENERATE_VERIFY_MAC")),
          Map.entry("HMAC_512", List.of("GENERATE_VERIFY_MAC")));

  static final Set<String> KEY_MANAGERS = Set.of("AWS", "CUSTOMER");

  private KmsKeySpecs() {}

  static boolean isKnownSpec(String spec) {
    return USAGES.containsKey(spec);
  }

  static boolean isSymmetric(String spec) {
    return SYMMETRIC_DEFAULT.equals(spec);
  }

  static String defaultUsage(String spec) {
    return USAGES.get(spec).get(0);
  }

  static boolean allows(String spec, String usage) {
    return USAGES.containsKey(spec) && USAGES.get(spec).contains(usage);
  }

  static List<String> encryptionAlgorithms(String spec, String usage) {
    if (!ENCRYPT_DECRYPT.equals(usage)) {
      return List.of();
    }
    return isSymmetric(spec)
        ? List.of(SYMMETRIC_DEFAULT)
        : List.of("RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256");
  }

  static List<String> signingAlgorithms(String spec, String usage) {
    if (!"SIGN_VERIFY".equals(usage)) {
      return List.of();
    }
    if (spec.startsWith("RSA_")) {
      return List.of(
          "RSASSA_PKCS1_V1_5_SHA_256",
          "RSASSA_PKCS1_V1_5_SHA_384",
          "RSASSA_PKCS1_V1_5_SHA_512",
          "RSASSA_PSS_SHA_256",
          "RSASSA_PSS_SHA_384",
          "RSASSA_PSS_SHA_512");
    }
    return switch (spec) {
      case "ECC_NIST_P384" -> List.of("ECDSA_SHA_384");
      case "ECC_NIST_P521" -> List.of("ECDSA_SHA_512");
      default -> List.of("ECDSA_SHA_256");
    };
  }

  static List<String> macAlgorithms(String spec) {
    return spec.startsWith("HMAC_") ? List.of("HMAC_SHA_" + spec.substring(5)) : List.of();
  }
}

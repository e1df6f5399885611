package dev.sluice.ingest.grants;

import dev.sluice.ingest.decide.DatasetSpec;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything needed to write the access grants of one dataset for one consumer role. Validated on
 * construction: a value that could widen the grant (a wildcard in the prefix, a malformed ARN, an
 * empty or inverted time window) is rejected with an {@link IllegalArgumentException} naming the
 * field.
 *
 * @param dataset dataset name (the value of the {@code dataset} encryption context)
 * @param bucket curated bucket
 * @param outputPrefix dataset prefix inside the bucket, without leading or trailing {@code /}
 * @param keyArn ARN of the dataset's KMS key ({@code arn:aws:kms:<region>:<account>:key/<id>})
 * @param region region of the bucket and key, for {@code kms:ViaService}
 * @param roleArn consumer role ARN, or empty for none (then no bucket-policy allow is written)
 * @param notBefore start of the grant, if time-boxed
 * @param notAfter end of the grant, if time-boxed
 */
public record GrantRequest(
    String dataset,
    String bucket,
    String outputPrefix,
    String keyArn,
    String region,
    String roleArn,
    Optional<Instant> notBefore,
    Optional<Instant> notAfter) {
  static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9!_.()'=-]+(/[A-Za-z0-9!_.()'=-]+)*");
  static final Pattern KEY_ARN =
      Pattern.compile("arn:(aws[a-z-]*):kms:([a-z0-9-]+):(\\d{12}):key/[A-Za-z0-9-]{1,128}");
  static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}");
  static final Pattern DATASET = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  public GrantRequest {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(outputPrefix, "outputPrefix");
    Objects.requireNonNull(keyArn, "keyArn");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    outputPrefix = trimSlashes(outputPrefix);
    check(DATASET, dataset, "dataset", "1-128 of [A-Za-z0-9._-]");
    check(BUCKET, bucket, "bucket", "an S3 bucket name");
    check(PREFIX, outputPrefix, "outputPrefix", "a key prefix without wildcards or empty segments");
    check(KEY_ARN, keyArn, "keyArn", "arn:aws:kms:<region>:<account>:key/<key-id>");
    check(REGION, region, "region", "a region such as us-east-1");
    if (!roleArn.isEmpty()) {
      check(ROLE_ARN, roleArn, "roleArn", "arn:aws:iam::<account>:role/<name>");
    }
    if (notBefore.isPresent()
        && notAfter.isPresent()
        && !notBefore.get().isBefore(notAfter.get())) {
      throw new IllegalArgumentException(
          "notBefore must be before notAfter (was "
              + notBefore.get()
              + " / "
              + notAfter.get()
              + ")");
    }
  }

  /** A request for {@code spec}, with the key ARN already resolved. */
  public static GrantRequest of(
      DatasetSpec spec,
      String keyArn,
      String region,
      String roleArn,
      Optional<Instant> notBefore,
      Optional<Instant> notAfter) {
    return new GrantRequest(
        spec.name(),
        spec.bucket(),
        spec.outputPrefix(),
        keyArn,
        region,
        roleArn,
        notBefore,
        notAfter);
  }

  /** The AWS partition ({@code aws}, {@code aws-cn}, ...) of the key ARN. */
  public String partition() {
    var m = KEY_ARN.matcher(keyArn);
    if (!m.matches()) {
      throw new IllegalStateException("validated in the constructor");
    }
    return m.group(1);
  }

  /** Whether {@code keyIdOrArn} is already a key ARN (not an alias ARN, id or alias name). */
  public static boolean isKeyArn(String keyIdOrArn) {
    return KEY_ARN.matcher(keyIdOrArn).matches();
  }

  /**
   * The key ARN of a bare key id ({@code 1234abcd-...}) in {@code account} and {@code region}, or
   * empty when {@code keyId} is not a bare key id (an alias needs a KMS lookup).
   */
  public static Optional<String> keyArnOf(String keyId, String region, String account) {
    if (!keyId.matches("[0-9a-fA-F-]{32,36}|mrk-[0-9a-fA-F]{32}")
        || !account.matches("\\d{12}")
        || !REGION.matcher(region).matches()) {
      return Optional.empty();
    }
    return Optional.of("arn:aws:kms:" + region + ":" + account + ":key/" + keyId);
  }

  private static String trimSlashes(String p) {
    String s = p;
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static void check(Pattern p, String v, String field, String expected) {
    if (v.length() > 1024 || !p.matcher(v).matches()) {
      throw new IllegalArgumentException(field + ": must be " + expected + " (was '" + v + "')");
    }
  }
}

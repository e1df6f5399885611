package dev.sluice.ingest.grants;

import dev.sluice.ingest.decide.DatasetSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything needed to write the access grants of one dataset and classification: the consumer
 * (model) role's, Sluice's own writer role's, the curated bucket's and the dataset key's policies.
 * Validated on construction: a value that could widen a grant (a wildcard in a prefix, a malformed
 * ARN or account, an empty, inverted or over-long time window) is rejected with an {@link
 * IllegalArgumentException} naming the field.
 *
 * @param dataset dataset name (the value of the {@code dataset} encryption context)
 * @param classification dataset classification (the {@code classification} encryption context and
 *     the {@code classification=<label>} prefix segment)
 * @param bucket curated bucket
 * @param outputPrefix dataset prefix inside the bucket, without leading or trailing {@code /}
 * @param keyArn ARN of the dataset's KMS key ({@code arn:aws:kms:<region>:<account>:key/<id>}),
 *     never an alias: an alias can be re-pointed, so conditions name the key itself
 * @param region region of the bucket and key, for {@code kms:ViaService}
 * @param account account that owns the curated bucket and the key ({@code s3:ResourceAccount},
 *     {@code aws:ResourceAccount})
 * @param roleArn consumer role ARN, or empty for none (then no bucket-policy or key-policy consumer
 *     statements are written)
 * @param writerRoleArn Sluice's own role ARN, or empty (then no writer-only bucket deny and no key
 *     policy are written)
 * @param bucketKey whether curated objects are written with an S3 Bucket Key (then KMS sees the
 *     bucket ARN as encryption context, see {@link GrantPolicies})
 * @param sourceBucket raw source bucket Sluice reads, or empty
 * @param sourcePrefixes prefixes of the source bucket Sluice reads (empty: the whole bucket)
 * @param notBefore start of the consumer grant
 * @param notAfter end of the consumer grant (consumer grants always expire)
 */
public record GrantRequest(
    String dataset,
    String classification,
    String bucket,
    String outputPrefix,
    String keyArn,
    String region,
    String account,
    String roleArn,
    String writerRoleArn,
    boolean bucketKey,
    String sourceBucket,
    List<String> sourcePrefixes,
    Instant notBefore,
    Instant notAfter) {
  /** Consumer grants expire after this long unless told otherwise. */
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);

  /** No consumer grant may run longer than this; renew instead. */
  public static final Duration MAX_VALIDITY = Duration.ofDays(366);

  static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9!_.()'=-]+(/[A-Za-z0-9!_.()'=-]+)*");
  static final Pattern KEY_ARN =
      Pattern.compile("arn:(aws[a-z-]*):kms:([a-z0-9-]+):(\\d{12}):key/[A-Za-z0-9-]{1,128}");
  static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}");
  static final Pattern DATASET = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  public GrantRequest {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(classification, "classification");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(outputPrefix, "outputPrefix");
    Objects.requireNonNull(keyArn, "keyArn");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(writerRoleArn, "writerRoleArn");
    Objects.requireNonNull(sourceBucket, "sourceBucket");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    outputPrefix = trimSlashes(outputPrefix);
    sourcePrefixes =
        sourcePrefixes.stream().map(GrantRequest::trimSlashes).filter(s -> !s.isEmpty()).toList();
    notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
    notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
    check(DATASET, dataset, "dataset", "1-128 of [A-Za-z0-9._-]");
    check(LABEL, classification, "classification", "lowercase letters, digits, '_' or '-'");
    check(BUCKET, bucket, "bucket", "an S3 bucket name");
    check(PREFIX, outputPrefix, "outputPrefix", "a key prefix without wildcards or empty segments");
    check(KEY_ARN, keyArn, "keyArn", "arn:aws:kms:<region>:<account>:key/<key-id>");
    check(REGION, region, "region", "a region such as us-east-1");
    check(ACCOUNT, account, "account", "a 12-digit AWS account id");
    if (!roleArn.isEmpty()) {
      check(ROLE_ARN, roleArn, "roleArn", "arn:aws:iam::<account>:role/<name>");
    }
    if (!writerRoleArn.isEmpty()) {
      check(ROLE_ARN, writerRoleArn, "writerRoleArn", "arn:aws:iam::<account>:role/<name>");
    }
    if (!sourceBucket.isEmpty()) {
      check(BUCKET, sourceBucket, "sourceBucket", "an S3 bucket name");
    }
    for (String p : sourcePrefixes) {
      check(PREFIX, p, "sourcePrefixes", "key prefixes without wildcards or empty segments");
    }
    if (!notBefore.isBefore(notAfter)) {
      throw new IllegalArgumentException(
          "notBefore must be before notAfter (was " + notBefore + " / " + notAfter + ")");
    }
    if (Duration.between(notBefore, notAfter).compareTo(MAX_VALIDITY) > 0) {
      throw new IllegalArgumentException(
          "notAfter: a grant may last at most " + MAX_VALIDITY.toDays() + " days; renew instead");
    }
  }

  /**
   * A consumer-only request for {@code spec}, the key ARN already resolved; the resource account is
   * the key's account and the grant runs from {@code notBefore} (default now) to {@code notAfter}
   * (default {@link #DEFAULT_VALIDITY} later).
   */
  public static GrantRequest of(
      DatasetSpec spec,
      String keyArn,
      String region,
      String roleArn,
      Optional<Instant> notBefore,
      Optional<Instant> notAfter) {
    Instant from = notBefore.orElse(Instant.now());
    return new GrantRequest(
        spec.name(),
        spec.classification(),
        spec.bucket(),
        spec.outputPrefix(),
        keyArn,
        region,
        accountOf(keyArn),
        roleArn,
        "",
        false,
        "",
        List.of(),
        from,
        notAfter.orElse(from.plus(DEFAULT_VALIDITY)));
  }

  /** The AWS partition ({@code aws}, {@code aws-cn}, ...) of the key ARN. */
  public String partition() {
    var m = KEY_ARN.matcher(keyArn);
    if (!m.matches()) {
      throw new IllegalStateException("validated in the constructor");
    }
    return m.group(1);
  }

  /** The bare key id of the key ARN. */
  public String keyId() {
    return keyArn.substring(keyArn.indexOf(":key/") + 5);
  }

  /** The account of a key ARN, or empty when {@code keyArn} is not one. */
  public static String accountOf(String keyArn) {
    var m = KEY_ARN.matcher(keyArn);
    return m.matches() ? m.group(3) : "";
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
        || !ACCOUNT.matcher(account).matches()
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

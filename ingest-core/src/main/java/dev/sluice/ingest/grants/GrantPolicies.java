package dev.sluice.ingest.grants;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Access control as code: the IAM identity policy of a consumer (model) role that may read exactly
 * one dataset, and the curated bucket's policy that only accepts the dataset's objects under
 * SSE-KMS with the dataset key, over TLS. Pure generation, no AWS calls; the documents are valid
 * IAM policy JSON ({@code Version 2012-10-17}). Stateless and thread-safe; every call returns new
 * nodes the caller owns.
 *
 * <p>Identity policy statements:
 *
 * <ul>
 *   <li>{@code ReadDatasetObjects}: {@code s3:GetObject} on {@code
 *       arn:aws:s3:::<bucket>/<prefix>/*}
 *   <li>{@code ListDatasetPrefix}: {@code s3:ListBucket} on the bucket, {@code s3:prefix} limited
 *       to {@code <prefix>/} and {@code <prefix>/*}
 *   <li>{@code DecryptDatasetKey}: {@code kms:Decrypt} on the key ARN, only with encryption context
 *       {@code dataset = <name>} and only through S3 in the region
 *   <li>{@code DenyObjectReadsOutsideDataset}: explicit deny of object reads anywhere but the
 *       dataset prefix ({@code NotResource})
 *   <li>{@code DenyListOutsideDataset}: explicit deny of listing other prefixes of the bucket
 * </ul>
 *
 * The allow statements carry the {@code aws:CurrentTime} window when one is given.
 */
public final class GrantPolicies {
  public static final String VERSION = "2012-10-17";
  private static final ObjectMapper JSON = new ObjectMapper();

  private GrantPolicies() {}

  /** {@code {"identityPolicy": ..., "bucketPolicy": ...}}. */
  public static ObjectNode both(GrantRequest r) {
    ObjectNode root = JSON.createObjectNode();
    root.set("identityPolicy", identityPolicy(r));
    root.set("bucketPolicy", bucketPolicy(r));
    return root;
  }

  /** The consumer role's identity policy. */
  public static ObjectNode identityPolicy(GrantRequest r) {
    ObjectNode p = JSON.createObjectNode();
    p.put("Version", VERSION);
    ArrayNode st = p.putArray("Statement");

    ObjectNode get = st.addObject();
    get.put("Sid", "ReadDatasetObjects");
    get.put("Effect", "Allow");
    get.put("Action", "s3:GetObject");
    get.put("Resource", objects(r));
    timeBox(get, r);

    ObjectNode list = st.addObject();
    list.put("Sid", "ListDatasetPrefix");
    list.put("Effect", "Allow");
    list.put("Action", "s3:ListBucket");
    list.put("Resource", bucketArn(r));
    prefixes(list.putObject("Condition").putObject("StringLike").putArray("s3:prefix"), r);
    timeBox(list, r);

    ObjectNode kms = st.addObject();
    kms.put("Sid", "DecryptDatasetKey");
    kms.put("Effect", "Allow");
    kms.put("Action", "kms:Decrypt");
    kms.put("Resource", r.keyArn());
    ObjectNode eq = kms.putObject("Condition").putObject("StringEquals");
    eq.put("kms:EncryptionContext:dataset", r.dataset());
    eq.put("kms:ViaService", "s3." + r.region() + ".amazonaws.com");
    timeBox(kms, r);

    ObjectNode denyObjects = st.addObject();
    denyObjects.put("Sid", "DenyObjectReadsOutsideDataset");
    denyObjects.put("Effect", "Deny");
    ArrayNode actions = denyObjects.putArray("Action");
    actions.add("s3:GetObject");
    actions.add("s3:GetObjectVersion");
    actions.add("s3:GetObjectAttributes");
    denyObjects.put("NotResource", objects(r));

    ObjectNode denyList = st.addObject();
    denyList.put("Sid", "DenyListOutsideDataset");
    denyList.put("Effect", "Deny");
    ArrayNode listActions = denyList.putArray("Action");
    listActions.add("s3:ListBucket");
    listActions.add("s3:ListBucketVersions");
    denyList.put("Resource", bucketArn(r));
    prefixes(denyList.putObject("Condition").putObject("StringNotLike").putArray("s3:prefix"), r);
    return p;
  }

  /**
   * The curated bucket's policy for the dataset prefix: deny PutObject without SSE-KMS, deny
   * PutObject under any key but the dataset key, deny any request without TLS; and, when a role ARN
   * is given, allow that role to read and list the dataset prefix (within the time window).
   */
  public static ObjectNode bucketPolicy(GrantRequest r) {
    ObjectNode p = JSON.createObjectNode();
    p.put("Version", VERSION);
    p.put("Id", "sluice-dataset-" + r.dataset());
    ArrayNode st = p.putArray("Statement");

    ObjectNode notKms = st.addObject();
    notKms.put("Sid", "DenyPutWithoutSseKms");
    notKms.put("Effect", "Deny");
    notKms.put("Principal", "*");
    notKms.put("Action", "s3:PutObject");
    notKms.put("Resource", objects(r));
    notKms
        .putObject("Condition")
        .putObject("StringNotEquals")
        .put("s3:x-amz-server-side-encryption", "aws:kms");

    ObjectNode wrongKey = st.addObject();
    wrongKey.put("Sid", "DenyPutWithoutDatasetKey");
    wrongKey.put("Effect", "Deny");
    wrongKey.put("Principal", "*");
    wrongKey.put("Action", "s3:PutObject");
    wrongKey.put("Resource", objects(r));
    wrongKey
        .putObject("Condition")
        .putObject("StringNotEquals")
        .put("s3:x-amz-server-side-encryption-aws-kms-key-id", r.keyArn());

    ObjectNode tls = st.addObject();
    tls.put("Sid", "DenyInsecureTransport");
    tls.put("Effect", "Deny");
    tls.put("Principal", "*");
    tls.put("Action", "s3:*");
    ArrayNode res = tls.putArray("Resource");
    res.add(bucketArn(r));
    res.add(bucketArn(r) + "/*");
    tls.putObject("Condition").putObject("Bool").put("aws:SecureTransport", "false");

    if (!r.roleArn().isEmpty()) {
      ObjectNode read = st.addObject();
      read.put("Sid", "AllowConsumerRead");
      read.put("Effect", "Allow");
      read.putObject("Principal").put("AWS", r.roleArn());
      read.put("Action", "s3:GetObject");
      read.put("Resource", objects(r));
      timeBox(read, r);

      ObjectNode list = st.addObject();
      list.put("Sid", "AllowConsumerList");
      list.put("Effect", "Allow");
      list.putObject("Principal").put("AWS", r.roleArn());
      list.put("Action", "s3:ListBucket");
      list.put("Resource", bucketArn(r));
      prefixes(list.putObject("Condition").putObject("StringLike").putArray("s3:prefix"), r);
      timeBox(list, r);
    }
    return p;
  }

  private static String bucketArn(GrantRequest r) {
    return "arn:" + r.partition() + ":s3:::" + r.bucket();
  }

  private static String objects(GrantRequest r) {
    return bucketArn(r) + "/" + r.outputPrefix() + "/*";
  }

  private static void prefixes(ArrayNode a, GrantRequest r) {
    a.add(r.outputPrefix() + "/");
    a.add(r.outputPrefix() + "/*");
  }

  private static void timeBox(ObjectNode statement, GrantRequest r) {
    if (r.notBefore().isEmpty() && r.notAfter().isEmpty()) {
      return;
    }
    ObjectNode cond =
        statement.has("Condition")
            ? (ObjectNode) statement.get("Condition")
            : statement.putObject("Condition");
    r.notBefore().ifPresent(t -> cond.putObject("DateGreaterThan").put("aws:CurrentTime", iso(t)));
    r.notAfter().ifPresent(t -> cond.putObject("DateLessThan").put("aws:CurrentTime", iso(t)));
  }

  private static String iso(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}

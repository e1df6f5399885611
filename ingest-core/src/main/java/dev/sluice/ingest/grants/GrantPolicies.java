package dev.sluice.ingest.grants;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Access control as code for one dataset and classification: the consumer (model) role's identity
 * policy, the curated bucket's policy, Sluice's own writer role policy and the dataset key's key
 * policy. Pure generation, no AWS calls; every document is IAM policy JSON ({@code Version
 * 2012-10-17}). Stateless and thread-safe; every call returns new nodes the caller owns.
 * docs/reports-and-grants.md explains each statement.
 *
 * <p>Scope. A consumer reads {@code <prefix>/classification=<label>/} only (the default partition
 * layout), within {@code [notBefore, notAfter)}, and only in the resource account. Denies outside
 * that scope live in the bucket policy, where they apply to this bucket only: an identity-policy
 * {@code NotResource} deny would also block every object in every other bucket of every account.
 *
 * <p>Encryption context and S3 Bucket Keys. Sluice writes every curated object with the context
 * {@code {dataset, classification, run}}; S3 adds {@code aws:s3:arn}. Without a bucket key ({@code
 * bucketKey=false}) KMS sees the object ARN plus those pairs on every GenerateDataKey and Decrypt,
 * so the KMS conditions name the dataset, the classification and the object ARN prefix. With a
 * bucket key, S3 asks KMS for a bucket-level key under the context {@code aws:s3:arn = <bucket
 * ARN>}; object ARNs never reach KMS and we do not rely on the custom pairs reaching it. The KMS
 * conditions then name the bucket ARN, and the dataset boundary holds through the S3 statements
 * (object reads only under the dataset prefix) and a key used by this dataset only.
 *
 * <p>Key names. Conditions and resources always use the key ARN: an alias can be re-pointed to
 * another key. Sluice sends the key ARN on PutObject when the dataset's key is configured as an
 * alias; a configured key id or ARN is sent as configured, so the bucket policy accepts the ARN and
 * the bare key id.
 */
public final class GrantPolicies {
  public static final String VERSION = "2012-10-17";
  private static final ObjectMapper JSON = new ObjectMapper();

  private GrantPolicies() {}

  /**
   * {@code {"identityPolicy", "bucketPolicy", "writerPolicy"}}, plus {@code "keyPolicy"} when the
   * request names the writer role.
   */
  public static ObjectNode all(GrantRequest r) {
    ObjectNode root = JSON.createObjectNode();
    root.set("identityPolicy", identityPolicy(r));
    root.set("bucketPolicy", bucketPolicy(r));
    root.set("writerPolicy", writerPolicy(r));
    if (!r.writerRoleArn().isEmpty()) {
      root.set("keyPolicy", keyPolicy(r));
    }
    return root;
  }

  /** The consumer role's identity policy. */
  public static ObjectNode identityPolicy(GrantRequest r) {
    ObjectNode p = document();
    ArrayNode st = p.putArray("Statement");

    ObjectNode get = allow(st, "ReadDatasetObjects", "s3:GetObject", scopeObjects(r));
    resourceAccount(get, "s3:ResourceAccount", r);
    timeBox(get, r);

    ObjectNode list = allow(st, "ListDatasetPrefix", "s3:ListBucket", bucketArn(r));
    prefixes(condition(list, "StringLike").putArray("s3:prefix"), scope(r));
    resourceAccount(list, "s3:ResourceAccount", r);
    timeBox(list, r);

    ObjectNode kms = allow(st, "DecryptDatasetKey", "kms:Decrypt", r.keyArn());
    kmsConditions(kms, r, scopeObjects(r), true);
    timeBox(kms, r);

    ObjectNode denyList = st.addObject();
    denyList.put("Sid", "DenyListOtherPrefixesOfThisBucket");
    denyList.put("Effect", "Deny");
    ArrayNode listActions = denyList.putArray("Action");
    listActions.add("s3:ListBucket");
    listActions.add("s3:ListBucketVersions");
    denyList.put("Resource", bucketArn(r));
    prefixes(condition(denyList, "StringNotLike").putArray("s3:prefix"), scope(r));
    return p;
  }

  /**
   * The curated bucket's policy: only SSE-KMS with the dataset key under the dataset prefix, only
   * the writer role may put there, TLS only; with a consumer role, that role's time-boxed read and
   * list of its classification prefix and a deny of its reads anywhere else in this bucket.
   */
  public static ObjectNode bucketPolicy(GrantRequest r) {
    ObjectNode p = document();
    p.put("Id", "sluice-dataset-" + r.dataset());
    ArrayNode st = p.putArray("Statement");

    ObjectNode notKms = deny(st, "DenyPutWithoutSseKms", "s3:PutObject", datasetObjects(r));
    condition(notKms, "StringNotEquals").put("s3:x-amz-server-side-encryption", "aws:kms");

    ObjectNode wrongKey = deny(st, "DenyPutWithoutDatasetKey", "s3:PutObject", datasetObjects(r));
    ArrayNode keys =
        condition(wrongKey, "StringNotEquals")
            .putArray("s3:x-amz-server-side-encryption-aws-kms-key-id");
    keys.add(r.keyArn());
    keys.add(r.keyId());

    if (!r.writerRoleArn().isEmpty()) {
      ObjectNode onlyWriter =
          deny(st, "DenyPutByAnyoneButSluice", "s3:PutObject", datasetObjects(r));
      condition(onlyWriter, "ArnNotEquals").put("aws:PrincipalArn", r.writerRoleArn());
    }

    ObjectNode tls = st.addObject();
    tls.put("Sid", "DenyInsecureTransport");
    tls.put("Effect", "Deny");
    tls.put("Principal", "*");
    tls.put("Action", "s3:*");
    ArrayNode res = tls.putArray("Resource");
    res.add(bucketArn(r));
    res.add(bucketArn(r) + "/*");
    condition(tls, "Bool").put("aws:SecureTransport", "false");

    if (!r.roleArn().isEmpty()) {
      ObjectNode read = allow(st, "AllowConsumerRead", "s3:GetObject", scopeObjects(r));
      read.putObject("Principal").put("AWS", r.roleArn());
      timeBox(read, r);

      ObjectNode list = allow(st, "AllowConsumerList", "s3:ListBucket", bucketArn(r));
      list.putObject("Principal").put("AWS", r.roleArn());
      prefixes(condition(list, "StringLike").putArray("s3:prefix"), scope(r));
      timeBox(list, r);

      ObjectNode outside = st.addObject();
      outside.put("Sid", "DenyConsumerReadsOutsideDataset");
      outside.put("Effect", "Deny");
      outside.putObject("Principal").put("AWS", r.roleArn());
      ArrayNode actions = outside.putArray("Action");
      actions.add("s3:GetObject");
      actions.add("s3:GetObjectVersion");
      actions.add("s3:GetObjectAttributes");
      // a bucket policy applies to this bucket only: this denies the bucket's other prefixes
      outside.put("NotResource", scopeObjects(r));
    }
    return p;
  }

  /**
   * Sluice's own role policy: exactly the calls an ingest run makes. Source: ListBucket (prefix
   * bound) and GetObject/GetObjectVersion. Curated: HeadBucket and ListBucket (publish lists the
   * run prefix), PutObject only as SSE-KMS with the dataset key, AbortMultipartUpload, GetObject
   * (HeadObject verification), DeleteObject (orphan cleanup) under the dataset prefix. KMS:
   * DescribeKey (pre-flight), GenerateDataKey and Decrypt (multipart) via S3 with the dataset's
   * encryption context. Macie: ListFindings and GetFindings (no resource-level permissions).
   */
  public static ObjectNode writerPolicy(GrantRequest r) {
    ObjectNode p = document();
    ArrayNode st = p.putArray("Statement");

    if (!r.sourceBucket().isEmpty()) {
      String src = "arn:" + r.partition() + ":s3:::" + r.sourceBucket();
      ObjectNode list = allow(st, "ListSource", "s3:ListBucket", src);
      if (!r.sourcePrefixes().isEmpty()) {
        ArrayNode a = condition(list, "StringLike").putArray("s3:prefix");
        r.sourcePrefixes().forEach(sp -> prefixes(a, sp));
      }
      resourceAccount(list, "s3:ResourceAccount", r);
      ObjectNode read = st.addObject();
      read.put("Sid", "ReadSource");
      read.put("Effect", "Allow");
      ArrayNode actions = read.putArray("Action");
      actions.add("s3:GetObject");
      actions.add("s3:GetObjectVersion");
      if (r.sourcePrefixes().isEmpty()) {
        read.put("Resource", src + "/*");
      } else {
        ArrayNode res = read.putArray("Resource");
        r.sourcePrefixes().forEach(sp -> res.add(src + "/" + sp + "/*"));
      }
      resourceAccount(read, "s3:ResourceAccount", r);
    }

    ObjectNode head = allow(st, "HeadCuratedBucket", "s3:ListBucket", bucketArn(r));
    // HeadBucket (pre-flight) is authorised as ListBucket and carries no prefix
    condition(head, "Null").put("s3:prefix", "true");
    resourceAccount(head, "s3:ResourceAccount", r);

    ObjectNode list = allow(st, "ListDatasetPrefix", "s3:ListBucket", bucketArn(r));
    prefixes(condition(list, "StringLike").putArray("s3:prefix"), r.outputPrefix());
    resourceAccount(list, "s3:ResourceAccount", r);

    ObjectNode put =
        allow(st, "PutDatasetObjectsWithDatasetKey", "s3:PutObject", datasetObjects(r));
    ObjectNode eq = condition(put, "StringEquals");
    eq.put("s3:x-amz-server-side-encryption", "aws:kms");
    ArrayNode keys = eq.putArray("s3:x-amz-server-side-encryption-aws-kms-key-id");
    keys.add(r.keyArn());
    keys.add(r.keyId());
    eq.put("s3:ResourceAccount", r.account());

    ObjectNode manage = st.addObject();
    manage.put("Sid", "VerifyAbortAndCleanUpDatasetObjects");
    manage.put("Effect", "Allow");
    ArrayNode ma = manage.putArray("Action");
    ma.add("s3:GetObject");
    ma.add("s3:AbortMultipartUpload");
    ma.add("s3:DeleteObject");
    manage.put("Resource", datasetObjects(r));
    resourceAccount(manage, "s3:ResourceAccount", r);

    ObjectNode describe = allow(st, "DescribeDatasetKey", "kms:DescribeKey", r.keyArn());
    resourceAccount(describe, "aws:ResourceAccount", r);

    ObjectNode kms = st.addObject();
    kms.put("Sid", "UseDatasetKeyViaS3");
    kms.put("Effect", "Allow");
    ArrayNode ka = kms.putArray("Action");
    ka.add("kms:GenerateDataKey");
    ka.add("kms:Decrypt");
    kms.put("Resource", r.keyArn());
    kmsConditions(kms, r, datasetObjects(r), true);

    ObjectNode macie = st.addObject();
    macie.put("Sid", "ReadMacieFindings");
    macie.put("Effect", "Allow");
    ArrayNode mac = macie.putArray("Action");
    mac.add("macie2:ListFindings");
    mac.add("macie2:GetFindings");
    macie.put("Resource", "*");
    return p;
  }

  /**
   * The dataset key's key policy: the account keeps administration; the writer role may describe
   * the key and use it through S3 with the dataset's context; the consumer role may decrypt through
   * S3 with that context within its window; and every GenerateDataKey or Decrypt without the
   * dataset's context is denied, whoever asks.
   *
   * @throws IllegalArgumentException when the request names no writer role
   */
  public static ObjectNode keyPolicy(GrantRequest r) {
    if (r.writerRoleArn().isEmpty()) {
      throw new IllegalArgumentException("writerRoleArn: required for the key policy");
    }
    ObjectNode p = document();
    p.put("Id", "sluice-key-" + r.dataset());
    ArrayNode st = p.putArray("Statement");

    ObjectNode admin = st.addObject();
    admin.put("Sid", "AccountAdministersKey");
    admin.put("Effect", "Allow");
    admin
        .putObject("Principal")
        .put("AWS", "arn:" + r.partition() + ":iam::" + r.account() + ":root");
    ArrayNode adminActions = admin.putArray("Action");
    for (String a :
        new String[] {
          "kms:Describe*",
          "kms:Get*",
          "kms:List*",
          "kms:Put*",
          "kms:Update*",
          "kms:Enable*",
          "kms:Disable*",
          "kms:TagResource",
          "kms:UntagResource",
          "kms:ScheduleKeyDeletion",
          "kms:CancelKeyDeletion",
          "kms:CreateAlias",
          "kms:DeleteAlias"
        }) {
      adminActions.add(a);
    }
    admin.put("Resource", "*");

    ObjectNode describe = allow(st, "WriterDescribesKey", "kms:DescribeKey", "*");
    describe.putObject("Principal").put("AWS", r.writerRoleArn());

    ObjectNode write = st.addObject();
    write.put("Sid", "WriterUsesKeyViaS3ForDataset");
    write.put("Effect", "Allow");
    write.putObject("Principal").put("AWS", r.writerRoleArn());
    ArrayNode wa = write.putArray("Action");
    wa.add("kms:GenerateDataKey");
    wa.add("kms:Decrypt");
    write.put("Resource", "*");
    kmsConditions(write, r, datasetObjects(r), false);

    if (!r.roleArn().isEmpty()) {
      ObjectNode read = allow(st, "ConsumerDecryptsViaS3ForDataset", "kms:Decrypt", "*");
      read.putObject("Principal").put("AWS", r.roleArn());
      kmsConditions(read, r, scopeObjects(r), false);
      timeBox(read, r);
    }

    ObjectNode enforce = st.addObject();
    enforce.put("Sid", "DenyUseWithoutDatasetContext");
    enforce.put("Effect", "Deny");
    enforce.put("Principal", "*");
    ArrayNode ea = enforce.putArray("Action");
    ea.add("kms:GenerateDataKey");
    ea.add("kms:Decrypt");
    enforce.put("Resource", "*");
    ObjectNode ne = condition(enforce, "StringNotEquals");
    if (r.bucketKey()) {
      ne.put("kms:EncryptionContext:aws:s3:arn", bucketArn(r));
    } else {
      ne.put("kms:EncryptionContext:dataset", r.dataset());
    }
    return p;
  }

  /**
   * KMS conditions: via S3 in the region, and the dataset's encryption context (object-ARN form
   * without a bucket key, bucket ARN with one); {@code account} adds {@code aws:ResourceAccount}
   * (identity policies; a key policy is the key's own account by construction).
   */
  private static void kmsConditions(
      ObjectNode statement, GrantRequest r, String objectArns, boolean account) {
    ObjectNode eq = condition(statement, "StringEquals");
    eq.put("kms:ViaService", "s3." + r.region() + ".amazonaws.com");
    if (account) {
      eq.put("aws:ResourceAccount", r.account());
    }
    if (r.bucketKey()) {
      eq.put("kms:EncryptionContext:aws:s3:arn", bucketArn(r));
    } else {
      eq.put("kms:EncryptionContext:dataset", r.dataset());
      eq.put("kms:EncryptionContext:classification", r.classification());
      condition(statement, "StringLike").put("kms:EncryptionContext:aws:s3:arn", objectArns);
    }
  }

  private static ObjectNode document() {
    ObjectNode p = JSON.createObjectNode();
    p.put("Version", VERSION);
    return p;
  }

  private static ObjectNode allow(ArrayNode st, String sid, String action, String resource) {
    ObjectNode s = st.addObject();
    s.put("Sid", sid);
    s.put("Effect", "Allow");
    s.put("Action", action);
    s.put("Resource", resource);
    return s;
  }

  private static ObjectNode deny(ArrayNode st, String sid, String action, String resource) {
    ObjectNode s = st.addObject();
    s.put("Sid", sid);
    s.put("Effect", "Deny");
    s.put("Principal", "*");
    s.put("Action", action);
    s.put("Resource", resource);
    return s;
  }

  private static ObjectNode condition(ObjectNode statement, String operator) {
    ObjectNode cond =
        statement.has("Condition")
            ? (ObjectNode) statement.get("Condition")
            : statement.putObject("Condition");
    return cond.has(operator) ? (ObjectNode) cond.get(operator) : cond.putObject(operator);
  }

  private static void resourceAccount(ObjectNode statement, String key, GrantRequest r) {
    condition(statement, "StringEquals").put(key, r.account());
  }

  private static String bucketArn(GrantRequest r) {
    return "arn:" + r.partition() + ":s3:::" + r.bucket();
  }

  /** Every object of the dataset (all classifications): the writer's scope. */
  private static String datasetObjects(GrantRequest r) {
    return bucketArn(r) + "/" + r.outputPrefix() + "/*";
  }

  /** The consumer's prefix: the dataset's classification partition. */
  static String scope(GrantRequest r) {
    return r.outputPrefix() + "/classification=" + r.classification();
  }

  private static String scopeObjects(GrantRequest r) {
    return bucketArn(r) + "/" + scope(r) + "/*";
  }

  private static void prefixes(ArrayNode a, String prefix) {
    a.add(prefix + "/");
    a.add(prefix + "/*");
  }

  private static void timeBox(ObjectNode statement, GrantRequest r) {
    condition(statement, "DateGreaterThan").put("aws:CurrentTime", iso(r.notBefore()));
    condition(statement, "DateLessThan").put("aws:CurrentTime", iso(r.notAfter()));
  }

  private static String iso(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}

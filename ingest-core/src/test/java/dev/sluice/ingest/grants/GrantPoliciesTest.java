package dev.sluice.ingest.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.ingest.decide.DatasetSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GrantPoliciesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
  static final String KEY = "arn:aws:kms:eu-west-1:111122223333:key/" + KEY_ID;
  static final String ROLE = "arn:aws:iam::111122223333:role/model-support";
  static final String WRITER = "arn:aws:iam::111122223333:role/sluice";
  static final Instant FROM = Instant.parse("2026-06-01T00:00:00.250Z");
  static final Instant TO = Instant.parse("2026-06-08T00:00:00Z");

  static GrantRequest request(String role, String writer, boolean bucketKey) {
    return new GrantRequest(
        "support-kb",
        "internal",
        "curated",
        "/support-kb/",
        KEY,
        "eu-west-1",
        "111122223333",
        role,
        writer,
        bucketKey,
        "raw-docs",
        List.of("support/", "public"),
        FROM,
        TO);
  }

  static JsonNode json(String s) throws Exception {
    return JSON.readTree(s.replace('\'', '"'));
  }

  static final String TIME =
      "'DateGreaterThan':{'aws:CurrentTime':'2026-06-01T00:00:00Z'},"
          + "'DateLessThan':{'aws:CurrentTime':'2026-06-08T00:00:00Z'}";

  @Test
  void consumerIdentityPolicyIsScopedToDatasetClassificationAccountAndTime() throws Exception {
    JsonNode actual = GrantPolicies.identityPolicy(request("", "", false));
    JsonNode expected =
        json(
            """
            {'Version':'2012-10-17','Statement':[
             {'Sid':'ReadDatasetObjects','Effect':'Allow','Action':'s3:GetObject',
              'Resource':'arn:aws:s3:::curated/support-kb/classification=internal/*',
              'Condition':{'StringEquals':{'s3:ResourceAccount':'111122223333'},%2$s}},
             {'Sid':'ListDatasetPrefix','Effect':'Allow','Action':'s3:ListBucket',
              'Resource':'arn:aws:s3:::curated',
              'Condition':{'StringLike':{'s3:prefix':['support-kb/classification=internal/',
                                                      'support-kb/classification=internal/*']},
                           'StringEquals':{'s3:ResourceAccount':'111122223333'},%2$s}},
             {'Sid':'DecryptDatasetKey','Effect':'Allow','Action':'kms:Decrypt',
              'Resource':'%1$s',
              'Condition':{'StringEquals':{'kms:ViaService':'s3.eu-west-1.amazonaws.com',
                                           'aws:ResourceAccount':'111122223333',
                                           'kms:EncryptionContext:dataset':'support-kb',
                                           'kms:EncryptionContext:classification':'internal'},
                           'StringLike':{'kms:EncryptionContext:aws:s3:arn':
                               'arn:aws:s3:::curated/support-kb/classification=internal/*'},%2$s}},
             {'Sid':'DenyListOtherPrefixesOfThisBucket','Effect':'Deny',
              'Action':['s3:ListBucket','s3:ListBucketVersions'],
              'Resource':'arn:aws:s3:::curated',
              'Condition':{'StringNotLike':{'s3:prefix':['support-kb/classification=internal/',
                                                         'support-kb/classification=internal/*']}}}]}
            """
                .formatted(KEY, TIME));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void noIdentityStatementDeniesOtherBucketsOrAccounts() {
    for (JsonNode s :
        GrantPolicies.identityPolicy(request(ROLE, WRITER, false)).path("Statement")) {
      assertThat(s.has("NotResource")).as(s.toString()).isFalse();
      if (s.path("Effect").asText().equals("Deny")) {
        assertThat(s.path("Resource").asText()).isEqualTo("arn:aws:s3:::curated");
      }
    }
  }

  @Test
  void everyConsumerAllowExpires() {
    for (JsonNode doc :
        List.of(
            GrantPolicies.identityPolicy(request(ROLE, WRITER, false)),
            GrantPolicies.bucketPolicy(request(ROLE, WRITER, false)))) {
      for (JsonNode s : doc.path("Statement")) {
        if (s.path("Effect").asText().equals("Allow")) {
          assertThat(s.path("Condition").path("DateLessThan").path("aws:CurrentTime").asText())
              .as(s.path("Sid").asText())
              .isEqualTo("2026-06-08T00:00:00Z");
        }
      }
    }
    JsonNode consumerKms =
        GrantPolicies.keyPolicy(request(ROLE, WRITER, false)).path("Statement").get(3);
    assertThat(consumerKms.path("Sid").asText()).isEqualTo("ConsumerDecryptsViaS3ForDataset");
    assertThat(consumerKms.path("Condition").path("DateLessThan").path("aws:CurrentTime").asText())
        .isEqualTo("2026-06-08T00:00:00Z");
  }

  @Test
  void grantsExpireAfterSevenDaysByDefault() {
    DatasetSpec spec =
        new DatasetSpec("support-kb", List.of(), "curated", "support-kb", KEY, "internal");
    Instant start = Instant.parse("2026-06-01T00:00:00Z");
    GrantRequest r =
        GrantRequest.of(spec, KEY, "eu-west-1", ROLE, Optional.of(start), Optional.empty());
    assertThat(r.notAfter()).isEqualTo(Instant.parse("2026-06-08T00:00:00Z"));
    assertThat(r.account()).isEqualTo("111122223333");
    assertThat(Duration.between(start, r.notAfter())).isEqualTo(GrantRequest.DEFAULT_VALIDITY);
  }

  @Test
  void bucketPolicyEnforcesKeyWriterAndTlsAndScopesTheConsumerDenyToThisBucket() throws Exception {
    JsonNode actual = GrantPolicies.bucketPolicy(request(ROLE, WRITER, false));
    JsonNode expected =
        json(
            """
            {'Version':'2012-10-17','Id':'sluice-dataset-support-kb','Statement':[
             {'Sid':'DenyPutWithoutSseKms','Effect':'Deny','Principal':'*','Action':'s3:PutObject',
              'Resource':'arn:aws:s3:::curated/support-kb/*',
              'Condition':{'StringNotEquals':{'s3:x-amz-server-side-encryption':'aws:kms'}}},
             {'Sid':'DenyPutWithoutDatasetKey','Effect':'Deny','Principal':'*','Action':'s3:PutObject',
              'Resource':'arn:aws:s3:::curated/support-kb/*',
              'Condition':{'StringNotEquals':{
                 's3:x-amz-server-side-encryption-aws-kms-key-id':['%1$s','%2$s']}}},
             {'Sid':'DenyPutByAnyoneButSluice','Effect':'Deny','Principal':'*','Action':'s3:PutObject',
              'Resource':'arn:aws:s3:::curated/support-kb/*',
              'Condition':{'ArnNotEquals':{'aws:PrincipalArn':'%3$s'}}},
             {'Sid':'DenyInsecureTransport','Effect':'Deny','Principal':'*','Action':'s3:*',
              'Resource':['arn:aws:s3:::curated','arn:aws:s3:::curated/*'],
              'Condition':{'Bool':{'aws:SecureTransport':'false'}}},
             {'Sid':'AllowConsumerRead','Effect':'Allow','Action':'s3:GetObject',
              'Resource':'arn:aws:s3:::curated/support-kb/classification=internal/*',
              'Principal':{'AWS':'%4$s'},'Condition':{%5$s}},
             {'Sid':'AllowConsumerList','Effect':'Allow','Action':'s3:ListBucket',
              'Resource':'arn:aws:s3:::curated','Principal':{'AWS':'%4$s'},
              'Condition':{'StringLike':{'s3:prefix':['support-kb/classification=internal/',
                                                      'support-kb/classification=internal/*']},%5$s}},
             {'Sid':'DenyConsumerReadsOutsideDataset','Effect':'Deny','Principal':{'AWS':'%4$s'},
              'Action':['s3:GetObject','s3:GetObjectVersion','s3:GetObjectAttributes'],
              'NotResource':'arn:aws:s3:::curated/support-kb/classification=internal/*'}]}
            """
                .formatted(KEY, KEY_ID, WRITER, ROLE, TIME));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void writerPolicyHoldsExactlyTheCallsSluiceMakes() throws Exception {
    JsonNode actual = GrantPolicies.writerPolicy(request("", WRITER, false));
    JsonNode expected =
        json(
            """
            {'Version':'2012-10-17','Statement':[
             {'Sid':'ListSource','Effect':'Allow','Action':'s3:ListBucket',
              'Resource':'arn:aws:s3:::raw-docs',
              'Condition':{'StringLike':{'s3:prefix':['support/','support/*','public/','public/*']},
                           'StringEquals':{'s3:ResourceAccount':'111122223333'}}},
             {'Sid':'ReadSource','Effect':'Allow','Action':['s3:GetObject','s3:GetObjectVersion'],
              'Resource':['arn:aws:s3:::raw-docs/support/*','arn:aws:s3:::raw-docs/public/*'],
              'Condition':{'StringEquals':{'s3:ResourceAccount':'111122223333'}}},
             {'Sid':'HeadCuratedBucket','Effect':'Allow','Action':'s3:ListBucket',
              'Resource':'arn:aws:s3:::curated',
              'Condition':{'Null':{'s3:prefix':'true'},
                           'StringEquals':{'s3:ResourceAccount':'111122223333'}}},
             {'Sid':'ListDatasetPrefix','Effect':'Allow','Action':'s3:ListBucket',
              'Resource':'arn:aws:s3:::curated',
              'Condition':{'StringLike':{'s3:prefix':['support-kb/','support-kb/*']},
                           'StringEquals':{'s3:ResourceAccount':'111122223333'}}},
             {'Sid':'PutDatasetObjectsWithDatasetKey','Effect':'Allow','Action':'s3:PutObject',
              'Resource':'arn:aws:s3:::curated/support-kb/*',
              'Condition':{'StringEquals':{'s3:x-amz-server-side-encryption':'aws:kms',
                  's3:x-amz-server-side-encryption-aws-kms-key-id':['%1$s','%2$s'],
                  's3:ResourceAccount':'111122223333'}}},
             {'Sid':'VerifyAbortAndCleanUpDatasetObjects','Effect':'Allow',
              'Action':['s3:GetObject','s3:AbortMultipartUpload','s3:DeleteObject'],
              'Resource':'arn:aws:s3:::curated/support-kb/*',
              'Condition':{'StringEquals':{'s3:ResourceAccount':'111122223333'}}},
             {'Sid':'DescribeDatasetKey','Effect':'Allow','Action':'kms:DescribeKey',
              'Resource':'%1$s',
              'Condition':{'StringEquals':{'aws:ResourceAccount':'111122223333'}}},
             {'Sid':'UseDatasetKeyViaS3','Effect':'Allow',
              'Action':['kms:GenerateDataKey','kms:Decrypt'],'Resource':'%1$s',
              'Condition':{'StringEquals':{'kms:ViaService':'s3.eu-west-1.amazonaws.com',
                                           'aws:ResourceAccount':'111122223333',
                                           'kms:EncryptionContext:dataset':'support-kb',
                                           'kms:EncryptionContext:classification':'internal'},
                           'StringLike':{'kms:EncryptionContext:aws:s3:arn':
                                             'arn:aws:s3:::curated/support-kb/*'}}},
             {'Sid':'ReadMacieFindings','Effect':'Allow',
              'Action':['macie2:ListFindings','macie2:GetFindings'],'Resource':'*'}]}
            """
                .formatted(KEY, KEY_ID));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void keyPolicyEnforcesTheDatasetContextOnGenerateDataKeyAndDecrypt() {
    JsonNode st = GrantPolicies.keyPolicy(request(ROLE, WRITER, false)).path("Statement");
    assertThat(st.get(0).path("Principal").path("AWS").asText())
        .isEqualTo("arn:aws:iam::111122223333:root");
    assertThat(st.get(0).path("Action").toString()).doesNotContain("kms:Decrypt", "kms:Generate");
    JsonNode writer = st.get(2);
    assertThat(writer.path("Principal").path("AWS").asText()).isEqualTo(WRITER);
    assertThat(writer.path("Action").toString())
        .isEqualTo("[\"kms:GenerateDataKey\",\"kms:Decrypt\"]");
    assertThat(writer.path("Condition").path("StringEquals").path("kms:ViaService").asText())
        .isEqualTo("s3.eu-west-1.amazonaws.com");
    assertThat(
            writer
                .path("Condition")
                .path("StringEquals")
                .path("kms:EncryptionContext:dataset")
                .asText())
        .isEqualTo("support-kb");
    JsonNode enforce = st.get(4);
    assertThat(enforce.path("Sid").asText()).isEqualTo("DenyUseWithoutDatasetContext");
    assertThat(enforce.path("Effect").asText()).isEqualTo("Deny");
    assertThat(enforce.path("Principal").asText()).isEqualTo("*");
    assertThat(enforce.path("Action").toString())
        .isEqualTo("[\"kms:GenerateDataKey\",\"kms:Decrypt\"]");
    assertThat(
            enforce
                .path("Condition")
                .path("StringNotEquals")
                .path("kms:EncryptionContext:dataset")
                .asText())
        .isEqualTo("support-kb");
    assertThatThrownBy(() -> GrantPolicies.keyPolicy(request(ROLE, "", false)))
        .hasMessage("writerRoleArn: required for the key policy");
  }

  @Test
  void withABucketKeyTheKmsConditionsNameTheBucketArn() {
    GrantRequest r = request(ROLE, WRITER, true);
    List<JsonNode> kmsStatements =
        List.of(
            GrantPolicies.identityPolicy(r).path("Statement").get(2),
            GrantPolicies.writerPolicy(r).path("Statement").get(7),
            GrantPolicies.keyPolicy(r).path("Statement").get(2),
            GrantPolicies.keyPolicy(r).path("Statement").get(3));
    for (JsonNode s : kmsStatements) {
      JsonNode eq = s.path("Condition").path("StringEquals");
      assertThat(eq.path("kms:EncryptionContext:aws:s3:arn").asText())
          .as(s.path("Sid").asText())
          .isEqualTo("arn:aws:s3:::curated");
      // S3 asks KMS for a bucket-level key: neither object ARNs nor our pairs are relied upon
      assertThat(eq.has("kms:EncryptionContext:dataset")).isFalse();
      assertThat(s.path("Condition").has("StringLike")).isFalse();
    }
    JsonNode enforce = GrantPolicies.keyPolicy(r).path("Statement").get(4);
    assertThat(
            enforce
                .path("Condition")
                .path("StringNotEquals")
                .path("kms:EncryptionContext:aws:s3:arn")
                .asText())
        .isEqualTo("arn:aws:s3:::curated");
  }

  @Test
  void allHoldsEveryDocumentAndTheKeyPolicyOnlyWithAWriterRole() {
    assertThat(GrantPolicies.all(request(ROLE, WRITER, false)).fieldNames())
        .toIterable()
        .containsExactly("identityPolicy", "bucketPolicy", "writerPolicy", "keyPolicy");
    assertThat(GrantPolicies.all(request(ROLE, "", false)).fieldNames())
        .toIterable()
        .containsExactly("identityPolicy", "bucketPolicy", "writerPolicy");
  }

  static GrantRequest with(String prefix, String key, String role, Instant from, Instant to) {
    return new GrantRequest(
        "kb",
        "internal",
        "curated",
        prefix,
        key,
        "eu-west-1",
        "111122223333",
        role,
        "",
        false,
        "",
        List.of(),
        from,
        to);
  }

  @Test
  void inputsThatCouldWidenTheGrantAreRejected() {
    assertThatThrownBy(() -> with("kb/*", KEY, "", FROM, TO))
        .hasMessageStartingWith("outputPrefix:");
    assertThatThrownBy(() -> with("kb", "alias/x", "", FROM, TO)).hasMessageStartingWith("keyArn:");
    assertThatThrownBy(() -> with("kb", KEY, "role/x", FROM, TO))
        .hasMessageStartingWith("roleArn:");
    assertThatThrownBy(() -> with("kb", KEY, "", TO, TO))
        .hasMessageContaining("notBefore must be before notAfter");
    assertThatThrownBy(() -> with("kb", KEY, "", FROM, FROM.plus(Duration.ofDays(367))))
        .hasMessage("notAfter: a grant may last at most 366 days; renew instead");
  }

  @Test
  void bareKeyIdsBecomeArnsButAliasesNeedALookup() {
    assertThat(GrantRequest.keyArnOf(KEY_ID, "eu-west-1", "111122223333")).contains(KEY);
    assertThat(GrantRequest.keyArnOf("alias/curated", "eu-west-1", "111122223333")).isEmpty();
    assertThat(GrantRequest.isKeyArn(KEY)).isTrue();
    assertThat(GrantRequest.isKeyArn("arn:aws:kms:eu-west-1:111122223333:alias/curated")).isFalse();
  }
}

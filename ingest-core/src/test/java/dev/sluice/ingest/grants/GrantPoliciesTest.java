package dev.sluice.ingest.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GrantPoliciesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY =
      "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  static GrantRequest request(String role, Instant from, Instant to) {
    return new GrantRequest(
        "support-kb",
        "curated",
        "/support-kb/",
        KEY,
        "eu-west-1",
        role,
        Optional.ofNullable(from),
        Optional.ofNullable(to));
  }

  static JsonNode json(String s) throws Exception {
    return JSON.readTree(s.replace('\'', '"'));
  }

  @Test
  void identityPolicyAllowsOnlyTheDatasetPrefixAndKeyAndDeniesTheRest() throws Exception {
    JsonNode actual = GrantPolicies.identityPolicy(request("", null, null));
    JsonNode expected =
        json(
            """
            {'Version':'2012-10-17','Statement':[
             {'Sid':'ReadDatasetObjects','Effect':'Allow','Action':'s3:GetObject',
              'Resource':'arn:aws:s3:::curated/support-kb/*'},
             {'Sid':'ListDatasetPrefix','Effect':'Allow','Action':'s3:ListBucket',
              'Resource':'arn:aws:s3:::curated',
              'Condition':{'StringLike':{'s3:prefix':['support-kb/','support-kb/*']}}},
             {'Sid':'DecryptDatasetKey','Effect':'Allow','Action':'kms:Decrypt',
              'Resource':'%s',
              'Condition':{'StringEquals':{'kms:EncryptionContext:dataset':'support-kb',
                                           'kms:ViaService':'s3.eu-west-1.amazonaws.com'}}},
             {'Sid':'DenyObjectReadsOutsideDataset','Effect':'Deny',
              'Action':['s3:GetObject','s3:GetObjectVersion','s3:GetObjectAttributes'],
              'NotResource':'arn:aws:s3:::curated/support-kb/*'},
             {'Sid':'DenyListOutsideDataset','Effect':'Deny',
              'Action':['s3:ListBucket','s3:ListBucketVersions'],
              'Resource':'arn:aws:s3:::curated',
              'Condition':{'StringNotLike':{'s3:prefix':['support-kb/','support-kb/*']}}}]}
            """
                .formatted(KEY));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void timeBoxGoesOnEveryAllowStatement() {
    JsonNode p =
        GrantPolicies.identityPolicy(
            request(
                "",
                Instant.parse("2026-06-01T00:00:00.250Z"),
                Instant.parse("2026-06-08T00:00:00Z")));
    int allows = 0;
    for (JsonNode s : p.path("Statement")) {
      if (s.path("Effect").asText().equals("Allow")) {
        allows++;
        assertThat(s.path("Condition").path("DateGreaterThan").path("aws:CurrentTime").asText())
            .isEqualTo("2026-06-01T00:00:00Z");
        assertThat(s.path("Condition").path("DateLessThan").path("aws:CurrentTime").asText())
            .isEqualTo("2026-06-08T00:00:00Z");
      } else {
        assertThat(s.path("Condition").has("DateLessThan")).isFalse();
      }
    }
    assertThat(allows).isEqualTo(3);
    // the KMS conditions survive the merge
    assertThat(
            p.path("Statement")
                .get(2)
                .path("Condition")
                .path("StringEquals")
                .path("kms:ViaService")
                .asText())
        .isEqualTo("s3.eu-west-1.amazonaws.com");
  }

  @Test
  void bucketPolicyDeniesPutsWithoutSseKmsOrTheDatasetKeyAndNonTls() throws Exception {
    JsonNode actual = GrantPolicies.bucketPolicy(request("", null, null));
    JsonNode expected =
        json(
            """
            {'Version':'2012-10-17','Id':'sluice-dataset-support-kb','Statement':[
             {'Sid':'DenyPutWithoutSseKms','Effect':'Deny','Principal':'*','Action':'s3:PutObject',
              'Resource':'arn:aws:s3:::curated/support-kb/*',
              'Condition':{'StringNotEquals':{'s3:x-amz-server-side-encryption':'aws:kms'}}},
             {'Sid':'DenyPutWithoutDatasetKey','Effect':'Deny','Principal':'*','Action':'s3:PutObject',
              'Resource':'arn:aws:s3:::curated/support-kb/*',
              'Condition':{'StringNotEquals':{'s3:x-amz-server-side-encryption-aws-kms-key-id':'%s'}}},
             {'Sid':'DenyInsecureTransport','Effect':'Deny','Principal':'*','Action':'s3:*',
              'Resource':['arn:aws:s3:::curated','arn:aws:s3:::curated/*'],
              'Condition':{'Bool':{'aws:SecureTransport':'false'}}}]}
            """
                .formatted(KEY));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void roleArnAddsTimeBoxedReadAndListForThatRoleOnly() {
    String role = "arn:aws:iam::111122223333:role/model-support";
    JsonNode p =
        GrantPolicies.bucketPolicy(request(role, null, Instant.parse("2026-07-01T00:00:00Z")));
    JsonNode read = p.path("Statement").get(3);
    assertThat(read.path("Sid").asText()).isEqualTo("AllowConsumerRead");
    assertThat(read.path("Principal").path("AWS").asText()).isEqualTo(role);
    assertThat(read.path("Action").asText()).isEqualTo("s3:GetObject");
    assertThat(read.path("Resource").asText()).isEqualTo("arn:aws:s3:::curated/support-kb/*");
    assertThat(read.path("Condition").path("DateLessThan").path("aws:CurrentTime").asText())
        .isEqualTo("2026-07-01T00:00:00Z");
    JsonNode list = p.path("Statement").get(4);
    assertThat(list.path("Condition").path("StringLike").path("s3:prefix").toString())
        .isEqualTo("[\"support-kb/\",\"support-kb/*\"]");
    JsonNode both = GrantPolicies.both(request(role, null, null));
    assertThat(both.fieldNames()).toIterable().containsExactly("identityPolicy", "bucketPolicy");
  }

  @Test
  void inputsThatCouldWidenTheGrantAreRejected() {
    assertThatThrownBy(
            () ->
                new GrantRequest(
                    "kb",
                    "curated",
                    "kb/*",
                    KEY,
                    "eu-west-1",
                    "",
                    Optional.empty(),
                    Optional.empty()))
        .hasMessageStartingWith("outputPrefix:");
    assertThatThrownBy(
            () ->
                new GrantRequest(
                    "kb",
                    "curated",
                    "kb",
                    "alias/x",
                    "eu-west-1",
                    "",
                    Optional.empty(),
                    Optional.empty()))
        .hasMessageStartingWith("keyArn:");
    assertThatThrownBy(
            () ->
                new GrantRequest(
                    "kb",
                    "curated",
                    "kb",
                    KEY,
                    "eu-west-1",
                    "role/x",
                    Optional.empty(),
                    Optional.empty()))
        .hasMessageStartingWith("roleArn:");
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertThatThrownBy(
            () ->
                new GrantRequest(
                    "kb", "curated", "kb", KEY, "eu-west-1", "", Optional.of(t), Optional.of(t)))
        .hasMessageContaining("notBefore must be before notAfter");
  }

  @Test
  void bareKeyIdsBecomeArnsButAliasesNeedALookup() {
    assertThat(
            GrantRequest.keyArnOf(
                "1234abcd-12ab-34cd-56ef-1234567890ab", "eu-west-1", "111122223333"))
        .contains(KEY);
    assertThat(GrantRequest.keyArnOf("alias/curated", "eu-west-1", "111122223333")).isEmpty();
    assertThat(GrantRequest.isKeyArn(KEY)).isTrue();
    assertThat(GrantRequest.isKeyArn("arn:aws:kms:eu-west-1:111122223333:alias/curated")).isFalse();
  }
}

package dev.sluice.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.app.config.CoreBeans.ValidatedProperties;
import dev.sluice.app.config.SluiceProperties;
import dev.sluice.ingest.decide.DatasetSpec;
import dev.sluice.ingest.decide.Policy;
import dev.sluice.ingest.grants.GrantPolicies;
import dev.sluice.ingest.grants.GrantRequest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * {@code sluice grants <dataset>}: prints the consumer role's IAM identity policy and the curated
 * bucket's policy for one dataset as one JSON object (or one of them with {@code --only}). Resolves
 * the dataset from the policy (or the configured default dataset) and the key ARN from {@code
 * --key-arn}, the dataset's key ARN, {@code --account} for a bare key id, or KMS DescribeKey.
 */
final class GrantsCommand {
  static final String HELP =
      """
      Usage: sluice grants <dataset> [--role-arn ARN] [--policy FILE] [--not-before INSTANT]
                           [--not-after INSTANT] [--account ID] [--region REGION]
                           [--key-arn ARN] [--only identity|bucket]

      Prints {"identityPolicy": ..., "bucketPolicy": ...}: the IAM policy of a consumer role that
      may read only <dataset> (GetObject on its prefix, ListBucket limited by s3:prefix, kms:Decrypt
      only with encryption context dataset=<dataset> via S3), and the curated bucket's policy
      denying PutObject without SSE-KMS or without the dataset key, and any request without TLS.
        --role-arn     also allow this role in the bucket policy
        --not-before / --not-after   time-box the grant (ISO-8601 instants, e.g. 2026-06-01T00:00:00Z)
        --account      resolve a bare key id to an ARN without calling KMS
        --key-arn      the dataset key ARN (skips resolution)
        --region       region of the bucket and key (default sluice.aws.region)
      """;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SluiceCli cli;
  private final PrintStream out;
  private final PrintStream err;

  GrantsCommand(SluiceCli cli, PrintStream out, PrintStream err) {
    this.cli = cli;
    this.out = out;
    this.err = err;
  }

  int run(List<String> argv) {
    Args a =
        Args.parse(
            argv,
            Set.of(
                "role-arn",
                "policy",
                "not-before",
                "not-after",
                "account",
                "region",
                "key-arn",
                "only"),
            Set.of("help"));
    if (a.has("help") || a.positional.isEmpty()) {
      out.print(HELP);
      return a.has("help") ? SluiceCli.OK : SluiceCli.USAGE;
    }
    if (a.positional.size() != 1) {
      throw new UsageException("grants needs exactly one dataset name");
    }
    String only = a.get("only", "");
    if (!only.isEmpty() && !only.equals("identity") && !only.equals("bucket")) {
      throw new UsageException("--only must be identity or bucket (was '" + only + "')");
    }
    Optional<Instant> notBefore = instant(a, "not-before");
    Optional<Instant> notAfter = instant(a, "not-after");
    List<String> spring = new ArrayList<>(a.springArgs);
    if (a.has("policy")) {
      if (!Files.isRegularFile(Path.of(a.get("policy", "")))) {
        throw new UsageException("--policy: no such file " + a.get("policy", ""));
      }
      spring.add("--sluice.policy=" + a.get("policy", ""));
    }
    try (ConfigurableApplicationContext ctx = cli.context(spring)) {
      SluiceProperties props = ctx.getBean(ValidatedProperties.class).props();
      String name = a.positional.get(0);
      DatasetSpec spec = dataset(datasets(ctx.getBean(Policy.class), props), name);
      String region = a.get("region", props.aws().region());
      String keyArn = keyArn(a, spec, region, ctx);
      GrantRequest req =
          GrantRequest.of(spec, keyArn, region, a.get("role-arn", ""), notBefore, notAfter);
      ObjectNode doc =
          switch (only) {
            case "identity" -> GrantPolicies.identityPolicy(req);
            case "bucket" -> GrantPolicies.bucketPolicy(req);
            default -> GrantPolicies.both(req);
          };
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
      return SluiceCli.OK;
    } catch (UsageException | IllegalArgumentException e) {
      err.println("sluice: " + e.getMessage());
      return SluiceCli.USAGE;
    } catch (Exception e) {
      return cli.startupFailure(e);
    }
  }

  private static Optional<Instant> instant(Args a, String option) {
    if (!a.has(option)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(a.get(option, "")));
    } catch (DateTimeParseException e) {
      throw new UsageException(
          "--"
              + option
              + " must be an ISO-8601 instant such as 2026-06-01T00:00:00Z (was '"
              + a.get(option, "")
              + "')");
    }
  }

  /** Datasets of the policy, or the configured default dataset (as a run would use them). */
  static List<DatasetSpec> datasets(Policy policy, SluiceProperties props) {
    if (!policy.datasets().isEmpty()) {
      return policy.datasets();
    }
    SluiceProperties.Dataset d = props.dataset();
    if (d.bucket().isBlank() || d.kmsKeyId().isBlank()) {
      return List.of();
    }
    return List.of(
        new DatasetSpec(
            d.name(), List.of(), d.bucket(), d.name(), d.kmsKeyId(), d.classification()));
  }

  private static DatasetSpec dataset(List<DatasetSpec> all, String name) {
    return all.stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new UsageException(
                    "no dataset '"
                        + name
                        + "' (known: "
                        + (all.isEmpty()
                            ? "none; set datasets in the policy or sluice.dataset.*"
                            : String.join(", ", all.stream().map(DatasetSpec::name).toList()))
                        + ")"));
  }

  private static String keyArn(
      Args a, DatasetSpec spec, String region, ConfigurableApplicationContext ctx) {
    if (a.has("key-arn")) {
      return a.get("key-arn", "");
    }
    String id = spec.kmsKeyId();
    if (GrantRequest.isKeyArn(id)) {
      return id;
    }
    if (a.has("account")) {
      Optional<String> arn = GrantRequest.keyArnOf(id, region, a.get("account", ""));
      if (arn.isPresent()) {
        return arn.get();
      }
    }
    KmsClient kms = ctx.getBeanProvider(KmsClient.class).getIfAvailable();
    if (kms != null) {
      try {
        return kms.describeKey(r -> r.keyId(id)).keyMetadata().arn();
      } catch (SdkException e) {
        throw new UsageException(
            "cannot resolve KMS key '"
                + id
                + "' of dataset '"
                + spec.name()
                + "' to an ARN ("
                + e.getClass().getSimpleName()
                + "); pass --key-arn");
      }
    }
    throw new UsageException(
        "KMS key '" + id + "' of dataset '" + spec.name() + "' is not an ARN; pass --key-arn");
  }
}

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
 * {@code sluice grants <dataset>}: prints the consumer role's IAM identity policy, the curated
 * bucket's policy, Sluice's own writer role policy and (with {@code --writer-role-arn}) the dataset
 * key's key policy as one JSON object, or one of them with {@code --only}. Resolves the dataset
 * from the policy (or the configured default dataset) and the key ARN from {@code --key-arn}, the
 * dataset's key ARN, {@code --account} for a bare key id, or KMS DescribeKey (aliases). Consumer
 * grants always expire: {@code --not-after} defaults to {@code --valid-for} (7 days) after {@code
 * --not-before} (now).
 */
final class GrantsCommand {
  static final String HELP =
      """
      Usage: sluice grants <dataset> [--role-arn ARN] [--writer-role-arn ARN] [--policy FILE]
                           [--not-before INSTANT] [--not-after INSTANT | --valid-for DURATION]
                           [--account ID] [--region REGION] [--key-arn ARN]
                           [--source s3://bucket/prefix] [--only identity|bucket|writer|key]

      Prints {"identityPolicy", "bucketPolicy", "writerPolicy", "keyPolicy"} for <dataset> and its
      classification (docs/reports-and-grants.md explains every statement):
        identityPolicy  the consumer (model) role: GetObject and ListBucket under
                        <prefix>/classification=<label>/, kms:Decrypt via S3 with the dataset's
                        encryption context, in the resource account, until --not-after
        bucketPolicy    SSE-KMS with the dataset key only, only the writer role may PutObject under
                        the dataset prefix, TLS only; with --role-arn, the consumer's reads and a
                        deny of its reads elsewhere in this bucket
        writerPolicy    Sluice's own role: exactly the S3, KMS and Macie calls an ingest makes
        keyPolicy       (needs --writer-role-arn) the dataset key's policy, enforcing the context
        --role-arn         consumer role
        --writer-role-arn  Sluice's role
        --not-before       grant start (ISO-8601 instant, default now)
        --not-after        grant end (default --valid-for after the start)
        --valid-for        grant length (ISO-8601 duration, default P7D, at most 366 days)
        --account          account owning the bucket and key (default: the key ARN's account);
                           also resolves a bare key id to an ARN without calling KMS
        --key-arn          the dataset key ARN (skips resolution)
        --region           region of the bucket and key (default sluice.aws.region)
        --source           raw source Sluice reads, for the writer policy
      The KMS conditions follow sluice.sink.bucket-key-enabled (with an S3 Bucket Key KMS sees the
      bucket ARN, not the object ARN).
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
                "writer-role-arn",
                "policy",
                "not-before",
                "not-after",
                "valid-for",
                "account",
                "region",
                "key-arn",
                "source",
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
    if (!only.isEmpty() && !Set.of("identity", "bucket", "writer", "key").contains(only)) {
      throw new UsageException(
          "--only must be identity, bucket, writer or key (was '" + only + "')");
    }
    if (only.equals("key") && !a.has("writer-role-arn")) {
      throw new UsageException("--only key needs --writer-role-arn");
    }
    if (a.has("not-after") && a.has("valid-for")) {
      throw new UsageException("--not-after and --valid-for exclude each other");
    }
    Instant notBefore = instant(a, "not-before").orElse(Instant.now());
    Instant notAfter = instant(a, "not-after").orElse(notBefore.plus(validFor(a)));
    String sourceBucket = "";
    List<String> sourcePrefixes = List.of();
    if (a.has("source")) {
      String src = a.get("source", "");
      if (!src.startsWith("s3://") || src.length() <= 5) {
        throw new UsageException("--source must be s3://bucket[/prefix] (was '" + src + "')");
      }
      String rest = src.substring(5);
      int slash = rest.indexOf('/');
      sourceBucket = slash < 0 ? rest : rest.substring(0, slash);
      String prefix = slash < 0 ? "" : rest.substring(slash + 1);
      sourcePrefixes = prefix.isEmpty() ? List.of() : List.of(prefix);
    }
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
      String account = a.get("account", GrantRequest.accountOf(keyArn));
      GrantRequest req =
          new GrantRequest(
              spec.name(),
              spec.classification(),
              spec.bucket(),
              spec.outputPrefix(),
              keyArn,
              region,
              account,
              a.get("role-arn", ""),
              a.get("writer-role-arn", ""),
              props.sink().bucketKeyEnabled(),
              sourceBucket,
              sourcePrefixes,
              notBefore,
              notAfter);
      ObjectNode doc =
          switch (only) {
            case "identity" -> GrantPolicies.identityPolicy(req);
            case "bucket" -> GrantPolicies.bucketPolicy(req);
            case "writer" -> GrantPolicies.writerPolicy(req);
            case "key" -> GrantPolicies.keyPolicy(req);
            default -> GrantPolicies.all(req);
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

  private static java.time.Duration validFor(Args a) {
    if (!a.has("valid-for")) {
      return GrantRequest.DEFAULT_VALIDITY;
    }
    try {
      java.time.Duration d = java.time.Duration.parse(a.get("valid-for", ""));
      if (d.isNegative() || d.isZero()) {
        throw new UsageException("--valid-for must be positive");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new UsageException(
          "--valid-for must be an ISO-8601 duration such as P7D or PT12H (was '"
              + a.get("valid-for", "")
              + "')");
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

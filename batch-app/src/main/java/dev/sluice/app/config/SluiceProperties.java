package dev.sluice.app.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration under {@code sluice.*}, from {@code application.yml}, the environment and flags.
 * {@link #validate()} runs at start and names the offending field. Every key is described in {@code
 * docs/configuration.md}.
 *
 * @param aws AWS access
 * @param policy policy YAML file; empty = the built-in fail-closed default policy
 * @param dataset the dataset used when the policy defines none
 * @param sink the curated sink
 * @param macie Macie results
 * @param extraction extraction limits
 * @param classifiers company-specific detection
 * @param job job tuning
 * @param outputDir where run reports are written ({@code <output-dir>/reports/<run-id>/})
 * @param dataDir where the H2 job repository, lineage and spool live
 * @param fingerprintKey HMAC key for keyed fingerprints and pseudonyms (base64 or text; a secret)
 * @param schedules scheduled runs for {@code sluice schedule}
 */
@ConfigurationProperties("sluice")
public record SluiceProperties(
    @DefaultValue Aws aws,
    @DefaultValue("") String policy,
    @DefaultValue Dataset dataset,
    @DefaultValue Sink sink,
    @DefaultValue Macie macie,
    @DefaultValue Extraction extraction,
    @DefaultValue Classifiers classifiers,
    @DefaultValue Job job,
    @DefaultValue("out") String outputDir,
    @DefaultValue("data") String dataDir,
    @DefaultValue("") String fingerprintKey,
    @DefaultValue List<Schedule> schedules) {

  /**
   * A scheduled run for {@code sluice schedule}.
   *
   * @param name unique name, used in logs
   * @param cron Spring cron expression with seconds, e.g. {@code 0 0 2 * * *}
   * @param job {@code ingest} or {@code classify}
   * @param source {@code s3://bucket/prefix} or a local path
   */
  public record Schedule(
      String name, String cron, @DefaultValue("ingest") String job, String source) {}

  /**
   * AWS access; empty endpoints mean real AWS.
   *
   * @param region AWS region of the clients
   * @param s3Endpoint S3 endpoint override (S3-compatible stores, emulators); empty = AWS
   * @param kmsEndpoint KMS endpoint override; empty = AWS
   * @param macieEndpoint Macie endpoint override; empty = AWS
   * @param pathStyle path-style S3 addressing (most S3-compatible stores need it)
   * @param accessKey static access key id; empty = the SDK's default credential chain (a secret)
   * @param secretKey static secret access key, set together with access-key (a secret)
   * @param expectedBucketOwner 12-digit account id sent as {@code x-amz-expected-bucket-owner} on
   *     every S3 call to the raw and curated buckets (a bucket of another account is refused);
   *     empty = not checked
   */
  public record Aws(
      @DefaultValue("us-east-1") String region,
      @DefaultValue("") String s3Endpoint,
      @DefaultValue("") String kmsEndpoint,
      @DefaultValue("") String macieEndpoint,
      @DefaultValue("false") boolean pathStyle,
      @DefaultValue("") String accessKey,
      @DefaultValue("") String secretKey,
      @DefaultValue("") String expectedBucketOwner) {}

  /**
   * The dataset used when the policy defines none.
   *
   * @param name dataset name: the first segment of every curated key
   * @param bucket curated bucket
   * @param kmsKeyId KMS key (ARN, id or alias) every curated object is encrypted with
   * @param classification classification label in the curated layout and encryption context
   */
  public record Dataset(
      @DefaultValue("default") String name,
      @DefaultValue("") String bucket,
      @DefaultValue("") String kmsKeyId,
      @DefaultValue("internal") String classification) {}

  /**
   * The curated sink.
   *
   * @param bucketKeyEnabled use S3 Bucket Keys for SSE-KMS (fewer KMS calls)
   * @param verifyObjects confirm every written object's encryption with HeadObject
   * @param requireCustomerManagedKey refuse AWS-managed keys at pre-flight
   * @param layout curated prefix template; must contain {dataset} and {run} and end with /
   * @param mode {@code jsonl} (gzip JSON Lines parts) or {@code documents} (approved documents as
   *     they are, with Bedrock Knowledge Bases metadata sidecars)
   * @param datasetModes per-dataset override of {@code mode}, by dataset name
   * @param multipartThreshold objects of at least this many bytes use multipart upload
   * @param partSize multipart part size (5 MiB to 5 GiB)
   * @param quarantineBucket where held-back sources are copied; empty = only reported
   * @param quarantineKmsKeyId key of the quarantine bucket, must differ from every dataset key
   * @param quarantineRejected also copy REJECT decisions (default: QUARANTINE only)
   */
  public record Sink(
      @DefaultValue("true") boolean bucketKeyEnabled,
      @DefaultValue("true") boolean verifyObjects,
      @DefaultValue("true") boolean requireCustomerManagedKey,
      @DefaultValue("{dataset}/classification={classification}/ingest_date={date}/run={run}/")
          String layout,
      @DefaultValue("jsonl") String mode,
      @DefaultValue Map<String, String> datasetModes,
      @DefaultValue("67108864") long multipartThreshold,
      @DefaultValue("8388608") long partSize,
      @DefaultValue("") String quarantineBucket,
      @DefaultValue("") String quarantineKmsKeyId,
      @DefaultValue("false") boolean quarantineRejected) {}

  /**
   * Macie results.
   *
   * @param mode off, advisory or required
   * @param discoveryResults {@code s3://bucket/prefix/} of the sensitive data discovery results
   *     repository, or empty
   * @param customIdentifiersState state written by {@code sluice identifiers push} (Macie ids of
   *     our custom identifiers); empty means {@code <data-dir>/macie-custom-identifiers.json}
   */
  public record Macie(
      @DefaultValue("off") String mode,
      @DefaultValue("") String discoveryResults,
      @DefaultValue("") String customIdentifiersState) {}

  /**
   * Extraction limits; hitting one makes the document unscannable (never approved).
   *
   * @param maxCharsPerUnit text kept per document or embedded document; more marks it truncated
   * @param maxTotalChars text kept per source object over all its units
   * @param maxObjectBytes objects larger than this are not read (SIZE_LIMIT)
   * @param timeoutSeconds wall-clock limit per document (TIMEOUT)
   * @param maxNestingDepth archive/attachment nesting (NESTING_LIMIT)
   * @param maxEmbeddedEntries embedded documents per object (ENTRY_LIMIT)
   * @param maxExpansionRatio uncompressed/compressed bytes (RATIO_LIMIT, zip bombs)
   * @param maxEntityExpansions XML entity expansions (ENTITY_EXPANSION, billion laughs)
   */
  public record Extraction(
      @DefaultValue("2000000") int maxCharsPerUnit,
      @DefaultValue("8000000") long maxTotalChars,
      @DefaultValue("5368709120") long maxObjectBytes,
      @DefaultValue("120") int timeoutSeconds,
      @DefaultValue("5") int maxNestingDepth,
      @DefaultValue("10000") int maxEmbeddedEntries,
      @DefaultValue("100") long maxExpansionRatio,
      @DefaultValue("10000") int maxEntityExpansions) {}

  /**
   * Company-specific detection.
   *
   * @param customIdentifiers JSON or YAML list in Macie's CreateCustomDataIdentifier shape
   * @param allowLists text files (one entry per line, Macie's words-list shape) whose entries
   *     suppress findings
   * @param denyTerms text files of terms (project code names, customer names), one per line;
   *     matched whole-word, case-insensitive, as {@code DENY_TERM:<file name>}
   */
  public record Classifiers(
      @DefaultValue("") String customIdentifiers,
      @DefaultValue List<String> allowLists,
      @DefaultValue List<String> denyTerms) {}

  /**
   * Job tuning.
   *
   * @param chunkSize documents per transaction
   * @param threads partitions processed in parallel; 0 = available cores
   * @param force re-process sources already ingested unchanged
   * @param throttleMs pause per document in milliseconds (spares a shared source; 0 = none)
   * @param progressSeconds seconds between progress log lines when not on a terminal
   */
  public record Job(
      @DefaultValue("20") int chunkSize,
      @DefaultValue("0") int threads,
      @DefaultValue("false") boolean force,
      @DefaultValue("0") int throttleMs,
      @DefaultValue("30") int progressSeconds) {}

  /** Threads for partitions: configured, or the available cores. */
  public int effectiveThreads() {
    return job.threads() > 0 ? job.threads() : Runtime.getRuntime().availableProcessors();
  }

  private void validateSink(List<String> errors) {
    for (var e : sink.datasetModes().entrySet()) {
      if (!List.of("jsonl", "documents").contains(e.getValue().toLowerCase(Locale.ROOT))) {
        errors.add(
            "sluice.sink.dataset-modes."
                + e.getKey()
                + ": must be jsonl or documents (was '"
                + e.getValue()
                + "')");
      }
    }
    if (!List.of("jsonl", "documents").contains(sink.mode().toLowerCase(Locale.ROOT))) {
      errors.add("sluice.sink.mode: must be jsonl or documents (was '" + sink.mode() + "')");
    }
    if (sink.multipartThreshold() < 1) {
      errors.add("sluice.sink.multipart-threshold: must be >= 1");
    }
    if (sink.partSize() < 5L * 1024 * 1024 || sink.partSize() > 5L * 1024 * 1024 * 1024) {
      errors.add(
          "sluice.sink.part-size: must be between 5242880 (5 MiB) and 5368709120 (5 GiB) (was "
              + sink.partSize()
              + ")");
    }
    if (sink.quarantineBucket().isBlank() != sink.quarantineKmsKeyId().isBlank()) {
      errors.add(
          "sluice.sink.quarantine-kms-key-id: quarantine-bucket and quarantine-kms-key-id must be"
              + " set together");
    }
    if (!sink.quarantineKmsKeyId().isBlank()
        && sink.quarantineKmsKeyId().equals(dataset.kmsKeyId())) {
      errors.add(
          "sluice.sink.quarantine-kms-key-id: must differ from sluice.dataset.kms-key-id (held-back"
              + " documents must not be readable with the dataset key)");
    }
  }

  /**
   * Checks every field and throws {@link IllegalArgumentException} listing each problem as {@code
   * sluice.<field>: <problem>}.
   */
  public void validate() {
    List<String> errors = new ArrayList<>();
    if (aws.region().isBlank()) {
      errors.add("sluice.aws.region: must not be blank");
    }
    for (var e :
        List.of(
            new String[] {"s3-endpoint", aws.s3Endpoint()},
            new String[] {"kms-endpoint", aws.kmsEndpoint()},
            new String[] {"macie-endpoint", aws.macieEndpoint()})) {
      if (!e[1].isBlank()) {
        try {
          URI u = URI.create(e[1]);
          if (u.getScheme() == null || !u.getScheme().startsWith("http")) {
            errors.add("sluice.aws." + e[0] + ": must be an http(s) URL (was '" + e[1] + "')");
          }
        } catch (IllegalArgumentException ex) {
          errors.add("sluice.aws." + e[0] + ": not a valid URL (was '" + e[1] + "')");
        }
      }
    }
    if (!aws.expectedBucketOwner().isEmpty() && !aws.expectedBucketOwner().matches("\\d{12}")) {
      errors.add("sluice.aws.expected-bucket-owner: must be a 12-digit AWS account id");
    }
    if (aws.accessKey().isBlank() != aws.secretKey().isBlank()) {
      errors.add("sluice.aws.access-key: access-key and secret-key must be set together");
    }
    if (!List.of("off", "advisory", "required").contains(macie.mode().toLowerCase(Locale.ROOT))) {
      errors.add(
          "sluice.macie.mode: must be off, advisory or required (was '" + macie.mode() + "')");
    }
    if (!macie.discoveryResults().isBlank()
        && !macie.discoveryResults().matches("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?")) {
      errors.add(
          "sluice.macie.discovery-results: must be s3://bucket/prefix/ (was '"
              + macie.discoveryResults()
              + "')");
    }
    if (extraction.maxCharsPerUnit() < 1000) {
      errors.add(
          "sluice.extraction.max-chars-per-unit: must be >= 1000 (was "
              + extraction.maxCharsPerUnit()
              + ")");
    }
    if (extraction.maxObjectBytes() < 1) {
      errors.add("sluice.extraction.max-object-bytes: must be >= 1");
    }
    if (extraction.maxTotalChars() < extraction.maxCharsPerUnit()) {
      errors.add("sluice.extraction.max-total-chars: must be >= max-chars-per-unit");
    }
    if (extraction.timeoutSeconds() < 1) {
      errors.add(
          "sluice.extraction.timeout-seconds: must be >= 1 (was "
              + extraction.timeoutSeconds()
              + ")");
    }
    if (extraction.maxNestingDepth() < 0 || extraction.maxEmbeddedEntries() < 0) {
      errors.add("sluice.extraction.max-nesting-depth and max-embedded-entries: must be >= 0");
    }
    if (extraction.maxExpansionRatio() < 1 || extraction.maxEntityExpansions() < 1) {
      errors.add("sluice.extraction.max-expansion-ratio and max-entity-expansions: must be >= 1");
    }
    if (job.chunkSize() < 1 || job.chunkSize() > 10_000) {
      errors.add(
          "sluice.job.chunk-size: must be between 1 and 10000 (was " + job.chunkSize() + ")");
    }
    if (job.threads() < 0 || job.threads() > 256) {
      errors.add(
          "sluice.job.threads: must be between 0 (= cores) and 256 (was " + job.threads() + ")");
    }
    if (job.throttleMs() < 0 || job.throttleMs() > 60_000) {
      errors.add(
          "sluice.job.throttle-ms: must be between 0 and 60000 (was " + job.throttleMs() + ")");
    }
    if (job.progressSeconds() < 1) {
      errors.add("sluice.job.progress-seconds: must be >= 1 (was " + job.progressSeconds() + ")");
    }
    if (!sink.layout().contains("{dataset}")
        || !sink.layout().contains("{run}")
        || !sink.layout().endsWith("/")) {
      errors.add("sluice.sink.layout: must contain {dataset} and {run} and end with '/'");
    }
    validateSink(errors);
    if (!dataset.classification().matches("[a-z0-9][a-z0-9_-]{0,62}")) {
      errors.add("sluice.dataset.classification: lowercase letters, digits, '_' or '-'");
    }
    if (!fingerprintKey.isEmpty() && fingerprintKey.length() < 16) {
      errors.add("sluice.fingerprint-key: must be at least 16 characters");
    }
    List<Schedule> sched = schedules == null ? List.of() : schedules;
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < sched.size(); i++) {
      Schedule sc = sched.get(i);
      String p = "sluice.schedules[" + i + "].";
      if (sc.name() == null || sc.name().isBlank() || !names.add(sc.name())) {
        errors.add(p + "name: required and unique");
      }
      try {
        org.springframework.scheduling.support.CronExpression.parse(
            sc.cron() == null ? "" : sc.cron());
      } catch (IllegalArgumentException e) {
        errors.add(
            p + "cron: not a valid cron expression ('" + sc.cron() + "'): " + e.getMessage());
      }
      if (!List.of("ingest", "classify").contains(sc.job())) {
        errors.add(p + "job: must be ingest or classify (was '" + sc.job() + "')");
      }
      if (sc.source() == null || sc.source().isBlank()) {
        errors.add(p + "source: required");
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid configuration:\n  " + String.join("\n  ", errors));
    }
  }
}

package dev.sluice.app.step;

import dev.sluice.app.config.CatalogInfo;
import dev.sluice.app.config.SluiceProperties;
import dev.sluice.app.config.SourceLocation;
import dev.sluice.classifiers.Scanner;
import dev.sluice.ingest.Pipeline;
import dev.sluice.ingest.decide.DatasetSpec;
import dev.sluice.ingest.decide.Policy;
import dev.sluice.ingest.extract.Extractor;
import dev.sluice.ingest.macie.CustomIdentifierNames;
import dev.sluice.ingest.macie.MacieEvidence;
import dev.sluice.ingest.macie.MacieFindingsIndex;
import dev.sluice.ingest.macie.MacieMode;
import dev.sluice.ingest.macie.MacieSignals;
import dev.sluice.ingest.report.FindingsLog;
import dev.sluice.ingest.sink.CuratedWriter;
import dev.sluice.ingest.sink.DatasetSink;
import dev.sluice.ingest.sink.KmsPreflight;
import dev.sluice.ingest.sink.OutputMode;
import dev.sluice.ingest.sink.PartitionLayout;
import dev.sluice.ingest.sink.QuarantineSink;
import dev.sluice.ingest.sink.ResolvedKey;
import dev.sluice.ingest.sink.SinkException;
import dev.sluice.ingest.source.LocalSource;
import dev.sluice.ingest.source.S3Source;
import dev.sluice.ingest.source.Source;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.macie2.Macie2Client;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Everything one job execution shares across its steps and partitions: run id, mode, source,
 * pipeline, pre-flighted keys and sink. Job-scoped; lazily built, thread-safe.
 */
public class RunContext {
  private final SluiceProperties props;
  private final Policy policy;
  private final Scanner scanner;
  private final CatalogInfo catalog;
  private final Extractor extractor;
  private final ObjectProvider<S3Client> s3;
  private final ObjectProvider<KmsClient> kms;
  private final ObjectProvider<Macie2Client> macie;
  private final String runId;
  private final Pipeline.Mode mode;
  private final SourceLocation location;
  private final LocalDate ingestDate;
  private final boolean force;

  private String spoolName = "spool";
  private Source source;
  private Pipeline pipeline;
  private Map<String, ResolvedKey> keys;
  private DatasetSink sink;
  private ResolvedKey quarantineKey;
  private Optional<QuarantineSink> quarantine;
  private FindingsLog findings;

  public RunContext(
      SluiceProperties props,
      Policy policy,
      Scanner scanner,
      CatalogInfo catalog,
      Extractor extractor,
      ObjectProvider<S3Client> s3,
      ObjectProvider<KmsClient> kms,
      ObjectProvider<Macie2Client> macie,
      String runId,
      String mode,
      String source,
      String ingestDate,
      boolean force) {
    this.props = props;
    this.policy = policy;
    this.scanner = scanner;
    this.catalog = catalog;
    this.extractor = extractor;
    this.s3 = s3;
    this.kms = kms;
    this.macie = macie;
    this.runId = runId;
    this.mode = Pipeline.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
    this.location = SourceLocation.parse(source);
    this.ingestDate = LocalDate.parse(ingestDate);
    this.force = force;
  }

  public String runId() {
    return runId;
  }

  /**
   * Gives this process its own spool directory under the run's working directory ({@code
   * spool-<name>}): remote workers share the data directory, and the start-up sweep of one must not
   * delete the spool files another is writing.
   */
  public RunContext privateSpool(String name) {
    this.spoolName = "spool-" + name.replaceAll("[^A-Za-z0-9._-]", "_");
    return this;
  }

  public Pipeline.Mode mode() {
    return mode;
  }

  public SourceLocation location() {
    return location;
  }

  public boolean force() {
    return force;
  }

  public Policy policy() {
    return policy;
  }

  public String catalogVersion() {
    return catalog.version();
  }

  /** The source reader. */
  public synchronized Source source() {
    if (source == null) {
      source =
          location.isS3()
              ? S3Source.of(s3.getObject(), location.bucket())
              : LocalSource.of(location.root());
    }
    return source;
  }

  /** Datasets of the policy, or the configured default dataset when the policy has none. */
  public List<DatasetSpec> datasets() {
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

  Optional<DatasetSpec> datasetFor(String key) {
    return datasets().stream().filter(d -> d.covers(key)).findFirst();
  }

  /** The document pipeline of this run. */
  public synchronized Pipeline pipeline() {
    if (pipeline == null) {
      pipeline =
          Pipeline.builder()
              .source(source())
              .extractor(extractor)
              .scanner(scanner, catalog.version())
              .macie(macieSignals())
              .policy(policy)
              .datasets(this::datasetFor)
              .requireDataset(mode == Pipeline.Mode.INGEST || !datasets().isEmpty())
              .mode(mode)
              .runId(runId)
              .maxObjectBytes(props.extraction().maxObjectBytes())
              .redactionKey(dev.sluice.app.config.CoreBeans.fingerprintKey(props))
              .build();
    }
    return pipeline;
  }

  private MacieSignals macieSignals() {
    MacieMode m = MacieMode.valueOf(props.macie().mode().toUpperCase(Locale.ROOT));
    if (m == MacieMode.OFF) {
      return MacieSignals.off();
    }
    if (!location.isS3()) {
      String why = "Macie results exist only for S3 sources";
      return m == MacieMode.REQUIRED ? item -> MacieEvidence.unavailable(why) : MacieSignals.off();
    }
    MacieFindingsIndex.Builder b =
        MacieFindingsIndex.builder(location.bucket(), m)
            .prefix(location.prefix())
            .findings(macie.getObject())
            .customIdentifiers(CustomIdentifierNames.read(macieIdentifierState(props)));
    if (!props.macie().discoveryResults().isBlank()) {
      b.discoveryResults(s3.getObject(), props.macie().discoveryResults());
    }
    return b.load();
  }

  /** Where {@code sluice identifiers push} records the Macie ids of our custom identifiers. */
  public static Path macieIdentifierState(SluiceProperties props) {
    String configured = props.macie().customIdentifiersState();
    return configured.isBlank()
        ? Path.of(props.dataDir()).resolve("macie-custom-identifiers.json")
        : Path.of(configured);
  }

  /**
   * Pre-flights every dataset's key and bucket once; throws {@link SinkException} naming the key or
   * bucket and the problem.
   */
  public synchronized Map<String, ResolvedKey> preflight() {
    if (keys == null) {
      List<DatasetSpec> ds = datasets();
      if (ds.isEmpty()) {
        throw new SinkException(
            "no curated dataset configured: set datasets in the policy, or sluice.dataset.bucket"
                + " and sluice.dataset.kms-key-id");
      }
      Map<String, ResolvedKey> out = new LinkedHashMap<>();
      for (DatasetSpec d : ds) {
        String region = bucketRegion(d.bucket());
        out.put(
            d.name(),
            KmsPreflight.check(
                kms.getObject(), d.kmsKeyId(), region, props.sink().requireCustomerManagedKey()));
      }
      SluiceProperties.Sink sp = props.sink();
      if (!sp.quarantineBucket().isBlank()) {
        ResolvedKey q =
            KmsPreflight.check(
                kms.getObject(),
                sp.quarantineKmsKeyId(),
                bucketRegion(sp.quarantineBucket()),
                sp.requireCustomerManagedKey());
        QuarantineSink.requireDistinct(q, out);
        quarantineKey = q;
      }
      keys = out;
    }
    return keys;
  }

  private String bucketRegion(String bucket) {
    S3Client client = s3.getObject();
    try {
      client.headBucket(r -> r.bucket(bucket));
    } catch (SdkException e) {
      throw new SinkException(
          "curated bucket '" + bucket + "' is not reachable: " + e.getClass().getSimpleName(), e);
    }
    try {
      String loc = client.getBucketLocation(r -> r.bucket(bucket)).locationConstraintAsString();
      return loc == null || loc.isBlank() || "null".equals(loc) ? "us-east-1" : loc;
    } catch (SdkException e) {
      return props.aws().region();
    }
  }

  /** The curated sink of this run (ingest only). */
  public synchronized DatasetSink sink() {
    if (sink == null) {
      Map<String, DatasetSpec> byName = new LinkedHashMap<>();
      datasets().forEach(d -> byName.put(d.name(), d));
      sink =
          new DatasetSink(
              curatedWriter(),
              PartitionLayout.of(props.sink().layout()),
              byName,
              preflight(),
              runId,
              ingestDate,
              source(),
              OutputMode.parse(props.sink().mode()),
              datasetModes());
    }
    return sink;
  }

  private Map<String, OutputMode> datasetModes() {
    Map<String, OutputMode> m = new LinkedHashMap<>();
    props.sink().datasetModes().forEach((k, v) -> m.put(k, OutputMode.parse(v)));
    return m;
  }

  /** The quarantine copier, when a quarantine bucket is configured (pre-flighted first). */
  public synchronized Optional<QuarantineSink> quarantine() {
    if (quarantine == null) {
      preflight();
      quarantine =
          quarantineKey == null
              ? Optional.empty()
              : Optional.of(
                  new QuarantineSink(
                      curatedWriter(),
                      source(),
                      props.sink().quarantineBucket(),
                      quarantineKey,
                      runId,
                      props.extraction().maxObjectBytes()));
    }
    return quarantine;
  }

  /** Whether REJECT decisions are copied to quarantine too (QUARANTINE always is). */
  public boolean quarantineRejected() {
    return props.sink().quarantineRejected();
  }

  /** The writer every curated object goes through. */
  public CuratedWriter curatedWriter() {
    SluiceProperties.Sink sp = props.sink();
    cleanSpoolOnce();
    return new CuratedWriter(
        s3.getObject(),
        new CuratedWriter.Options(
            sp.bucketKeyEnabled(),
            sp.verifyObjects(),
            sp.multipartThreshold(),
            sp.partSize(),
            workDir().resolve(spoolName)));
  }

  private boolean spoolCleaned;

  /**
   * Deletes spool files a killed process of this run left behind; runs before this context's first
   * writer exists, so it never touches a file still in use.
   */
  private synchronized void cleanSpoolOnce() {
    if (spoolCleaned) {
      return;
    }
    spoolCleaned = true;
    Path spool = workDir().resolve(spoolName);
    if (!java.nio.file.Files.isDirectory(spool)) {
      return;
    }
    try (var files = java.nio.file.Files.newDirectoryStream(spool, "sluice-*.spool")) {
      for (Path f : files) {
        java.nio.file.Files.deleteIfExists(f);
      }
    } catch (java.io.IOException e) {
      throw new SinkException("cannot clean spool directory " + spool + ": " + e.getMessage(), e);
    }
  }

  public S3Client s3() {
    return s3.getObject();
  }

  /** The findings log of this run. */
  public synchronized FindingsLog findings() {
    if (findings == null) {
      findings = new FindingsLog(workDir().resolve("findings"));
    }
    return findings;
  }

  /** Working files of this run (findings chunks). */
  public Path workDir() {
    return Path.of(props.dataDir()).resolve("runs").resolve(runId);
  }

  /** Where this run's reports go. */
  public Path reportDir() {
    return Path.of(props.outputDir()).resolve("reports").resolve(runId);
  }
}

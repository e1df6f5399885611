package dev.sluice.app.step;

import dev.sluice.app.config.CatalogInfo;
import dev.sluice.app.config.SluiceProperties;
import dev.sluice.classifiers.Scanner;
import dev.sluice.ingest.decide.Policy;
import dev.sluice.ingest.extract.Extractor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.macie2.Macie2Client;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One {@link RunContext} per running job execution, shared by all its steps and partition threads
 * (Spring Batch's job scope does not reach partition worker threads). Released when the job ends.
 */
public class RunContexts implements JobExecutionListener {
  private final Map<Long, RunContext> runs = new ConcurrentHashMap<>();
  private final SluiceProperties props;
  private final Policy policy;
  private final Scanner scanner;
  private final CatalogInfo catalog;
  private final Extractor extractor;
  private final ObjectProvider<S3Client> s3;
  private final ObjectProvider<KmsClient> kms;
  private final ObjectProvider<Macie2Client> macie;
  private String privateSpool;
  private static final int REMOTE_RETAINED = 8;

  public RunContexts(
      SluiceProperties props,
      Policy policy,
      Scanner scanner,
      CatalogInfo catalog,
      Extractor extractor,
      ObjectProvider<S3Client> s3,
      ObjectProvider<KmsClient> kms,
      ObjectProvider<Macie2Client> macie) {
    this.props = props;
    this.policy = policy;
    this.scanner = scanner;
    this.catalog = catalog;
    this.extractor = extractor;
    this.s3 = s3;
    this.kms = kms;
    this.macie = macie;
  }

  /**
   * Each run context of this process spools into its own directory named {@code name} (remote
   * workers sharing a data directory); see {@link RunContext#privateSpool}.
   */
  public RunContexts privateSpool(String name) {
    this.privateSpool = name;
    return this;
  }

  /** The context of {@code execution}, created from its parameters on first use. */
  public RunContext of(JobExecution execution) {
    if (privateSpool != null
        && runs.size() > REMOTE_RETAINED
        && !runs.containsKey(execution.getId())) {
      // a worker never sees its jobs end (afterJob runs in the manager): keep the newest few
      runs.keySet().stream()
          .sorted()
          .limit(runs.size() - REMOTE_RETAINED)
          .toList()
          .forEach(runs::remove);
    }
    return runs.computeIfAbsent(
        execution.getId(),
        id -> {
          RunContext r = create(execution.getJobParameters());
          return privateSpool == null ? r : r.privateSpool(privateSpool);
        });
  }

  private RunContext create(JobParameters p) {
    return new RunContext(
        props,
        policy,
        scanner,
        catalog,
        extractor,
        s3,
        kms,
        macie,
        p.getString("run.id"),
        p.getString("mode"),
        p.getString("source"),
        p.getString("ingest.date"),
        Boolean.parseBoolean(p.getString("force")));
  }

  @Override
  public void afterJob(JobExecution execution) {
    runs.remove(execution.getId());
  }
}

package dev.sluice.app.job;

import dev.sluice.app.config.CatalogInfo;
import dev.sluice.app.config.CoreBeans.ValidatedProperties;
import dev.sluice.app.remote.RemoteManagerSteps;
import dev.sluice.app.remote.RemoteProperties;
import dev.sluice.app.remote.WorkerIdentity;
import dev.sluice.app.step.KeyRangePartitioner;
import dev.sluice.app.step.OutcomeProcessor;
import dev.sluice.app.step.OutcomeWriter;
import dev.sluice.app.step.PreflightTasklet;
import dev.sluice.app.step.Progress;
import dev.sluice.app.step.PublishTasklet;
import dev.sluice.app.step.ReportTasklet;
import dev.sluice.app.step.RunContexts;
import dev.sluice.app.step.SourceItemReader;
import dev.sluice.app.step.SourcePartitioner;
import dev.sluice.classifiers.Scanner;
import dev.sluice.ingest.Outcome;
import dev.sluice.ingest.decide.Policy;
import dev.sluice.ingest.extract.Extractor;
import dev.sluice.ingest.lineage.LineageStore;
import dev.sluice.ingest.sink.PartStore;
import dev.sluice.ingest.source.SourceItem;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilderFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.transaction.PlatformTransactionManager;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.macie2.Macie2Client;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The two jobs. {@code ingest}: preflight, process (partitioned by sub-prefix), publish, report.
 * {@code classify} (dry run): process, report; it never writes a dataset.
 *
 * <p>With {@code sluice.remote.role=manager} the process step is a remote partitioning manager: it
 * splits the source listing into key ranges and sends them to {@code sluice worker} processes (see
 * {@link dev.sluice.app.remote.RemoteConfig}); the other steps run in the manager.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RemoteProperties.class)
public class JobsConfig {
  public static final String INGEST = "ingest";
  public static final String CLASSIFY = "classify";

  @Bean
  RunContexts runContexts(
      ValidatedProperties v,
      Policy policy,
      Scanner scanner,
      CatalogInfo catalog,
      Extractor extractor,
      ObjectProvider<S3Client> s3,
      ObjectProvider<KmsClient> kms,
      ObjectProvider<Macie2Client> macie,
      RemoteProperties remote) {
    RunContexts runs =
        new RunContexts(v.props(), policy, scanner, catalog, extractor, s3, kms, macie);
    return remote.role().equals(RemoteProperties.WORKER)
        ? runs.privateSpool(WorkerIdentity.self().replace('/', '-'))
        : runs;
  }

  @Bean
  @StepScope
  SourcePartitioner sourcePartitioner(
      RunContexts runs, @Value("#{stepExecution}") StepExecution step) {
    return new SourcePartitioner(runs.of(step.getJobExecution()));
  }

  @Bean
  @StepScope
  SourceItemReader sourceItemReader(
      RunContexts runs,
      @Value("#{stepExecution}") StepExecution step,
      @Value("#{stepExecutionContext['sluice.prefix']}") String prefix,
      @Value("#{stepExecutionContext['sluice.recursive']}") String recursive,
      @Value("#{stepExecutionContext['sluice.startAfter'] ?: ''}") String startAfter,
      @Value("#{stepExecutionContext['sluice.endKey'] ?: ''}") String endKey) {
    return new SourceItemReader(
        runs.of(step.getJobExecution()),
        prefix,
        Boolean.parseBoolean(recursive),
        startAfter,
        endKey);
  }

  @Bean
  @StepScope
  KeyRangePartitioner keyRangePartitioner(
      RunContexts runs, JobRepository repo, @Value("#{stepExecution}") StepExecution step) {
    // the manager step "<job>-process" sends partitions of the step "<job>-worker"
    String worker = step.getStepName().replaceFirst("-process$", "-worker");
    return new KeyRangePartitioner(runs.of(step.getJobExecution()), repo, step, worker);
  }

  @Bean
  @StepScope
  OutcomeProcessor outcomeProcessor(
      RunContexts runs,
      LineageStore lineage,
      Progress progress,
      ValidatedProperties v,
      @Value("#{stepExecution}") StepExecution step) {
    return new OutcomeProcessor(
        runs.of(step.getJobExecution()), lineage, progress, v.props().job().throttleMs());
  }

  @Bean
  Progress progress(ValidatedProperties v) {
    return new Progress(
        System.console() != null && System.getenv("SLUICE_NO_PROGRESS_LINE") == null,
        v.props().job().progressSeconds(),
        System.err);
  }

  @Bean
  @StepScope
  OutcomeWriter outcomeWriter(
      RunContexts runs,
      LineageStore lineage,
      PartStore parts,
      @Value("#{stepExecution}") StepExecution step,
      @Value("#{stepExecutionContext['sluice.partition']}") Integer partition) {
    return new OutcomeWriter(runs.of(step.getJobExecution()), lineage, parts, step, partition);
  }

  static Step worker(
      String name,
      JobRepository repo,
      PlatformTransactionManager tm,
      ValidatedProperties v,
      SourceItemReader reader,
      OutcomeProcessor processor,
      OutcomeWriter writer) {
    return new StepBuilder(name, repo)
        .<SourceItem, Outcome>chunk(v.props().job().chunkSize())
        .transactionManager(tm)
        .reader(reader)
        .processor(processor)
        .writer(writer)
        .build();
  }

  /**
   * The documents are counted where they are processed: a remote manager shows no progress line.
   */
  private static JobExecutionListener localOnly(
      Progress progress, ObjectProvider<RemoteManagerSteps> remote) {
    return remote.getIfAvailable() == null ? progress : new JobExecutionListener() {};
  }

  private Step partitioned(
      String name,
      JobRepository repo,
      ValidatedProperties v,
      SourcePartitioner partitioner,
      Step worker,
      ObjectProvider<RemoteManagerSteps> remote,
      KeyRangePartitioner keyRanges) {
    RemoteManagerSteps manager = remote.getIfAvailable();
    if (manager != null) {
      return manager.managerStep(name, worker.getName(), keyRanges);
    }
    SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("sluice-" + name + "-");
    executor.setConcurrencyLimit(v.props().effectiveThreads());
    return new StepBuilder(name, repo)
        .partitioner(worker.getName(), partitioner)
        .step(worker)
        .gridSize(v.props().effectiveThreads())
        .taskExecutor(executor)
        .build();
  }

  @Bean
  Job ingestJob(
      JobRepository repo,
      PlatformTransactionManager tm,
      ValidatedProperties v,
      RunContexts runs,
      Progress progress,
      SourcePartitioner partitioner,
      LineageStore lineage,
      PartStore parts,
      SourceItemReader reader,
      OutcomeProcessor processor,
      OutcomeWriter writer,
      OpenLineageListener openLineage,
      ObjectProvider<RemoteManagerSteps> remote,
      KeyRangePartitioner keyRanges,
      dev.sluice.app.config.EffectiveSettings settings) {
    Step worker = worker("ingest-worker", repo, tm, v, reader, processor, writer);
    return new JobBuilder(INGEST, repo)
        .listener(new ProcessInfoListener(repo, settings))
        .listener(runs)
        .listener(openLineage)
        .listener(localOnly(progress, remote))
        .start(
            new StepBuilder("ingest-preflight", repo)
                .tasklet(new PreflightTasklet(runs), tm)
                .build())
        .next(partitioned("ingest-process", repo, v, partitioner, worker, remote, keyRanges))
        .next(
            new StepBuilder("ingest-publish", repo)
                .tasklet(new PublishTasklet(runs, parts), tm)
                .build())
        .next(
            new StepBuilder("ingest-report", repo)
                .tasklet(new ReportTasklet(runs, lineage), tm)
                .build())
        .build();
  }

  @Bean
  Job classifyJob(
      JobRepository repo,
      PlatformTransactionManager tm,
      ValidatedProperties v,
      RunContexts runs,
      Progress progress,
      SourcePartitioner partitioner,
      LineageStore lineage,
      SourceItemReader reader,
      OutcomeProcessor processor,
      OutcomeWriter writer,
      OpenLineageListener openLineage,
      ObjectProvider<RemoteManagerSteps> remote,
      KeyRangePartitioner keyRanges,
      dev.sluice.app.config.EffectiveSettings settings) {
    Step worker = worker("classify-worker", repo, tm, v, reader, processor, writer);
    return new JobBuilder(CLASSIFY, repo)
        .listener(new ProcessInfoListener(repo, settings))
        .listener(runs)
        .listener(openLineage)
        .listener(localOnly(progress, remote))
        .start(partitioned("classify-process", repo, v, partitioner, worker, remote, keyRanges))
        .next(
            new StepBuilder("classify-report", repo)
                .tasklet(new ReportTasklet(runs, lineage), tm)
                .build())
        .build();
  }

  /**
   * The worker steps of a {@code sluice worker} process, as beans named like the partition step
   * names the manager sends ({@code ingest-worker}, {@code classify-worker}); each registers a
   * request handler on the channel the broker's requests arrive on.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "sluice.remote.role", havingValue = RemoteProperties.WORKER)
  static class RemoteWorkerSteps {
    @Bean(name = "ingest-worker")
    Step ingestWorker(
        RemotePartitioningWorkerStepBuilderFactory workers,
        DirectChannel partitionRequests,
        JobRepository repo,
        PlatformTransactionManager tm,
        ValidatedProperties v,
        SourceItemReader reader,
        OutcomeProcessor processor,
        OutcomeWriter writer) {
      return remoteWorker(
          "ingest-worker", workers, partitionRequests, repo, tm, v, reader, processor, writer);
    }

    @Bean(name = "classify-worker")
    Step classifyWorker(
        RemotePartitioningWorkerStepBuilderFactory workers,
        DirectChannel partitionRequests,
        JobRepository repo,
        PlatformTransactionManager tm,
        ValidatedProperties v,
        SourceItemReader reader,
        OutcomeProcessor processor,
        OutcomeWriter writer) {
      return remoteWorker(
          "classify-worker", workers, partitionRequests, repo, tm, v, reader, processor, writer);
    }

    private static Step remoteWorker(
        String name,
        RemotePartitioningWorkerStepBuilderFactory workers,
        DirectChannel partitionRequests,
        JobRepository repo,
        PlatformTransactionManager tm,
        ValidatedProperties v,
        SourceItemReader reader,
        OutcomeProcessor processor,
        OutcomeWriter writer) {
      return workers
          .get(name)
          .inputChannel(partitionRequests)
          .listener(new WorkerIdentity(repo))
          .<SourceItem, Outcome>chunk(v.props().job().chunkSize())
          .transactionManager(tm)
          .reader(reader)
          .processor(processor)
          .writer(writer)
          .build();
    }
  }
}

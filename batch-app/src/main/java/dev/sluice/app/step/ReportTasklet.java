package dev.sluice.app.step;

import dev.sluice.ingest.lineage.LineageStore;
import dev.sluice.ingest.report.HtmlReport;
import dev.sluice.ingest.report.RunReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Writes the run's reports from the lineage database and findings log. */
public class ReportTasklet implements Tasklet {
  private static final Logger log = LoggerFactory.getLogger(ReportTasklet.class);
  private final RunContexts runs;
  private final LineageStore lineage;

  public ReportTasklet(RunContexts runs, LineageStore lineage) {
    this.runs = runs;
    this.lineage = lineage;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    RunContext run = runs.of(chunkContext.getStepContext().getStepExecution().getJobExecution());
    var records = lineage.byRun(run.runId());
    RunReport.Files_ files =
        RunReport.write(
            run.reportDir(),
            run.runId(),
            run.mode().name().toLowerCase(java.util.Locale.ROOT),
            run.policy().name(),
            run.policy().hash(),
            run.catalogVersion(),
            records,
            run.findings(),
            run.policy().acknowledgements());
    HtmlReport.write(files.json());
    // the job and lineage databases (H2 files) and run directories created during the run
    dev.sluice.ingest.OwnerOnly.tree(run.workDir().getParent().getParent());
    chunkContext
        .getStepContext()
        .getStepExecution()
        .getJobExecution()
        .getExecutionContext()
        .putString("sluice.report", files.json().toAbsolutePath().toString());
    log.info("report for run {}: {}", run.runId(), files.json().toAbsolutePath());
    return RepeatStatus.FINISHED;
  }
}

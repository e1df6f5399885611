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
    recordSettings(
        files.json(),
        chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext());
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

  /**
   * Adds the run's recorded settings to {@code report.json}, and the settings a restart was allowed
   * to change ({@code --accept-changed-settings}) with what they were, so a reviewer sees that the
   * run did not finish under the settings it started with.
   */
  static void recordSettings(
      java.nio.file.Path json, org.springframework.batch.infrastructure.item.ExecutionContext ctx) {
    if (!ctx.containsKey(dev.sluice.app.job.ProcessInfoListener.SETTINGS)) {
      return;
    }
    try {
      var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
      var root = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(json.toFile());
      var settings = root.putObject("settings");
      dev.sluice.app.config.EffectiveSettings.parse(
              ctx.getString(dev.sluice.app.job.ProcessInfoListener.SETTINGS))
          .values()
          .forEach(settings::put);
      if (ctx.containsKey(dev.sluice.app.job.ProcessInfoListener.CHANGED)) {
        var changed = root.putObject("settingsChangedOnRestart");
        dev.sluice.app.config.EffectiveSettings.parse(
                ctx.getString(dev.sluice.app.job.ProcessInfoListener.CHANGED))
            .values()
            .forEach(changed::put);
      }
      mapper.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), root);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot record settings in " + json, e);
    }
  }
}

package dev.sluice.app.step;

import dev.sluice.ingest.sink.ResolvedKey;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Checks every dataset's KMS key and curated bucket before any document is read. */
public class PreflightTasklet implements Tasklet {
  private static final Logger log = LoggerFactory.getLogger(PreflightTasklet.class);
  private final RunContexts runs;

  public PreflightTasklet(RunContexts runs) {
    this.runs = runs;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    RunContext run = runs.of(chunkContext.getStepContext().getStepExecution().getJobExecution());
    Map<String, ResolvedKey> keys = run.preflight();
    keys.forEach((ds, k) -> log.info("pre-flight ok: dataset {} key {}", ds, k.arn()));
    return RepeatStatus.FINISHED;
  }
}

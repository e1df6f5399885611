package dev.sluice.app.step;

import dev.sluice.ingest.decide.DatasetSpec;
import dev.sluice.ingest.sink.DatasetSink;
import dev.sluice.ingest.sink.PartStore;
import dev.sluice.ingest.sink.Publisher;
import dev.sluice.ingest.sink.WrittenPart;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Publishes each dataset's run prefix: orphans removed, manifest written last. */
public class PublishTasklet implements Tasklet {
  private static final Logger log = LoggerFactory.getLogger(PublishTasklet.class);
  private final RunContexts runs;
  private final PartStore parts;

  public PublishTasklet(RunContexts runs, PartStore parts) {
    this.runs = runs;
    this.parts = parts;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    RunContext run = runs.of(chunkContext.getStepContext().getStepExecution().getJobExecution());
    DatasetSink sink = run.sink();
    Publisher publisher = new Publisher(run.s3(), run.curatedWriter());
    List<WrittenPart> all = parts.byRun(run.runId());
    for (DatasetSpec ds : run.datasets()) {
      List<WrittenPart> mine = all.stream().filter(p -> p.dataset().equals(ds.name())).toList();
      String prefix = sink.runPrefix(ds);
      Publisher.Published pub =
          publisher.publish(
              ds,
              run.preflight().get(ds.name()),
              run.runId(),
              prefix,
              sink.layout().manifestKey(prefix),
              mine,
              sink.mode(ds.name()));
      log.info(
          "published dataset {}: {} objects, {} records, manifest {}, {} orphan(s) removed",
          ds.name(),
          pub.parts(),
          pub.records(),
          pub.manifestUri(),
          pub.orphansRemoved().size());
      contribution.incrementWriteCount(pub.parts());
    }
    return RepeatStatus.FINISHED;
  }
}

package dev.sluice.app.step;

import dev.sluice.ingest.Outcome;
import dev.sluice.ingest.Pipeline;
import dev.sluice.ingest.lineage.LineageStore;
import dev.sluice.ingest.source.SourceItem;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Runs the pipeline for one document. In ingest mode, a source whose exact version was already
 * ingested under the same policy and catalogue is skipped (filtered) unless the run is forced.
 */
public class OutcomeProcessor implements ItemProcessor<SourceItem, Outcome> {
  private final RunContext run;
  private final LineageStore lineage;
  private final Progress progress;
  private final int throttleMs;

  public OutcomeProcessor(RunContext run, LineageStore lineage, Progress progress, int throttleMs) {
    this.run = run;
    this.lineage = lineage;
    this.progress = progress;
    this.throttleMs = throttleMs;
  }

  @Override
  public Outcome process(SourceItem item) {
    Pipeline p = run.pipeline();
    if (p.mode() == Pipeline.Mode.INGEST && !run.force()) {
      boolean done =
          lineage
              // keyed values only: lineage holds the masked name and a keyed version fingerprint
              .latestIngest(
                  p.names().display(item.uri()),
                  p.names().versionFingerprint(item),
                  item.versionId(),
                  p.policy().hash(),
                  p.catalogVersion())
              .filter(r -> !r.runId().equals(run.runId()))
              .isPresent();
      if (done) {
        progress.skipped();
        return null; // unchanged since a previous ingest: nothing to do
      }
    }
    if (throttleMs > 0) {
      try {
        Thread.sleep(throttleMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Outcome o = p.process(item);
    progress.processed(o);
    return o;
  }
}

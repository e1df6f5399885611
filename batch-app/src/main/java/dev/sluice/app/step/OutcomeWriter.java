package dev.sluice.app.step;

import dev.sluice.ingest.Outcome;
import dev.sluice.ingest.Pipeline;
import dev.sluice.ingest.lineage.LineageRecord;
import dev.sluice.ingest.lineage.LineageStore;
import dev.sluice.ingest.sink.DatasetRecord;
import dev.sluice.ingest.sink.PartStore;
import dev.sluice.ingest.sink.WrittenPart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Writes one chunk: curated parts (ingest), the part registry, lineage and the findings log. The
 * chunk's sequence number is part of the step state, so a restarted chunk writes the same keys and
 * overwrites rather than duplicates.
 */
public class OutcomeWriter implements ItemStreamWriter<Outcome> {
  static final String SEQ = "sluice.seq";

  private final RunContext run;
  private final LineageStore lineage;
  private final PartStore parts;
  private final StepExecution step;
  private final int partition;
  private long seq;

  public OutcomeWriter(
      RunContext run, LineageStore lineage, PartStore parts, StepExecution step, int partition) {
    this.run = run;
    this.lineage = lineage;
    this.parts = parts;
    this.step = step;
    this.partition = partition;
  }

  @Override
  public void open(ExecutionContext ctx) {
    seq = ctx.getLong(SEQ, 0L);
  }

  @Override
  public void update(ExecutionContext ctx) {
    ctx.putLong(SEQ, seq);
  }

  @Override
  public void write(Chunk<? extends Outcome> chunk) {
    List<? extends Outcome> outcomes = chunk.getItems();
    Map<String, List<String>> outputs = new HashMap<>();
    if (run.mode() == Pipeline.Mode.INGEST) {
      List<DatasetRecord> records = new ArrayList<>();
      outcomes.forEach(o -> records.addAll(o.records()));
      List<WrittenPart> written =
          records.isEmpty() ? List.of() : run.sink().write(partition, seq, records);
      parts.replaceChunk(run.runId(), partition, seq, written);
      for (WrittenPart p : written) {
        for (String id : p.lineageIds()) {
          outputs.computeIfAbsent(id, k -> new ArrayList<>()).add(p.uri());
        }
      }
    }
    List<LineageRecord> rows = new ArrayList<>();
    long jobId = step.getJobExecutionId();
    for (Outcome o : outcomes) {
      LineageRecord r = o.lineage().withExecution(jobId, step.getId());
      rows.add(r.withOutputs(outputs.getOrDefault(r.lineageId(), List.of())));
    }
    lineage.save(rows);
    run.findings().write(partition, seq, List.copyOf(outcomes));
    seq++;
  }
}

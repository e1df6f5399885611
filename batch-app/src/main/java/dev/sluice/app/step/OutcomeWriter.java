package dev.sluice.app.step;

import dev.sluice.ingest.Outcome;
import dev.sluice.ingest.Pipeline;
import dev.sluice.ingest.decide.Decision;
import dev.sluice.ingest.lineage.LineageRecord;
import dev.sluice.ingest.lineage.LineageStore;
import dev.sluice.ingest.sink.ApprovedDocument;
import dev.sluice.ingest.sink.DatasetRecord;
import dev.sluice.ingest.sink.DocumentsWritten;
import dev.sluice.ingest.sink.HeldDocument;
import dev.sluice.ingest.sink.OutputMode;
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

  /**
   * Saves the chunk's lineage rows; if the batch is refused, saves them one by one, and a row the
   * store still refuses is replaced by a minimal row (lineage id, decision, a {@code
   * lineage-row-refused} reason) so one bad row never aborts the run. The store's messages never
   * quote values.
   */
  private void saveEach(List<LineageRecord> rows) {
    try {
      lineage.save(rows);
      return;
    } catch (IllegalStateException batch) {
      // fall through: find the row(s) the store refuses
    }
    for (LineageRecord r : rows) {
      try {
        lineage.save(List.of(r));
      } catch (IllegalStateException e) {
        lineage.save(List.of(minimal(r, e.getMessage())));
      }
    }
  }

  /** {@code r} reduced to what any store accepts, with why the full row was refused. */
  static LineageRecord minimal(LineageRecord r, String why) {
    List<String> reasons = new ArrayList<>();
    reasons.add("warning: lineage-row-refused (" + why + ")");
    return new LineageRecord(
        r.lineageId(),
        r.runId(),
        r.jobExecutionId(),
        r.stepExecutionId(),
        "(name not recorded, lineage id " + r.lineageId() + ")",
        "",
        r.eTag().length() <= 128 ? r.eTag() : "",
        r.size(),
        r.sha256().length() <= 64 ? r.sha256() : "",
        "",
        r.catalogVersion(),
        r.policyHash(),
        r.dataset(),
        r.decision(),
        reasons,
        r.unscannable(),
        java.util.Map.of(),
        java.util.Map.of(),
        List.of(),
        List.of(),
        r.outputUris(),
        r.mode(),
        r.processedAt(),
        List.of());
  }

  private boolean isHeld(Outcome o) {
    Decision d = o.verdict().decision();
    return d == Decision.QUARANTINE || (d == Decision.REJECT && run.quarantineRejected());
  }

  @Override
  public void write(Chunk<? extends Outcome> chunk) {
    List<? extends Outcome> outcomes = chunk.getItems();
    Map<String, List<String>> outputs = new HashMap<>();
    Map<String, String> refused = new HashMap<>();
    if (run.mode() == Pipeline.Mode.INGEST) {
      List<DatasetRecord> records = new ArrayList<>();
      List<ApprovedDocument> documents = new ArrayList<>();
      List<HeldDocument> held = new ArrayList<>();
      for (Outcome o : outcomes) {
        if (o.records().isEmpty()) {
          if (isHeld(o)) {
            held.add(
                new HeldDocument(
                    o.item(),
                    o.verdict().decision().name(),
                    o.lineage().lineageId(),
                    o.lineage().reasons()));
          }
        } else if (run.sink().mode(o.lineage().dataset()) == OutputMode.DOCUMENTS) {
          documents.add(
              new ApprovedDocument(
                  o.item(),
                  o.lineage().dataset(),
                  o.verdict().decision().name(),
                  o.lineage().lineageId(),
                  o.scannedSha256(),
                  o.records(),
                  o.verbatim()));
        } else {
          records.addAll(o.records());
        }
      }
      List<WrittenPart> written = new ArrayList<>();
      if (!records.isEmpty()) {
        written.addAll(run.sink().write(partition, seq, records));
      }
      DocumentsWritten docs = run.sink().writeDocuments(documents);
      written.addAll(docs.parts());
      refused.putAll(docs.refused());
      parts.replaceChunk(run.runId(), partition, seq, written);
      if (!held.isEmpty()) {
        run.quarantine()
            .ifPresent(
                q ->
                    q.write(held)
                        .forEach(
                            (id, uri) ->
                                outputs.computeIfAbsent(id, k -> new ArrayList<>()).add(uri)));
      }
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
      String why = refused.get(r.lineageId());
      rows.add(
          why != null
              ? DocumentsWritten.refuse(r, why)
              : r.withOutputs(outputs.getOrDefault(r.lineageId(), List.of())));
    }
    saveEach(rows);
    run.findings().write(partition, seq, List.copyOf(outcomes));
    seq++;
  }
}

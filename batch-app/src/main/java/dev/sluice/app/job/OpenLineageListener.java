package dev.sluice.app.job;

import dev.sluice.app.step.RunContext;
import dev.sluice.app.step.RunContexts;
import dev.sluice.ingest.decide.DatasetSpec;
import dev.sluice.ingest.lineage.LineageStore;
import dev.sluice.ingest.lineage.openlineage.OpenLineageEmitter;
import dev.sluice.ingest.lineage.openlineage.OpenLineageEvents;
import dev.sluice.ingest.lineage.openlineage.OpenLineageEvents.Dataset;
import dev.sluice.ingest.lineage.openlineage.OpenLineageEvents.EventType;
import dev.sluice.ingest.lineage.openlineage.OpenLineageEvents.RunInfo;
import dev.sluice.ingest.report.RunReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Emits OpenLineage START when a Sluice job starts and COMPLETE or FAIL when it ends, with the
 * source as input and, for {@code ingest}, the curated datasets as outputs. Register it after the
 * {@link RunContexts} listener (its {@code afterJob} then runs first). It never fails a job: any
 * problem is logged. Thread-safe.
 */
public final class OpenLineageListener implements JobExecutionListener {
  private static final Logger log = LoggerFactory.getLogger(OpenLineageListener.class);
  private final RunContexts runs;
  private final LineageStore lineage;
  private final OpenLineageEmitter emitter;
  private final String namespace;
  private final Map<Long, RunInfo> started = new ConcurrentHashMap<>();

  /**
   * @param emitter where events go ({@link OpenLineageEmitter#none()} to disable)
   * @param namespace OpenLineage job namespace
   */
  public OpenLineageListener(
      RunContexts runs, LineageStore lineage, OpenLineageEmitter emitter, String namespace) {
    this.runs = runs;
    this.lineage = lineage;
    this.emitter = emitter;
    this.namespace = namespace;
  }

  @Override
  public void beforeJob(JobExecution execution) {
    try {
      RunInfo info = info(execution);
      started.put(execution.getId(), info);
      emitter.emit(OpenLineageEvents.event(EventType.START, Instant.now(), info, Optional.empty()));
    } catch (RuntimeException e) {
      log.warn("OpenLineage: no START event for execution {}: {}", execution.getId(), e.toString());
    }
  }

  @Override
  public void afterJob(JobExecution execution) {
    try {
      RunInfo base = started.remove(execution.getId());
      if (base == null) {
        base = info(execution);
      }
      boolean ok = execution.getStatus() == BatchStatus.COMPLETED;
      Map<String, String> props = new LinkedHashMap<>(base.properties());
      props.put("status", execution.getStatus().name());
      if (ok) {
        RunReport.Totals t = RunReport.totals(lineage.byRun(base.sluiceRunId()));
        props.put("documents", Integer.toString(t.documents()));
        t.byDecision().forEach((d, n) -> props.put("documents" + capital(d), Integer.toString(n)));
        props.put("unscannable", Integer.toString(t.unscannable()));
      }
      RunInfo info =
          new RunInfo(
              base.sluiceRunId(),
              base.namespace(),
              base.jobName(),
              base.inputs(),
              base.outputs(),
              props);
      emitter.emit(
          OpenLineageEvents.event(
              ok ? EventType.COMPLETE : EventType.FAIL,
              Instant.now(),
              info,
              ok ? Optional.empty() : Optional.of(failure(execution))));
    } catch (RuntimeException e) {
      log.warn("OpenLineage: no end event for execution {}: {}", execution.getId(), e.toString());
    }
  }

  private RunInfo info(JobExecution execution) {
    RunContext run = runs.of(execution);
    List<Dataset> inputs = new ArrayList<>();
    var loc = run.location();
    if (loc.isS3()) {
      inputs.add(OpenLineageEvents.s3(loc.bucket(), loc.prefix(), Map.of()));
    } else {
      inputs.add(new Dataset("file", loc.root().resolve(loc.prefix()).toString(), Map.of()));
    }
    List<Dataset> outputs = new ArrayList<>();
    if (run.mode().name().equalsIgnoreCase("ingest")) {
      for (DatasetSpec d : run.datasets()) {
        outputs.add(
            OpenLineageEvents.s3(
                d.bucket(),
                d.outputPrefix(),
                Map.of("dataset", d.name(), "classification", d.classification())));
      }
    }
    Map<String, String> props = new LinkedHashMap<>();
    props.put("mode", run.mode().name().toLowerCase(Locale.ROOT));
    props.put("policyName", run.policy().name());
    props.put("policyHash", run.policy().hash());
    props.put("catalogVersion", run.catalogVersion());
    props.put("jobExecutionId", Long.toString(execution.getId()));
    return new RunInfo(
        run.runId(), namespace, execution.getJobInstance().getJobName(), inputs, outputs, props);
  }

  private static String capital(String decision) {
    String d = decision.toLowerCase(Locale.ROOT);
    return d.isEmpty() ? d : Character.toUpperCase(d.charAt(0)) + d.substring(1);
  }

  /** The first failure's type and message (Sluice exception messages are payload-free). */
  private static String failure(JobExecution execution) {
    List<Throwable> all = new ArrayList<>(execution.getAllFailureExceptions());
    if (all.isEmpty()) {
      return "job " + execution.getStatus().name().toLowerCase(Locale.ROOT);
    }
    Throwable t = all.get(0);
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}

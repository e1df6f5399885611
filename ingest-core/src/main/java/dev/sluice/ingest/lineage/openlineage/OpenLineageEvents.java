package dev.sluice.ingest.lineage.openlineage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Builds OpenLineage run events (spec 2-0-2) for Sluice runs: {@code eventType}, {@code eventTime},
 * {@code run{runId, facets}}, {@code job{namespace, name, facets}}, {@code inputs}, {@code
 * outputs}, {@code producer}, {@code schemaURL}. The run id is a name-based UUID of the Sluice run
 * id, so START, COMPLETE and FAIL of one run (and its restarts) share it. Events carry names,
 * counts and ids only, never document content. Stateless and thread-safe; each call returns a new
 * node.
 */
public final class OpenLineageEvents {
  public static final String PRODUCER = "https://github.com/sluice-dev/sluice";
  public static final String SCHEMA_URL =
      "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
  static final String ERROR_FACET =
      "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet";
  static final String JOB_TYPE_FACET =
      "https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet";
  static final String SLUICE_FACET = "https://sluice.dev/spec/facets/1-0-0/SluiceFacet.json";
  private static final int MAX_MESSAGE = 2_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenLineageEvents() {}

  /** Run state. */
  public enum EventType {
    START,
    COMPLETE,
    FAIL
  }

  /**
   * A dataset as OpenLineage names it: S3 objects as {@code s3://<bucket>} and the key prefix;
   * local files as {@code file} and the path.
   *
   * @param namespace dataset namespace
   * @param name dataset name
   * @param properties extra payload-free properties written as the {@code sluice} dataset facet
   */
  public record Dataset(String namespace, String name, Map<String, String> properties) {
    public Dataset {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(name, "name");
      properties = Map.copyOf(properties);
    }
  }

  /**
   * One run's identity and datasets.
   *
   * @param sluiceRunId the Sluice run id
   * @param namespace job namespace, e.g. {@code sluice}
   * @param jobName job name, e.g. {@code ingest}
   * @param inputs datasets read
   * @param outputs datasets written (none for a dry run)
   * @param properties payload-free run properties written as the {@code sluice} run facet
   */
  public record RunInfo(
      String sluiceRunId,
      String namespace,
      String jobName,
      List<Dataset> inputs,
      List<Dataset> outputs,
      Map<String, String> properties) {
    public RunInfo {
      Objects.requireNonNull(sluiceRunId, "sluiceRunId");
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(jobName, "jobName");
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
      properties = Map.copyOf(properties);
    }
  }

  /** The stable OpenLineage run id of a Sluice run id. */
  public static UUID runId(String sluiceRunId) {
    return UUID.nameUUIDFromBytes(("sluice-run:" + sluiceRunId).getBytes(StandardCharsets.UTF_8));
  }

  /** The dataset of an S3 location {@code s3://bucket/prefix}. */
  public static Dataset s3(String bucket, String prefix, Map<String, String> properties) {
    String name = prefix.isEmpty() ? "/" : prefix;
    return new Dataset("s3://" + bucket, name, properties);
  }

  /**
   * An event.
   *
   * @param error the failure message of a FAIL event (truncated), or empty
   */
  public static ObjectNode event(
      EventType type, Instant time, RunInfo run, Optional<String> error) {
    ObjectNode e = JSON.createObjectNode();
    e.put("eventType", type.name());
    e.put("eventTime", time.toString());
    ObjectNode r = e.putObject("run");
    r.put("runId", runId(run.sluiceRunId()).toString());
    ObjectNode runFacets = r.putObject("facets");
    ObjectNode sluice = facet(runFacets, "sluice", SLUICE_FACET);
    sluice.put("runId", run.sluiceRunId());
    new TreeMap<>(run.properties()).forEach(sluice::put);
    if (type == EventType.FAIL) {
      ObjectNode err = facet(runFacets, "errorMessage", ERROR_FACET);
      String msg = error.orElse("failed");
      err.put("message", msg.length() > MAX_MESSAGE ? msg.substring(0, MAX_MESSAGE) : msg);
      err.put("programmingLanguage", "JAVA");
    }
    ObjectNode job = e.putObject("job");
    job.put("namespace", run.namespace());
    job.put("name", run.jobName());
    ObjectNode jobType = facet(job.putObject("facets"), "jobType", JOB_TYPE_FACET);
    jobType.put("processingType", "BATCH");
    jobType.put("integration", "SLUICE");
    jobType.put("jobType", "JOB");
    datasets(e.putArray("inputs"), run.inputs());
    datasets(e.putArray("outputs"), run.outputs());
    e.put("producer", PRODUCER);
    e.put("schemaURL", SCHEMA_URL);
    return e;
  }

  private static void datasets(ArrayNode arr, List<Dataset> datasets) {
    for (Dataset d : datasets) {
      ObjectNode n = arr.addObject();
      n.put("namespace", d.namespace());
      n.put("name", d.name());
      if (!d.properties().isEmpty()) {
        ObjectNode f = facet(n.putObject("facets"), "sluice", SLUICE_FACET);
        new TreeMap<>(d.properties()).forEach(f::put);
      }
    }
  }

  private static ObjectNode facet(ObjectNode facets, String name, String schema) {
    ObjectNode f = facets.putObject(name);
    f.put("_producer", PRODUCER);
    f.put("_schemaURL", schema);
    return f;
  }
}

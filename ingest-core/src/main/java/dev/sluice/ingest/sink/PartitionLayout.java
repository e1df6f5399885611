package dev.sluice.ingest.sink;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * Hive-style object keys that Athena and Glue understand. The default template is {@code
 * {dataset}/classification={classification}/ingest_date={date}/run={run}/part-{partition}-{seq}.jsonl.gz}.
 * Keys depend only on run, partition and sequence, so a restarted chunk overwrites its object
 * instead of adding a duplicate.
 */
public final class PartitionLayout {
  public static final String DEFAULT_TEMPLATE =
      "{dataset}/classification={classification}/ingest_date={date}/run={run}/";

  private final String template;

  private PartitionLayout(String template) {
    this.template = template;
  }

  /** A layout from a prefix template with {dataset}, {classification}, {date} and {run}. */
  public static PartitionLayout of(String template) {
    Objects.requireNonNull(template, "template");
    for (String required : new String[] {"{dataset}", "{run}"}) {
      if (!template.contains(required)) {
        throw new IllegalArgumentException(
            "sink.layout must contain " + required + ": " + template);
      }
    }
    if (!template.endsWith("/")) {
      throw new IllegalArgumentException("sink.layout must end with '/': " + template);
    }
    return new PartitionLayout(template);
  }

  /** The run prefix of a dataset: everything a run writes for it lives below. */
  public String runPrefix(String outputPrefix, String classification, LocalDate date, String run) {
    return template
        .replace("{dataset}", outputPrefix)
        .replace("{classification}", classification)
        .replace("{date}", date.toString())
        .replace("{run}", run);
  }

  /** The key of one part object. */
  public String partKey(String runPrefix, int partition, long seq) {
    return runPrefix + String.format(Locale.ROOT, "part-%05d-%06d.jsonl.gz", partition, seq);
  }

  /** The manifest key of a run prefix; written last, it publishes the objects it lists. */
  public String manifestKey(String runPrefix) {
    return runPrefix + "_manifest.json";
  }
}

package dev.sluice.ingest.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.ingest.lineage.LineageRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What changed between two runs, by source URI: documents that became sensitive (findings now, none
 * or absent before), documents whose decision changed, documents gone from the later run, and
 * documents new in it. Payload-free: URIs, decisions and counts only. Immutable and thread-safe.
 *
 * @param runA the earlier run
 * @param runB the later run
 * @param newSensitive documents of B with findings that were absent from A or had none there
 * @param changed documents in both runs whose decision differs
 * @param gone documents of A absent from B
 * @param added documents of B absent from A (sensitive ones also appear in {@code newSensitive})
 * @param unchanged number of documents in both runs with the same decision
 */
public record ReportDiff(
    String runA,
    String runB,
    List<Change> newSensitive,
    List<Change> changed,
    List<Change> gone,
    List<Change> added,
    int unchanged) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ReportDiff {
    Objects.requireNonNull(runA, "runA");
    Objects.requireNonNull(runB, "runB");
    newSensitive = List.copyOf(newSensitive);
    changed = List.copyOf(changed);
    gone = List.copyOf(gone);
    added = List.copyOf(added);
  }

  /**
   * One document's before and after. An empty decision means "not in that run".
   *
   * @param source source URI
   * @param decisionA decision in run A, or empty
   * @param decisionB decision in run B, or empty
   * @param countsA finding counts per type in run A
   * @param countsB finding counts per type in run B
   */
  public record Change(
      String source,
      String decisionA,
      String decisionB,
      Map<String, Integer> countsA,
      Map<String, Integer> countsB) {
    public Change {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(decisionA, "decisionA");
      Objects.requireNonNull(decisionB, "decisionB");
      countsA = Map.copyOf(countsA);
      countsB = Map.copyOf(countsB);
    }
  }

  /** Compares the records of two runs (one record per source URI; the last one wins). */
  public static ReportDiff of(
      String runA, List<LineageRecord> a, String runB, List<LineageRecord> b) {
    Map<String, LineageRecord> before = bySource(a);
    Map<String, LineageRecord> after = bySource(b);
    List<Change> sensitive = new ArrayList<>();
    List<Change> changed = new ArrayList<>();
    List<Change> gone = new ArrayList<>();
    List<Change> added = new ArrayList<>();
    int same = 0;
    for (Map.Entry<String, LineageRecord> e : after.entrySet()) {
      LineageRecord rb = e.getValue();
      LineageRecord ra = before.get(e.getKey());
      Change c = change(e.getKey(), ra, rb);
      if (total(rb) > 0 && (ra == null || total(ra) == 0)) {
        sensitive.add(c);
      }
      if (ra == null) {
        added.add(c);
      } else if (!ra.decision().equals(rb.decision())) {
        changed.add(c);
      } else {
        same++;
      }
    }
    for (Map.Entry<String, LineageRecord> e : before.entrySet()) {
      if (!after.containsKey(e.getKey())) {
        gone.add(change(e.getKey(), e.getValue(), null));
      }
    }
    return new ReportDiff(runA, runB, sensitive, changed, gone, added, same);
  }

  private static Map<String, LineageRecord> bySource(List<LineageRecord> records) {
    Map<String, LineageRecord> m = new TreeMap<>();
    records.forEach(r -> m.put(r.sourceUri(), r));
    return m;
  }

  private static Change change(String source, LineageRecord a, LineageRecord b) {
    return new Change(
        source,
        a == null ? "" : a.decision(),
        b == null ? "" : b.decision(),
        a == null ? Map.of() : a.findingCounts(),
        b == null ? Map.of() : b.findingCounts());
  }

  private static int total(LineageRecord r) {
    return r.findingCounts().values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Whether nothing changed. */
  public boolean isEmpty() {
    return newSensitive.isEmpty() && changed.isEmpty() && gone.isEmpty() && added.isEmpty();
  }

  /** A human-readable summary, one line per document. */
  public String toText() {
    StringBuilder s = new StringBuilder();
    s.append("report diff ").append(runA).append(" -> ").append(runB).append('\n');
    s.append(
        String.format(
            java.util.Locale.ROOT,
            "  %d newly sensitive, %d changed decisions, %d gone, %d added, %d unchanged%n",
            newSensitive.size(),
            changed.size(),
            gone.size(),
            added.size(),
            unchanged));
    section(s, "Newly sensitive documents", newSensitive, true);
    section(s, "Changed decisions", changed, false);
    section(s, "Gone (in " + runA + ", not in " + runB + ")", gone, false);
    section(s, "Added (in " + runB + ", not in " + runA + ")", added, false);
    if (isEmpty()) {
      s.append("no changes\n");
    }
    return s.toString();
  }

  private static void section(StringBuilder s, String title, List<Change> changes, boolean counts) {
    if (changes.isEmpty()) {
      return;
    }
    s.append(title).append(":\n");
    for (Change c : changes) {
      s.append("  ")
          .append(c.source())
          .append("  ")
          .append(c.decisionA().isEmpty() ? "-" : c.decisionA())
          .append(" -> ")
          .append(c.decisionB().isEmpty() ? "-" : c.decisionB());
      if (counts && !c.countsB().isEmpty()) {
        s.append("  ").append(new TreeMap<>(c.countsB()));
      }
      s.append('\n');
    }
  }

  /** The diff as a JSON object. */
  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("runA", runA);
    root.put("runB", runB);
    ObjectNode summary = root.putObject("summary");
    summary.put("newSensitive", newSensitive.size());
    summary.put("changed", changed.size());
    summary.put("gone", gone.size());
    summary.put("added", added.size());
    summary.put("unchanged", unchanged);
    put(root.putArray("newSensitive"), newSensitive);
    put(root.putArray("changed"), changed);
    put(root.putArray("gone"), gone);
    put(root.putArray("added"), added);
    return root;
  }

  private static void put(ArrayNode arr, List<Change> changes) {
    for (Change c : changes) {
      ObjectNode n = arr.addObject();
      n.put("source", c.source());
      n.put("decisionA", c.decisionA().isEmpty() ? null : c.decisionA());
      n.put("decisionB", c.decisionB().isEmpty() ? null : c.decisionB());
      ObjectNode ca = n.putObject("countsA");
      new TreeMap<>(c.countsA()).forEach(ca::put);
      ObjectNode cb = n.putObject("countsB");
      new LinkedHashMap<>(new TreeMap<>(c.countsB())).forEach(cb::put);
    }
  }
}

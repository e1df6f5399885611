package dev.sluice.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.app.config.CoreBeans.ValidatedProperties;
import dev.sluice.app.config.SluiceProperties;
import dev.sluice.ingest.decide.Policy;
import dev.sluice.ingest.lineage.LineageRecord;
import dev.sluice.ingest.lineage.LineageStore;
import dev.sluice.ingest.report.FindingsLog;
import dev.sluice.ingest.report.HtmlReport;
import dev.sluice.ingest.report.ReportDiff;
import dev.sluice.ingest.report.RunReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code sluice report <run-id>}: the summary and file paths of a run's report, regenerated from
 * lineage when files are missing. {@code sluice report diff <run-a> <run-b> [--json]}: what changed
 * between two runs.
 */
final class ReportCommand {
  static final String HELP =
      """
      Usage: sluice report <run-id> [--json]
             sluice report diff <run-a> <run-b> [--json]

      report <run-id>   Prints the summary of a run and the paths of report.json, report.html,
                        documents.csv and findings.jsonl under <output-dir>/reports/<run-id>;
                        files that are missing are regenerated from the lineage database.
      report diff       Compares two runs by source: newly sensitive documents, changed
                        decisions, documents gone and added. --json prints it as JSON.
      """;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SluiceCli cli;
  private final PrintStream out;
  private final PrintStream err;

  ReportCommand(SluiceCli cli, PrintStream out, PrintStream err) {
    this.cli = cli;
    this.out = out;
    this.err = err;
  }

  int run(List<String> argv) {
    Args a = Args.parse(argv, Set.of(), Set.of("help", "json"));
    if (a.has("help") || a.positional.isEmpty()) {
      out.print(HELP);
      return a.has("help") ? SluiceCli.OK : SluiceCli.USAGE;
    }
    boolean diff = a.positional.get(0).equals("diff");
    if (diff ? a.positional.size() != 3 : a.positional.size() != 1) {
      throw new UsageException(
          diff ? "usage: sluice report diff <run-a> <run-b>" : "usage: sluice report <run-id>");
    }
    for (String id : a.positional.subList(diff ? 1 : 0, a.positional.size())) {
      if (!id.matches("[A-Za-z0-9._-]{1,128}")) {
        throw new UsageException("run id must be 1-128 of [A-Za-z0-9._-] (was '" + id + "')");
      }
    }
    try (ConfigurableApplicationContext ctx = cli.context(a.springArgs)) {
      LineageStore store = ctx.getBean(LineageStore.class);
      if (diff) {
        return diff(store, a.positional.get(1), a.positional.get(2), a.has("json"));
      }
      SluiceProperties props = ctx.getBean(ValidatedProperties.class).props();
      return show(store, ctx.getBean(Policy.class), props, a.positional.get(0), a.has("json"));
    } catch (UsageException e) {
      throw e;
    } catch (Exception e) {
      return cli.startupFailure(e);
    }
  }

  private int diff(LineageStore store, String runA, String runB, boolean json) throws IOException {
    List<LineageRecord> a = store.byRun(runA);
    List<LineageRecord> b = store.byRun(runB);
    for (var r : List.of(java.util.Map.entry(runA, a), java.util.Map.entry(runB, b))) {
      if (r.getValue().isEmpty()) {
        err.println("sluice: no lineage for run " + r.getKey());
        return SluiceCli.FAILED;
      }
    }
    ReportDiff d = ReportDiff.of(runA, a, runB, b);
    out.print(
        json
            ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(d.toJson()) + "\n"
            : d.toText());
    return SluiceCli.OK;
  }

  private int show(
      LineageStore store, Policy policy, SluiceProperties props, String runId, boolean json)
      throws IOException {
    Path dir = Path.of(props.outputDir()).resolve("reports").resolve(runId);
    Path reportJson = dir.resolve("report.json");
    boolean complete =
        Files.isRegularFile(reportJson)
            && Files.isRegularFile(dir.resolve("documents.csv"))
            && Files.isRegularFile(dir.resolve("findings.jsonl"));
    if (!complete) {
      List<LineageRecord> records = store.byRun(runId);
      if (records.isEmpty()) {
        err.println("sluice: no report and no lineage for run " + runId);
        return SluiceCli.FAILED;
      }
      regenerate(dir, runId, records, policy, Path.of(props.dataDir()));
      out.println("regenerated from lineage: " + dir.toAbsolutePath());
    }
    Path html = dir.resolve("report.html");
    if (!complete || !Files.isRegularFile(html)) {
      HtmlReport.write(reportJson);
    }
    JsonNode report = RunReport.read(reportJson);
    if (json) {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary(report, dir)));
      return SluiceCli.OK;
    }
    JsonNode t = report.path("totals");
    out.println(
        "run:         " + report.path("run").asText() + " (" + report.path("mode").asText() + ")");
    out.println(
        "policy:      "
            + report.path("policy").path("name").asText()
            + " sha256 "
            + report.path("policy").path("hash").asText());
    out.println("documents:   " + t.path("documents").asInt() + " " + t.path("byDecision"));
    out.println("unscannable: " + t.path("unscannable").asInt());
    out.println(
        "findings:    "
            + t.path("findings").asLong()
            + " by category "
            + report.path("findingsByCategory"));
    out.println("report.json:    " + reportJson.toAbsolutePath());
    out.println("report.html:    " + html.toAbsolutePath());
    out.println("documents.csv:  " + dir.resolve("documents.csv").toAbsolutePath());
    out.println("findings.jsonl: " + dir.resolve("findings.jsonl").toAbsolutePath());
    return SluiceCli.OK;
  }

  private static JsonNode summary(JsonNode report, Path dir) {
    var n = JSON.createObjectNode();
    n.put("run", report.path("run").asText());
    n.put("mode", report.path("mode").asText());
    n.set("policy", report.path("policy"));
    n.set("totals", report.path("totals"));
    n.set("findingsByCategory", report.path("findingsByCategory"));
    var files = n.putObject("files");
    for (String f : List.of("report.json", "report.html", "documents.csv", "findings.jsonl")) {
      files.put(f, dir.resolve(f).toAbsolutePath().toString());
    }
    return n;
  }

  /**
   * Rewrites the report files from lineage. Findings come from the run's findings chunks when they
   * still exist, else from the existing findings.jsonl, else the findings file is empty.
   */
  static void regenerate(
      Path dir, String runId, List<LineageRecord> records, Policy policy, Path dataDir)
      throws IOException {
    LineageRecord first = records.get(0);
    String policyName = policy.hash().equals(first.policyHash()) ? policy.name() : "(unknown)";
    Path chunks = dataDir.resolve("runs").resolve(runId).resolve("findings");
    FindingsLog log = null;
    Path tmp = null;
    if (Files.isDirectory(chunks)) {
      log = new FindingsLog(chunks);
    } else if (Files.isRegularFile(dir.resolve("findings.jsonl"))) {
      tmp = Files.createTempDirectory("sluice-findings-");
      Files.copy(dir.resolve("findings.jsonl"), tmp.resolve("part-00000-000000.jsonl"));
      log = new FindingsLog(tmp);
    }
    try {
      RunReport.write(
          dir,
          runId,
          first.mode(),
          policyName,
          first.policyHash(),
          first.catalogVersion(),
          records,
          log,
          policy.hash().equals(first.policyHash()) ? policy.acknowledgements() : List.of());
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(tmp.resolve("part-00000-000000.jsonl"));
        Files.deleteIfExists(tmp);
      }
    }
  }
}

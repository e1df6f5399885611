package dev.sluice.ingest.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a run's {@code report.json} as one self-contained {@code report.html} for security
 * reviewers: totals, decisions, findings by type, category and prefix as inline SVG charts, the
 * worst prefixes, unscannable documents, and a searchable, filterable document table. It works
 * offline: no external scripts, fonts, images or style sheets. Every value taken from the report is
 * HTML-escaped; the report itself holds masked, payload-free data only (counts, reasons, ids), and
 * this renderer adds no previews. The table is static HTML (readable without JavaScript); the
 * inline script only filters, sorts and counts rows. Stateless and thread-safe.
 */
public final class HtmlReport {
  /** Most document rows rendered; the rest are in {@code documents.csv}. */
  static final int MAX_ROWS = 20_000;

  /** Most bars per chart; smaller entries are summed into "(other)". */
  static final int MAX_BARS = 25;

  /** Longest label drawn in a chart, in characters (the full label is the bar's tooltip). */
  static final int MAX_LABEL = 42;

  static final List<String> DECISIONS = List.of("APPROVE", "REDACT", "QUARANTINE", "REJECT");

  private HtmlReport() {}

  /**
   * Reads {@code reportJson} and writes {@code report.html} next to it (atomically).
   *
   * @return the HTML file
   * @throws UncheckedIOException when the report cannot be read or the HTML written
   */
  public static Path write(Path reportJson) {
    JsonNode report = RunReport.read(reportJson);
    Path html = reportJson.resolveSibling("report.html");
    Path tmp = reportJson.resolveSibling("report.html.tmp");
    try {
      Files.writeString(tmp, render(report), StandardCharsets.UTF_8);
      dev.sluice.ingest.OwnerOnly.tree(tmp);
      Files.move(tmp, html, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + html, e);
    }
    return html;
  }

  /** The HTML document for {@code report} (a parsed {@code report.json}). */
  public static String render(JsonNode report) {
    StringBuilder h = new StringBuilder(64 * 1024);
    String run = report.path("run").asText("");
    String mode = report.path("mode").asText("");
    JsonNode totals = report.path("totals");
    JsonNode byDecision = totals.path("byDecision");
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
        .append("<title>Sluice report: ")
        .append(esc(run))
        .append("</title>\n<script>")
        .append(ERROR_HOOK)
        .append("</script>\n<style>")
        .append(CSS)
        .append("</style></head>\n<body>\n<header><h1>Sluice classification report</h1>\n");
    h.append("<dl class=\"meta\">");
    meta(h, "Run", run);
    meta(h, "Mode", mode.equals("classify") ? "classify (dry run: nothing written)" : mode);
    meta(h, "Generated", report.path("generatedAt").asText(""));
    meta(
        h,
        "Policy",
        report.path("policy").path("name").asText("")
            + " (sha256 "
            + report.path("policy").path("hash").asText("")
            + ")");
    for (JsonNode k : report.path("policy").path("acknowledgements")) {
      List<String> cats = new java.util.ArrayList<>();
      k.path("categories").forEach(c -> cats.add(c.asText()));
      meta(
          h,
          "Acknowledged risk",
          "rule "
              + k.path("rule").asText("")
              + " approves "
              + String.join(", ", cats)
              + ": "
              + k.path("text").asText(""));
    }
    meta(h, "Classifier catalogue", report.path("catalogVersion").asText(""));
    h.append("</dl></header>\n<main>\n");

    // totals
    h.append("<section id=\"totals\"><h2>Totals</h2><div class=\"cards\">");
    card(h, "documents", "Documents", totals.path("documents").asLong(), "");
    for (String d : DECISIONS) {
      card(h, d.toLowerCase(Locale.ROOT), label(d), byDecision.path(d).asLong(0), d);
    }
    card(h, "unscannable", "Unscannable", totals.path("unscannable").asLong(), "QUARANTINE");
    card(h, "findings", "Findings", totals.path("findings").asLong(), "");
    h.append("</div><p class=\"note\">Bytes read: ")
        .append(totals.path("bytes").asLong())
        .append(". Approved and redacted documents are released (redacted ones with values")
        .append(" masked); quarantined and rejected documents are held back.</p>")
        .append("<p id=\"js-summary\" class=\"note\"></p></section>\n");

    // charts
    h.append("<section id=\"charts\"><h2>Decisions and findings</h2><div class=\"charts\">");
    Map<String, Long> decisions = new LinkedHashMap<>();
    for (String d : DECISIONS) {
      decisions.put(d, byDecision.path(d).asLong(0));
    }
    byDecision
        .fieldNames()
        .forEachRemaining(f -> decisions.putIfAbsent(f, byDecision.get(f).asLong()));
    figure(h, "chart-decisions", "Documents by decision", barChart(decisions, true));
    figure(
        h,
        "chart-types",
        "Findings by type",
        barChart(longs(report.path("findingsByType")), false));
    figure(
        h,
        "chart-categories",
        "Findings by category",
        barChart(longs(report.path("findingsByCategory")), false));
    figure(
        h,
        "chart-findings-prefix",
        "Findings by prefix",
        barChart(longs(report.path("findingsByPrefix")), false));
    figure(
        h,
        "chart-prefixes",
        "Documents by prefix and decision",
        stackedChart(report.path("byPrefix")));
    h.append("</div></section>\n");

    worstPrefixes(h, report.path("byPrefix"));
    unscannable(h, report.path("documents"));
    documents(h, report.path("documents"));

    h.append("</main>\n<footer>Generated by Sluice from report.json. Complete data: report.json,")
        .append(" documents.csv, findings.jsonl (masked previews only).</footer>\n<script>")
        .append(SCRIPT)
        .append("</script>\n</body></html>\n");
    return h.toString();
  }

  private static void meta(StringBuilder h, String k, String v) {
    h.append("<dt>").append(esc(k)).append("</dt><dd>").append(esc(v)).append("</dd>");
  }

  private static void card(StringBuilder h, String id, String label, long n, String decision) {
    h.append("<div class=\"card ")
        .append(esc(decision.toLowerCase(Locale.ROOT)))
        .append("\" id=\"total-")
        .append(esc(id))
        .append("\"><span class=\"n\">")
        .append(n)
        .append("</span><span class=\"l\">")
        .append(esc(label))
        .append("</span></div>");
  }

  private static void figure(StringBuilder h, String id, String title, String svg) {
    h.append("<figure id=\"")
        .append(id)
        .append("\"><figcaption>")
        .append(esc(title))
        .append("</figcaption>")
        .append(svg)
        .append("</figure>");
  }

  static String label(String decision) {
    return switch (decision) {
      case "APPROVE" -> "Approved";
      case "REDACT" -> "Redacted";
      case "QUARANTINE" -> "Quarantined";
      case "REJECT" -> "Rejected";
      default -> decision;
    };
  }

  static String color(String decision) {
    return switch (decision) {
      case "APPROVE" -> "#2e7d32";
      case "REDACT" -> "#1565c0";
      case "QUARANTINE" -> "#e65100";
      case "REJECT" -> "#b71c1c";
      default -> "#546e7a";
    };
  }

  private static Map<String, Long> longs(JsonNode obj) {
    Map<String, Long> m = new LinkedHashMap<>();
    obj.fieldNames().forEachRemaining(f -> m.put(f, obj.get(f).asLong()));
    return m;
  }

  /** A horizontal bar chart, biggest first (decision charts keep their order and colours). */
  static String barChart(Map<String, Long> values, boolean decisionColors) {
    List<Map.Entry<String, Long>> rows = new ArrayList<>(values.entrySet());
    if (!decisionColors) {
      rows.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    }
    if (rows.size() > MAX_BARS) {
      long rest =
          rows.subList(MAX_BARS - 1, rows.size()).stream().mapToLong(Map.Entry::getValue).sum();
      rows = new ArrayList<>(rows.subList(0, MAX_BARS - 1));
      rows.add(Map.entry("(other)", rest));
    }
    if (rows.isEmpty()) {
      return "<p class=\"empty\">None.</p>";
    }
    long max = Math.max(1, rows.stream().mapToLong(Map.Entry::getValue).max().orElse(1));
    int labelW = 230;
    int barW = 300;
    int rowH = 24;
    int height = rows.size() * rowH + 8;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"600\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 600 ")
        .append(height)
        .append("\">");
    int y = 4;
    for (Map.Entry<String, Long> e : rows) {
      int w = (int) Math.round((double) e.getValue() / max * barW);
      String fill = decisionColors ? color(e.getKey()) : "#37474f";
      s.append("<g><title>")
          .append(esc(e.getKey() + ": " + e.getValue()))
          .append("</title><text x=\"")
          .append(labelW - 6)
          .append("\" y=\"")
          .append(y + 16)
          .append("\" text-anchor=\"end\">")
          .append(esc(shorten(e.getKey())))
          .append("</text><rect x=\"")
          .append(labelW)
          .append("\" y=\"")
          .append(y + 3)
          .append("\" width=\"")
          .append(Math.max(w, e.getValue() > 0 ? 2 : 0))
          .append("\" height=\"16\" fill=\"")
          .append(fill)
          .append("\"/><text x=\"")
          .append(labelW + w + 6)
          .append("\" y=\"")
          .append(y + 16)
          .append("\">")
          .append(e.getValue())
          .append("</text></g>");
      y += rowH;
    }
    return s.append("</svg>").toString();
  }

  /** Documents per prefix, stacked by decision, most documents first. */
  static String stackedChart(JsonNode byPrefix) {
    List<Map.Entry<String, Map<String, Long>>> rows = new ArrayList<>();
    byPrefix.fieldNames().forEachRemaining(p -> rows.add(Map.entry(p, longs(byPrefix.get(p)))));
    if (rows.isEmpty()) {
      return "<p class=\"empty\">None.</p>";
    }
    rows.sort(
        Comparator.comparingLong((Map.Entry<String, Map<String, Long>> e) -> sum(e.getValue()))
            .reversed()
            .thenComparing(Map.Entry::getKey));
    List<Map.Entry<String, Map<String, Long>>> shown =
        rows.subList(0, Math.min(rows.size(), MAX_BARS));
    long max = Math.max(1, shown.stream().mapToLong(e -> sum(e.getValue())).max().orElse(1));
    int labelW = 230;
    int barW = 300;
    int rowH = 24;
    int height = shown.size() * rowH + 34;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"600\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 600 ")
        .append(height)
        .append("\">");
    int y = 4;
    for (Map.Entry<String, Map<String, Long>> e : shown) {
      s.append("<g><title>").append(esc(e.getKey() + ": " + e.getValue())).append("</title>");
      s.append("<text x=\"")
          .append(labelW - 6)
          .append("\" y=\"")
          .append(y + 16)
          .append("\" text-anchor=\"end\">")
          .append(esc(shorten(e.getKey())))
          .append("</text>");
      double x = labelW;
      for (Map.Entry<String, Long> d : ordered(e.getValue()).entrySet()) {
        double w = (double) d.getValue() / max * barW;
        s.append("<rect x=\"")
            .append(String.format(Locale.ROOT, "%.1f", x))
            .append("\" y=\"")
            .append(y + 3)
            .append("\" width=\"")
            .append(String.format(Locale.ROOT, "%.1f", w))
            .append("\" height=\"16\" fill=\"")
            .append(color(d.getKey()))
            .append("\"/>");
        x += w;
      }
      s.append("<text x=\"")
          .append(String.format(Locale.ROOT, "%.1f", x + 6))
          .append("\" y=\"")
          .append(y + 16)
          .append("\">")
          .append(sum(e.getValue()))
          .append("</text></g>");
      y += rowH;
    }
    int lx = labelW - 120;
    for (String d : DECISIONS) {
      s.append("<rect x=\"")
          .append(lx)
          .append("\" y=\"")
          .append(y + 8)
          .append("\" width=\"12\" height=\"12\" fill=\"")
          .append(color(d))
          .append("\"/><text x=\"")
          .append(lx + 16)
          .append("\" y=\"")
          .append(y + 19)
          .append("\">")
          .append(label(d))
          .append("</text>");
      lx += 104;
    }
    return s.append("</svg>").toString();
  }

  private static Map<String, Long> ordered(Map<String, Long> byDecision) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String d : DECISIONS) {
      if (byDecision.containsKey(d)) {
        m.put(d, byDecision.get(d));
      }
    }
    new TreeMap<>(byDecision).forEach(m::putIfAbsent);
    return m;
  }

  private static long sum(Map<String, Long> m) {
    return m.values().stream().mapToLong(Long::longValue).sum();
  }

  private static void worstPrefixes(StringBuilder h, JsonNode byPrefix) {
    record Row(String prefix, long total, long blocked) {}
    List<Row> rows = new ArrayList<>();
    byPrefix
        .fieldNames()
        .forEachRemaining(
            p -> {
              Map<String, Long> m = longs(byPrefix.get(p));
              long blocked = m.getOrDefault("QUARANTINE", 0L) + m.getOrDefault("REJECT", 0L);
              rows.add(new Row(p, sum(m), blocked));
            });
    rows.removeIf(r -> r.blocked() == 0);
    rows.sort(
        Comparator.comparingLong(Row::blocked)
            .reversed()
            .thenComparing(Comparator.comparingLong(Row::total).reversed())
            .thenComparing(Row::prefix));
    h.append("<section id=\"worst\"><h2>Worst prefixes (most blocked documents)</h2>");
    if (rows.isEmpty()) {
      h.append("<p class=\"empty\">No prefix has blocked documents.</p></section>\n");
      return;
    }
    h.append("<table class=\"grid\"><thead><tr><th>Prefix</th><th class=\"num\">Blocked</th>")
        .append(
            "<th class=\"num\">Documents</th><th class=\"num\">Blocked share</th></tr></thead><tbody>");
    for (Row r : rows.subList(0, Math.min(10, rows.size()))) {
      h.append("<tr><td>")
          .append(esc(r.prefix()))
          .append("</td><td class=\"num\">")
          .append(r.blocked())
          .append("</td><td class=\"num\">")
          .append(r.total())
          .append("</td><td class=\"num\">")
          .append(Math.round(100.0 * r.blocked() / Math.max(1, r.total())))
          .append("%</td></tr>");
    }
    h.append("</tbody></table></section>\n");
  }

  private static void unscannable(StringBuilder h, JsonNode docs) {
    h.append("<section id=\"unscannable\"><h2>Unscannable documents</h2>");
    List<JsonNode> rows = new ArrayList<>();
    docs.forEach(
        d -> {
          if (!d.path("unscannable").asText("").isEmpty()) {
            rows.add(d);
          }
        });
    if (rows.isEmpty()) {
      h.append("<p class=\"empty\">Every document could be scanned.</p></section>\n");
      return;
    }
    h.append("<p class=\"note\">Not scanned means not approved: these are held back.</p>")
        .append("<table class=\"grid\"><thead><tr><th>Source</th><th>Reason</th>")
        .append("<th>Decision</th><th>Rules</th></tr></thead><tbody>");
    for (JsonNode d : rows.subList(0, Math.min(rows.size(), MAX_ROWS))) {
      h.append("<tr><td>")
          .append(esc(d.path("source").asText("")))
          .append("</td><td>")
          .append(esc(d.path("unscannable").asText("")))
          .append("</td><td>")
          .append(badge(d.path("decision").asText("")))
          .append("</td><td>")
          .append(list(d.path("reasons")))
          .append("</td></tr>");
    }
    h.append("</tbody></table></section>\n");
  }

  private static void documents(StringBuilder h, JsonNode docs) {
    h.append("<section id=\"documents\"><h2>Documents</h2>")
        .append("<div class=\"filters\"><label>Search <input id=\"q\" type=\"search\"")
        .append(" placeholder=\"source, reason, type\"></label>")
        .append(" <label>Decision <select id=\"dec\"><option value=\"\">all</option>");
    for (String d : DECISIONS) {
      h.append("<option value=\"").append(d).append("\">").append(label(d)).append("</option>");
    }
    h.append("</select></label> <label><input id=\"wf\" type=\"checkbox\"> with findings only")
        .append("</label> <span id=\"shown\"></span></div>");
    int n = docs.size();
    if (n > MAX_ROWS) {
      h.append("<p class=\"note\">Showing the first ")
          .append(MAX_ROWS)
          .append(" of ")
          .append(n)
          .append(" documents; documents.csv has them all.</p>");
    }
    h.append("<table id=\"docs\" class=\"grid\"><thead><tr><th data-k=\"0\">Source</th>")
        .append("<th data-k=\"1\">Decision</th><th data-k=\"2\">Reasons</th>")
        .append("<th data-k=\"3\">Findings</th><th data-k=\"4\">Dataset</th></tr></thead><tbody>");
    int i = 0;
    for (JsonNode d : docs) {
      if (i++ >= MAX_ROWS) {
        break;
      }
      JsonNode counts = d.path("counts");
      long total = 0;
      StringBuilder c = new StringBuilder();
      for (Map.Entry<String, Long> e : new TreeMap<>(longs(counts)).entrySet()) {
        total += e.getValue();
        c.append("<span class=\"cnt\">")
            .append(esc(e.getKey()))
            .append(" <b>")
            .append(e.getValue())
            .append("</b></span> ");
      }
      String decision = d.path("decision").asText("");
      h.append("<tr data-decision=\"")
          .append(esc(decision))
          .append("\" data-findings=\"")
          .append(total)
          .append("\"><td class=\"src\">")
          .append(esc(d.path("source").asText("")));
      if (!d.path("unscannable").asText("").isEmpty()) {
        h.append(" <span class=\"uns\">unscannable: ")
            .append(esc(d.path("unscannable").asText("")))
            .append("</span>");
      }
      h.append("</td><td>")
          .append(badge(decision))
          .append("</td><td>")
          .append(list(d.path("reasons")))
          .append("</td><td data-v=\"")
          .append(total)
          .append("\">")
          .append(c.length() == 0 ? "<span class=\"none\">none</span>" : c.toString().strip())
          .append("</td><td>")
          .append(esc(d.path("dataset").asText("")))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table></section>\n");
  }

  private static String badge(String decision) {
    return "<span class=\"badge "
        + esc(decision.toLowerCase(Locale.ROOT))
        + "\">"
        + esc(decision)
        + "</span>";
  }

  private static String list(JsonNode arr) {
    if (arr.isEmpty()) {
      return "<span class=\"none\">none</span>";
    }
    StringBuilder s = new StringBuilder("<ul>");
    arr.forEach(r -> s.append("<li>").append(esc(r.asText(""))).append("</li>"));
    return s.append("</ul>").toString();
  }

  private static String shorten(String s) {
    return s.length() <= MAX_LABEL ? s : s.substring(0, MAX_LABEL - 1) + "\u2026";
  }

  /** Escapes {@code s} for HTML text and double- or single-quoted attribute values. */
  public static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            b.append("\uFFFD");
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  private static final String ERROR_HOOK =
      "window.__sluiceErrors=[];window.onerror=function(m){window.__sluiceErrors.push(String(m));"
          + "document.documentElement.setAttribute('data-js-error',String(m));};";

  private static final String CSS =
      """
      :root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c2529}
      body{margin:0;background:#f5f7f8}
      header{background:#263238;color:#fff;padding:16px 24px}
      h1{margin:0 0 8px;font-size:22px}
      h2{font-size:18px;margin:0 0 10px}
      main{padding:16px 24px}
      section{background:#fff;border:1px solid #dde3e6;border-radius:6px;padding:14px 16px;\
      margin:0 0 16px}
      .meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0;\
      font-size:13px}
      .meta dt{color:#b0bec5}.meta dd{margin:0;word-break:break-all}
      .cards{display:flex;flex-wrap:wrap;gap:10px}
      .card{border:1px solid #cfd8dc;border-left:6px solid #546e7a;border-radius:4px;\
      padding:8px 14px;min-width:110px}
      .card .n{display:block;font-size:26px;font-weight:600}
      .card .l{font-size:12px;color:#546e7a;text-transform:uppercase;letter-spacing:.04em}
      .card.approve{border-left-color:#2e7d32}.card.redact{border-left-color:#1565c0}
      .card.quarantine{border-left-color:#e65100}.card.reject{border-left-color:#b71c1c}
      .note{font-size:13px;color:#455a64}
      .charts{display:flex;flex-wrap:wrap;gap:16px}
      figure{margin:0;flex:1 1 560px}
      figcaption{font-weight:600;font-size:14px;margin-bottom:4px}
      svg text{font-size:12px;fill:#263238}
      table.grid{border-collapse:collapse;width:100%;font-size:13px}
      .grid th,.grid td{border-bottom:1px solid #e3e8ea;padding:5px 8px;text-align:left;\
      vertical-align:top}
      .grid th{background:#eceff1;position:sticky;top:0}
      #docs th{cursor:pointer}
      .grid ul{margin:0;padding-left:16px}
      .grid .num{text-align:right}
      td.src{word-break:break-all;max-width:420px}
      .badge{display:inline-block;padding:1px 6px;border-radius:3px;color:#fff;font-size:12px;\
      background:#546e7a}
      .badge.approve{background:#2e7d32}.badge.redact{background:#1565c0}
      .badge.quarantine{background:#e65100}.badge.reject{background:#b71c1c}
      .cnt{display:inline-block;background:#eceff1;border-radius:3px;padding:0 5px;margin:1px 0}
      .uns{color:#e65100;font-size:12px}
      .none,.empty{color:#90a4ae}
      .filters{margin:0 0 10px;display:flex;flex-wrap:wrap;gap:12px;align-items:center;\
      font-size:13px}
      .filters input[type=search]{width:260px;padding:3px 6px}
      #shown{color:#455a64}
      footer{padding:8px 24px 24px;font-size:12px;color:#607d8b}
      """;

  private static final String SCRIPT =
      """
      (function(){
        var rows=Array.prototype.slice.call(document.querySelectorAll('#docs tbody tr'));
        var q=document.getElementById('q'),dec=document.getElementById('dec'),
            wf=document.getElementById('wf'),shown=document.getElementById('shown');
        function apply(){
          var t=q.value.toLowerCase(),d=dec.value,f=wf.checked,n=0;
          rows.forEach(function(r){
            var ok=(!t||r.textContent.toLowerCase().indexOf(t)>=0)
              &&(!d||r.getAttribute('data-decision')===d)
              &&(!f||r.getAttribute('data-findings')!=='0');
            r.hidden=!ok;if(ok){n++;}
          });
          shown.textContent='Showing '+n+' of '+rows.length+' documents';
        }
        q.addEventListener('input',apply);dec.addEventListener('change',apply);
        wf.addEventListener('change',apply);
        var body=document.querySelector('#docs tbody'),dir={};
        Array.prototype.forEach.call(document.querySelectorAll('#docs th'),function(th){
          th.addEventListener('click',function(){
            var k=+th.getAttribute('data-k');dir[k]=!dir[k];
            var key=function(r){var c=r.cells[k];var v=c.getAttribute('data-v');
              return v===null?c.textContent.toLowerCase():+v;};
            rows.sort(function(a,b){var x=key(a),y=key(b);
              return (x<y?-1:x>y?1:0)*(dir[k]?1:-1);});
            rows.forEach(function(r){body.appendChild(r);});
          });
        });
        var by={};rows.forEach(function(r){var d=r.getAttribute('data-decision');
          by[d]=(by[d]||0)+1;});
        var parts=Object.keys(by).sort().map(function(k){return k+' '+by[k];});
        document.getElementById('js-summary').textContent='Document table: '+rows.length
          +' documents ('+parts.join(', ')+')';
        apply();
        document.documentElement.setAttribute('data-js-ready','1');
      })();
      """;
}

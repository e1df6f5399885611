package dev.sluice.classifiers.bench;

import dev.sluice.classifiers.Finding;
import dev.sluice.classifiers.Scanner;
import dev.sluice.classifiers.identifier.Iban;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throughput and quality of the classifier engine, single thread.
 *
 * <ol>
 *   <li>Throughput over at least 50 MB of generated mixed text, all identifiers on, against a naive
 *       baseline measured in the same run: one java.util.regex per identifier, each run separately
 *       over the whole text.
 *   <li>Precision, recall and F1 per identifier on a labelled generated set with hard negatives,
 *       and the fraction of tricky non-sensitive strings flagged.
 *   <li>A 10 MB adversarial input, to show linear time.
 * </ol>
 *
 * <p>Run: {@code ./mvnw -q -pl classifiers test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.sluice.classifiers.bench.ClassifierBenchmark} (optional args: MB, seed).
 */
public final class ClassifierBenchmark {
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private ClassifierBenchmark() {}

  /** CPU time of this thread: the per-core figure, robust to other processes on the machine. */
  private static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }

  public static void main(String[] args) {
    int mb = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 7;
    Scanner scanner = Scanner.builder().build();
    System.out.printf(
        Locale.ROOT,
        "catalogue %s, java %s, %d cores%n",
        scanner.catalogVersion(),
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());

    // ---- 1. throughput
    String text = new Corpus(seed, false, false).fill(mb << 20).text();
    double mbytes = text.getBytes(StandardCharsets.UTF_8).length / 1e6;
    System.out.printf(
        Locale.ROOT, "%nthroughput corpus: %.1f MB (%d chars)%n", mbytes, text.length());
    int count = 0;
    for (int i = 0; i < 2; i++) { // warm-up
      count = scanner.scan(text).size();
    }
    double best = Double.MAX_VALUE;
    double bestWall = Double.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long c0 = cpu();
      long t0 = System.nanoTime();
      count = scanner.scan(text).size();
      bestWall = Math.min(bestWall, (System.nanoTime() - t0) / 1e9);
      best = Math.min(best, (cpu() - c0) / 1e9);
    }
    double engine = mbytes / best;
    System.out.printf(
        Locale.ROOT,
        "engine  : %8.1f MB/s per core (CPU %.3f s; wall %.3f s = %.1f MB/s), %d findings = %.0f per MB, best of 3%n",
        engine,
        best,
        bestWall,
        mbytes / bestWall,
        count,
        count / mbytes);

    List<Pattern> naive = naivePatterns();
    naiveScan(naive, text.substring(0, Math.min(text.length(), 4 << 20))); // warm-up
    long c0 = cpu();
    long t0 = System.nanoTime();
    long naiveMatches = naiveScan(naive, text);
    double naiveWall = (System.nanoTime() - t0) / 1e9;
    double naiveSecs = (cpu() - c0) / 1e9;
    double baseline = mbytes / naiveSecs;
    System.out.printf(
        Locale.ROOT,
        "baseline: %8.1f MB/s per core (CPU %.3f s; wall %.3f s), %d regexes one by one over the whole text, %d raw matches%n",
        baseline,
        naiveSecs,
        naiveWall,
        naive.size(),
        naiveMatches);
    System.out.printf(Locale.ROOT, "ratio   : %8.1fx (CPU time)%n", engine / baseline);

    // ---- 2. quality
    quality(scanner, seed + 1);

    // ---- 2b. the sample-data corpus's ground truth (written by other code, in real formats)
    sampleData(scanner);

    // ---- 3. adversarial
    adversarial(scanner);
  }

  static long naiveScan(List<Pattern> patterns, String text) {
    long n = 0;
    for (Pattern p : patterns) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        n++;
      }
    }
    return n;
  }

  /** One plain regex per identifier, roughly what a first implementation would write. */
  static List<Pattern> naivePatterns() {
    List<String> r =
        new ArrayList<>(
            List.of(
                "-----BEGIN (?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----[\\s\\S]*?-----END[^-]*-----",
                "-----BEGIN OPENSSH PRIVATE KEY-----[\\s\\S]*?-----END OPENSSH PRIVATE KEY-----",
                "-----BEGIN PGP PRIVATE KEY BLOCK-----[\\s\\S]*?-----END PGP PRIVATE KEY BLOCK-----",
                "PuTTY-User-Key-File-\\d: .*",
                "eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*",
                "(?:AKIA|ASIA)[A-Z0-9]{16}|(?i)aws_secret_access_key\\s*[=:]\\s*[A-Za-z0-9/+]{40}",
                "AIza[A-Za-z0-9_-]{35}",
                "(?i)(?:proxy-)?authorization:\\s*basic\\s+[A-Za-z0-9+/=]+",
                "(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}",
                "gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,}",
                "glpat-[A-Za-z0-9_-]{20,}",
                "xox[baprs]-[A-Za-z0-9-]{10,}",
                "npm_[A-Za-z0-9]{36}",
                "ya29\\.[A-Za-z0-9_-]{20,}",
                "(?i)accountkey=[A-Za-z0-9/+]{86}==",
                "[a-z][a-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@[^/\\s:]+",
                "[%;]B?\\d{13,19}[=^][^?]{1,80}\\?",
                "\\b(?:\\d[ -]?){12,18}\\d\\b",
                "\\b(?:\\d[ -]?){12,18}\\d\\b",
                "\\b\\d{9,17}\\b",
                "(?i)\\b(?:cvv2?|cvc2?|security code)\\W{0,5}\\d{3,4}\\b",
                "(?i)\\b(?:exp(?:iry|iration)?|expires)\\W{0,5}\\d{1,2}/\\d{2,4}\\b",
                "\\b\\d{3}-\\d{2}-\\d{4}\\b",
                "\\b9\\d{2}-[5-9]\\d-\\d{4}\\b",
                "\\b\\d{3}[ -]\\d{3}[ -]\\d{3}\\b",
                "\\b\\d{3}[ -]?\\d{3}[ -]?\\d{4}\\b",
                "\\b[A-CEGHJ-PR-TW-Z]{2} ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]\\b",
                "(?i)passport\\W{0,20}[A-Z]?\\d{8,9}\\b",
                "(?i)(?:driver'?s? licen[cs]e|dl#?)\\W{0,20}[A-Z0-9]{5,14}\\b",
                "\\b[A-HJ-NPR-Z0-9]{17}\\b",
                "(?i)(?:dob|date of birth|birthday)\\W{0,10}\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{2,4}",
                "-?\\d{1,2}\\.\\d{4,},\\s?-?\\d{1,3}\\.\\d{4,}",
                "(?im)^(?:set-)?cookie:.*$",
                "(?:\\+1[ .-]?)?\\(?\\b[2-9]\\d{2}\\)?[ .-]?[2-9]\\d{2}[ .-]\\d{4}\\b",
                "\\+44\\s?\\d{2,4}\\s?\\d{3,4}\\s?\\d{3,4}",
                "\\+49\\s?\\d{2,4}\\s?\\d{4,8}",
                "\\+33\\s?\\d(?:\\s?\\d{2}){4}",
                "\\+34\\s?\\d{3}\\s?\\d{3}\\s?\\d{3}",
                "\\+39\\s?\\d{2,3}\\s?\\d{3,4}\\s?\\d{3,4}",
                "\\+55\\s?\\d{2}\\s?\\d{4,5}-?\\s?\\d{4}",
                "\\b\\d{1,5} (?:[A-Z][a-z]+ ){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Drive|Blvd|Court)\\.?,? (?:[A-Z][a-z]+ ?){1,3},? (?:[A-Z]{2} \\d{5}|[A-Z]{1,2}\\d[A-Z\\d]? \\d[A-Z]{2})",
                "\\b[A-Z][a-z]+ (?:[A-Z]\\. )?[A-Z][a-z]+(?:-[A-Z][a-z]+)?\\b",
                "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,24}",
                "\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b",
                "\\b\\d{2}-\\d{2}-\\d{2} \\d{8}\\b"));
    for (Iban.Country c : Iban.countries().values()) {
      r.add("\\b" + c.code() + "\\d{2}(?: ?[A-Z0-9]){" + (c.length() - 4) + "}\\b");
    }
    List<Pattern> out = new ArrayList<>();
    for (String p : r) {
      out.add(Pattern.compile(p));
    }
    return out;
  }

  static void quality(Scanner scanner, long seed) {
    Corpus c = new Corpus(seed, true, true).fill(4 << 20);
    String text = c.text();
    List<Finding> found = scanner.scan(text);
    Map<String, int[]> stats = new TreeMap<>(); // tp, fp, fn
    Map<Long, Corpus.Label> byStart = new HashMap<>();
    List<Corpus.Label> negatives = new ArrayList<>();
    for (Corpus.Label l : c.labels()) {
      if (l.id().startsWith("NEG:")) {
        negatives.add(l);
      } else {
        byStart.put(key(l.id(), l.start(), l.end()), l);
        stats.computeIfAbsent(l.id(), k -> new int[3]);
      }
    }
    TreeSet<Long> matched = new TreeSet<>();
    for (Finding f : found) {
      long k = key(f.identifierId(), f.start(), f.end());
      int[] st = stats.computeIfAbsent(f.identifierId(), x -> new int[3]);
      if (byStart.containsKey(k)) {
        st[0]++;
        matched.add(k);
      } else {
        st[1]++;
      }
    }
    for (Map.Entry<Long, Corpus.Label> e : byStart.entrySet()) {
      if (!matched.contains(e.getKey())) {
        stats.get(e.getValue().id())[2]++;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%nquality corpus: %.1f MB, %d labelled values, %d hard negatives%n",
        text.length() / 1e6,
        byStart.size(),
        negatives.size());
    printTable(stats);
    // tricky strings flagged
    int[] starts = found.stream().mapToInt(Finding::start).toArray();
    int[] ends = found.stream().mapToInt(Finding::end).toArray();
    int flagged = 0;
    Map<String, Integer> flaggedByKind = new TreeMap<>();
    for (Corpus.Label n : negatives) {
      for (int i = 0; i < starts.length; i++) {
        if (starts[i] < n.end() && n.start() < ends[i]) {
          flagged++;
          flaggedByKind.merge(n.id(), 1, Integer::sum);
          break;
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "tricky non-sensitive strings flagged: %d of %d = %.3f%% %s%n",
        flagged,
        negatives.size(),
        100.0 * flagged / Math.max(1, negatives.size()),
        flaggedByKind);
  }

  /** One row per identifier (TP, FP, FN, precision, recall, F1) and a total. */
  static void printTable(Map<String, int[]> stats) {
    System.out.printf(
        Locale.ROOT,
        "%-42s %6s %6s %6s %9s %7s %6s%n",
        "identifier",
        "TP",
        "FP",
        "FN",
        "precision",
        "recall",
        "F1");
    int[] tot = new int[3];
    for (Map.Entry<String, int[]> e : stats.entrySet()) {
      int[] st = e.getValue();
      for (int i = 0; i < 3; i++) {
        tot[i] += st[i];
      }
      row(e.getKey(), st);
    }
    row("ALL", tot);
  }

  private static void row(String id, int[] st) {
    double p = st[0] + st[1] == 0 ? 1 : (double) st[0] / (st[0] + st[1]);
    double r = st[0] + st[2] == 0 ? 1 : (double) st[0] / (st[0] + st[2]);
    double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
    System.out.printf(
        Locale.ROOT, "%-42s %6d %6d %6d %9.3f %7.3f %6.3f%n", id, st[0], st[1], st[2], p, r, f1);
  }

  private static long key(String id, int s, int e) {
    return ((long) id.hashCode() << 40) ^ ((long) s << 20) ^ e ^ ((long) e << 44);
  }

  private static final java.util.Set<String> TEXT_FORMATS =
      java.util.Set.of("txt", "csv", "tsv", "json", "jsonl", "xml", "md", "html");

  private static final Pattern OCCURRENCE =
      Pattern.compile(
          "\\{\\s*\"type\"\\s*:\\s*\"([^\"]+)\",\\s*\"start\"\\s*:\\s*(\\d+),"
              + "\\s*\"end\"\\s*:\\s*(\\d+),\\s*\"unit\"\\s*:\\s*\"([^\"]*)\"");

  /**
   * Precision and recall per identifier on the committed sample-data corpus: every text-format
   * document (offsets in its ground truth index the decoded file), scanned whole with the default
   * catalogue; exact spans. Findings the ground truth does not list count as false positives.
   */
  static void sampleData(Scanner scanner) {
    java.nio.file.Path root = java.nio.file.Path.of("").toAbsolutePath();
    while (root != null
        && !java.nio.file.Files.isDirectory(root.resolve("sample-data/ground-truth"))) {
      root = root.getParent();
    }
    if (root == null) {
      System.out.println("\nsample-data ground truth: not found (run from the repository)");
      return;
    }
    java.nio.file.Path gt = root.resolve("sample-data/ground-truth");
    java.nio.file.Path corpus = root.resolve("sample-data/corpus");
    Map<String, int[]> stats = new TreeMap<>();
    List<String> misses = new ArrayList<>();
    Map<String, Integer> unlabelled = new TreeMap<>();
    java.util.Set<String> vocabulary = new java.util.HashSet<>();
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(gt)) {
      for (java.nio.file.Path f : files.filter(x -> x.toString().endsWith(".json")).toList()) {
        Matcher tm =
            Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(java.nio.file.Files.readString(f));
        while (tm.find()) {
          vocabulary.add(tm.group(1));
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    int docs = 0;
    long bytes = 0;
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(gt)) {
      for (java.nio.file.Path f :
          files.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
        String json = java.nio.file.Files.readString(f);
        Matcher fm = Pattern.compile("\"format\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        Matcher dm = Pattern.compile("\"document\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        Matcher cm = Pattern.compile("\"charset\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!fm.find() || !dm.find() || !TEXT_FORMATS.contains(fm.group(1))) {
          continue;
        }
        String charset = cm.find() ? cm.group(1) : "UTF-8";
        byte[] raw = java.nio.file.Files.readAllBytes(corpus.resolve(dm.group(1)));
        bytes += raw.length;
        String text = new String(raw, java.nio.charset.Charset.forName(charset));
        docs++;
        java.util.Set<Long> truth = new java.util.HashSet<>();
        Matcher om = OCCURRENCE.matcher(json);
        while (om.find()) {
          if (!om.group(4).isEmpty()) {
            continue;
          }
          String type = om.group(1);
          truth.add(key(type, Integer.parseInt(om.group(2)), Integer.parseInt(om.group(3))));
          stats.computeIfAbsent(type, k -> new int[3]);
        }
        java.util.Set<Long> hit = new java.util.HashSet<>();
        for (Finding x : scanner.scan(text)) {
          if (!vocabulary.contains(x.identifierId())) {
            unlabelled.merge(x.identifierId(), 1, Integer::sum); // a type the corpus never labels
            continue;
          }
          long k = key(x.identifierId(), x.start(), x.end());
          int[] st = stats.computeIfAbsent(x.identifierId(), y -> new int[3]);
          if (truth.contains(k)) {
            st[0]++;
            hit.add(k);
          } else {
            st[1]++;
            misses.add("FP " + dm.group(1) + " " + x.identifierId() + " " + x.preview());
          }
        }
        om.reset();
        while (om.find()) {
          if (om.group(4).isEmpty()) {
            long k = key(om.group(1), Integer.parseInt(om.group(2)), Integer.parseInt(om.group(3)));
            if (!hit.contains(k)) {
              stats.get(om.group(1))[2]++;
              misses.add("FN " + dm.group(1) + " " + om.group(1));
            }
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    System.out.printf(
        Locale.ROOT,
        "%nsample-data ground truth: %d text-format documents, %.2f MB, exact spans%n",
        docs,
        bytes / 1e6);
    printTable(stats);
    misses.stream().sorted().forEach(m -> System.out.println("  " + m));
    System.out.println(
        "  findings of types the ground truth never labels (not scored): " + unlabelled);
  }

  static void adversarial(Scanner scanner) {
    StringBuilder sb = new StringBuilder(10 << 20);
    String[] blocks = {
      "4".repeat(5000) + " ",
      "4111 1111 1111 111 ".repeat(200),
      "a".repeat(3000) + "@" + "a".repeat(3000) + "." + "a".repeat(3000) + " ",
      "aaaa@aaaa.".repeat(500),
      "-----BEGIN RSA PRIVATE KEY----- ".repeat(100) + "A".repeat(5000) + " ",
      "eyJ".repeat(2000) + ".eyJ." + " ",
      "+1 ".repeat(2000),
      "1.".repeat(5000) + " ",
      "Mary Ann Lee Kim ".repeat(300),
      "123 Main Street, ".repeat(300),
      "card cvv ssn dob ".repeat(300) + "1".repeat(4000) + " ",
      "=".repeat(4000) + "/".repeat(4000) + " ",
      "Cookie: " + "a=b;".repeat(3000) + "\n",
      "https://" + "u:p@".repeat(2000) + " ",
      // tables: header keywords and name columns over many rows, wide headers, header-like lines
      "name,passport,ssn,phone\n" + "Ann Lee,340020013,536-22-8726,555-123-4567\n".repeat(300),
      "name,x\n".repeat(2000),
      "first_name,".repeat(300) + "\n" + ("Ann,".repeat(300) + "\n").repeat(50),
      ",".repeat(5000) + "\n",
    };
    int i = 0;
    while (sb.length() < (10 << 20)) {
      sb.append(blocks[i++ % blocks.length]);
    }
    String text = sb.toString();
    double mbytes = text.length() / 1e6;
    scanner.scan(text); // warm-up over the same input, as for the throughput figure
    long t0 = cpu();
    int n = scanner.scan(text).size();
    double secs = (cpu() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%nadversarial: %.1f MB in %.3f s = %.1f MB/s (%d findings)%n",
        mbytes,
        secs,
        mbytes / secs,
        n);
    String doubled = text + text;
    t0 = cpu();
    scanner.scan(doubled);
    double secs2 = (cpu() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "adversarial x2: %.1f MB in %.3f s (time ratio %.2f for 2x input)%n",
        2 * mbytes,
        secs2,
        secs2 / secs);
  }
}

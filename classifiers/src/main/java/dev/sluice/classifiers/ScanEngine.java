package dev.sluice.classifiers;

import dev.sluice.classifiers.identifier.AllowList;
import dev.sluice.classifiers.identifier.CustomDataIdentifier;
import dev.sluice.classifiers.identifier.CustomMatcher;
import dev.sluice.classifiers.identifier.DenyTermList;
import dev.sluice.classifiers.identifier.MacieRegex;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The built scanner: one {@link TextPass} per window, then {@link Detectors}, custom identifiers,
 * deny terms, overlap resolution, allow lists and finding construction.
 *
 * <p>Windows: the text is read in windows of {@code window} chars; each window is scanned together
 * with {@link #LEFT} chars before it and {@link #RIGHT} after it, and reports only findings that
 * start inside it. {@code RIGHT} exceeds the longest finding plus its right context and {@code
 * LEFT} the farthest left context (keywords, custom-identifier distance), so a finding is reported
 * once, by the window it starts in, exactly as a one-shot scan would.
 */
final class ScanEngine implements Scanner {
  static final int LEFT = 2_048;
  static final int RIGHT = 20_480;

  private final Rules rules;
  private final boolean[] enabled;
  private final List<CustomDataIdentifier> cdis;
  private final List<MacieRegex> cdiRegex;
  private final List<DenyTermList> deny;
  private final List<AllowList> allow;
  private final Fingerprinter fingerprinter;
  private final int window;
  private final String version;
  private final Norm[] norms;

  ScanEngine(
      List<CatalogEntry> managed,
      boolean[] enabled,
      List<CustomDataIdentifier> cdis,
      List<DenyTermList> deny,
      List<AllowList> allow,
      Fingerprinter fingerprinter,
      int window,
      String version) {
    List<List<String>> cdiKeywords = new ArrayList<>();
    for (CustomDataIdentifier c : cdis) {
      cdiKeywords.add(c.keywords());
    }
    this.rules = new Rules(managed, cdiKeywords);
    this.enabled = enabled.clone();
    this.cdis = List.copyOf(cdis);
    this.cdiRegex = cdis.stream().map(c -> MacieRegex.compile(c.regex(), "regex")).toList();
    this.deny = List.copyOf(deny);
    this.allow = List.copyOf(allow);
    this.fingerprinter = fingerprinter;
    this.window = window;
    this.version = version;
    this.norms = new Norm[managed.size()];
    for (int i = 0; i < norms.length; i++) {
      norms[i] = Norm.of(managed.get(i).id());
    }
  }

  @Override
  public String catalogVersion() {
    return version;
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    List<Finding> out = new ArrayList<>();
    try {
      scan(new StringReader(text.toString()), out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen with a StringReader
    }
    out.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::identifierId));
    return out;
  }

  @Override
  public void scan(Reader in, FindingSink sink) throws IOException {
    char[] buf = new char[LEFT + window + RIGHT];
    int len = 0; // chars in buf
    long base = 0; // text offset of buf[0]
    long emitFrom = 0;
    boolean eof = false;
    Session session = new Session();
    while (true) {
      while (!eof && len < buf.length) {
        int r = in.read(buf, len, buf.length - len);
        if (r < 0) {
          eof = true;
        } else {
          len += r;
        }
      }
      long emitTo = eof ? base + len : base + len - RIGHT;
      session.scanWindow(buf, len, base, emitFrom, emitTo, eof, sink);
      if (eof) {
        return;
      }
      long newBase = emitTo - LEFT;
      int shift = (int) (newBase - base);
      System.arraycopy(buf, shift, buf, 0, len - shift);
      len -= shift;
      base = newBase;
      emitFrom = emitTo;
    }
  }

  /** Per-scan state: reusable arrays. */
  private final class Session {
    final TextPass pass = new TextPass(rules.ac);
    final Candidates cand = new Candidates();
    final Detectors det = new Detectors(rules, cand);
    final Candidates extra = new Candidates(); // custom + deny: kind = index
    final List<Integer> extraKind = new ArrayList<>();

    void scanWindow(
        char[] a, int n, long base, long emitFrom, long emitTo, boolean eof, FindingSink sink) {
      cand.clear();
      pass.run(a, 0, n, rules.ac.classes);
      det.run(a, n, pass);
      int[] order = resolve();
      int from = (int) (emitFrom - base);
      int to = (int) (emitTo - base);
      List<Finding> found = new ArrayList<>();
      for (int i : order) {
        int s = cand.start[i];
        if (s < from || s >= to) {
          continue;
        }
        int k = cand.kind[i];
        if (!enabled[k] || allowed(a, s, cand.end[i])) {
          continue;
        }
        CatalogEntry e = rules.entries.get(k);
        found.add(
            finding(
                e.id(),
                e.category(),
                e.severity(),
                a,
                s,
                cand.end[i],
                base,
                cand.keyword[i],
                norms[k]));
      }
      customAndDeny(a, n, base, from, to, found);
      found.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::identifierId));
      for (Finding f : found) {
        sink.accept(f);
      }
    }

    /** Indices of candidates that survive overlap resolution within a category, by start. */
    int[] resolve() {
      int m = cand.size;
      Integer[] idx = new Integer[m];
      for (int i = 0; i < m; i++) {
        idx[i] = i;
      }
      Arrays.sort(
          idx,
          (x, y) -> {
            int lx = cand.end[x] - cand.start[x];
            int ly = cand.end[y] - cand.start[y];
            if (lx != ly) {
              return Integer.compare(ly, lx);
            }
            int sx = rules.entries.get(cand.kind[x]).severity().ordinal();
            int sy = rules.entries.get(cand.kind[y]).severity().ordinal();
            if (sx != sy) {
              return Integer.compare(sy, sx);
            }
            if (cand.kind[x] != cand.kind[y]) {
              return Integer.compare(cand.kind[x], cand.kind[y]);
            }
            return Integer.compare(cand.start[x], cand.start[y]);
          });
      List<Integer> kept = new ArrayList<>();
      for (int i : idx) {
        Category c = rules.entries.get(cand.kind[i]).category();
        boolean clash = false;
        for (int k : kept) {
          if (cand.start[k] < cand.end[i]
              && cand.start[i] < cand.end[k]
              && (rules.entries.get(cand.kind[k]).category() == c || sameSpan(i, k))) {
            clash = true;
            break;
          }
        }
        if (!clash) {
          kept.add(i);
        }
      }
      kept.sort(Comparator.comparingInt(i -> cand.start[i]));
      return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    private boolean sameSpan(int i, int k) {
      return cand.start[i] == cand.start[k] && cand.end[i] == cand.end[k];
    }

    void customAndDeny(char[] a, int n, long base, int from, int to, List<Finding> found) {
      for (int ci = 0; ci < cdis.size(); ci++) {
        CustomDataIdentifier cdi = cdis.get(ci);
        MacieRegex re = cdiRegex.get(ci);
        int textStart = base == 0 ? 0 : -1;
        int textEnd = to == n ? n : -1;
        List<int[]> spans = new ArrayList<>();
        if (cdi.keywords().isEmpty()) {
          CustomMatcher.find(
              cdi, re, a, 0, n, textStart, textEnd, (s, e) -> spans.add(new int[] {s, e}));
        } else {
          int[] lastEnd = {0};
          for (int h = 0; h < det.hN; h++) {
            if (rules.groupHasCdi(det.hG[h], ci)) {
              CustomMatcher.findAfterKeyword(
                  cdi,
                  re,
                  a,
                  det.hE[h],
                  n,
                  textStart,
                  textEnd,
                  lastEnd,
                  (s, e) -> spans.add(new int[] {s, e}));
            }
          }
        }
        for (int[] sp : spans) {
          if (sp[0] >= from && sp[0] < to && !allowed(a, sp[0], sp[1])) {
            found.add(
                finding(
                    cdi.name(),
                    Category.CUSTOM_IDENTIFIER,
                    cdi.occurrenceSeverity(),
                    a,
                    sp[0],
                    sp[1],
                    base,
                    !cdi.keywords().isEmpty(),
                    Norm.RAW));
          }
        }
      }
      if (deny.isEmpty()) {
        return;
      }
      for (int w = 0; w < pass.words; w++) {
        int s = pass.wStart[w];
        if (s < from || s >= to) {
          continue;
        }
        for (DenyTermList d : deny) {
          int e = d.longestAt(a, s, n);
          if (e > 0 && !allowed(a, s, e)) {
            found.add(
                finding(
                    d.identifierId(),
                    Category.CUSTOM_IDENTIFIER,
                    d.severity(),
                    a,
                    s,
                    e,
                    base,
                    false,
                    Norm.LOWER_WS));
          }
        }
      }
    }

    boolean allowed(char[] a, int s, int e) {
      for (AllowList l : allow) {
        if (l.allows(a, s, e)) {
          return true;
        }
      }
      return false;
    }
  }

  private Finding finding(
      String id,
      Category cat,
      Severity sev,
      char[] a,
      int s,
      int e,
      long base,
      boolean kw,
      Norm norm) {
    String raw = new String(a, s, e - s);
    return new Finding(
        id,
        cat,
        sev,
        (int) (base + s),
        (int) (base + e),
        kw,
        Masking.preview(raw),
        fingerprinter.fingerprint(norm.apply(raw)));
  }

  /** How a value is normalised before fingerprinting, so formatting does not change it. */
  enum Norm {
    DIGITS,
    ALNUM_UPPER,
    LOWER_WS,
    RAW;

    static Norm of(String id) {
      if (id.endsWith("BANK_ACCOUNT_NUMBER") && !id.equals("BANK_ACCOUNT_NUMBER")
          || id.equals("UK_NATIONAL_INSURANCE_NUMBER")
          || id.equals("VEHICLE_IDENTIFICATION_NUMBER")
          || id.equals("USA_PASSPORT_NUMBER")
          || id.equals("DRIVERS_LICENSE")) {
        return ALNUM_UPPER;
      }
      if (id.startsWith("CREDIT_CARD_NUMBER")
          || id.endsWith("PHONE_NUMBER")
          || id.equals("BANK_ACCOUNT_NUMBER")
          || id.equals("USA_SOCIAL_SECURITY_NUMBER")
          || id.equals("USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER")
          || id.equals("CANADA_SOCIAL_INSURANCE_NUMBER")
          || id.equals("UK_NHS_NUMBER")
          || id.equals("CREDIT_CARD_SECURITY_CODE")) {
        return DIGITS;
      }
      if (id.equals("NAME") || id.equals("ADDRESS") || id.equals("EMAIL_ADDRESS")) {
        return LOWER_WS;
      }
      return RAW;
    }

    String apply(String v) {
      StringBuilder sb = new StringBuilder(v.length());
      switch (this) {
        case DIGITS:
          for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
              sb.append(c);
            }
          }
          return sb.toString();
        case ALNUM_UPPER:
          for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isLetterOrDigit(c)) {
              sb.append(Character.toUpperCase(c));
            }
          }
          return sb.toString();
        case LOWER_WS:
          return v.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        default:
          return v;
      }
    }
  }
}

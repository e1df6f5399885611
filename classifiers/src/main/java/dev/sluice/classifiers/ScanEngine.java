package dev.sluice.classifiers;

import dev.sluice.classifiers.identifier.AllowList;
import dev.sluice.classifiers.identifier.CustomDataIdentifier;
import dev.sluice.classifiers.identifier.CustomMatcher;
import dev.sluice.classifiers.identifier.DenyTermList;
import dev.sluice.classifiers.identifier.MacieRegex;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The built scanner: one {@link TextPass} per window, then {@link Detectors}, custom identifiers,
 * deny terms, overlap resolution, allow lists and finding construction.
 *
 * <p>Windows: the text is read in windows of {@code window} chars; each window is scanned together
 * with {@link #LEFT} chars before it and {@link #RIGHT} after it, and reports only findings that
 * start inside it. {@code RIGHT} exceeds the longest finding plus its right context and {@code
 * LEFT} the farthest left context (keywords, custom-identifier distance), so a finding is reported
 * once, by the window it starts in, exactly as a one-shot scan would. A table running across the
 * cut keeps its header: the next window starts with the header line and the whole cut line (see
 * {@link #carry}). Family names shared by relatives are the one window-level rule; with the default
 * window, as large as an extracted text unit, that is the whole unit.
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
      scan(new CharSequenceReader(text), out::add, text.length());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen reading a CharSequence
    }
    return out; // windows emit in start order, each sorted by start then ID
  }

  @Override
  public void scan(Reader in, FindingSink sink) throws IOException {
    scan(in, sink, Integer.MAX_VALUE);
  }

  /** Room for the carried table header and the start of the cut line (see {@link #carry}). */
  static final int PREFIX = 2 * Detectors.MAX_LINE + 2;

  private void scan(Reader in, FindingSink sink, int sizeHint) throws IOException {
    final int cap = LEFT + window + RIGHT + PREFIX;
    char[] buf = new char[(int) Math.min((long) cap, sizeHint + 1L)];
    int len = 0; // chars in buf
    long base = 0; // text offset of buf[0]
    long emitFrom = 0;
    boolean eof = false;
    Session session = new Session();
    while (true) {
      if (!eof && len == buf.length && buf.length < cap) {
        buf = Arrays.copyOf(buf, cap); // the hint was too small
      }
      while (!eof && len < buf.length) {
        int r = in.read(buf, len, buf.length - len);
        if (r < 0) {
          eof = true;
        } else {
          len += r;
        }
      }
      if (base + len > Integer.MAX_VALUE) {
        throw new IllegalStateException(
            "text longer than " + Integer.MAX_VALUE + " chars: finding offsets are ints");
      }
      long emitTo = eof ? base + len : base + len - RIGHT;
      session.scanWindow(buf, len, base, emitFrom, emitTo, eof, sink);
      if (eof) {
        return;
      }
      long newBase = emitTo - LEFT;
      int shift = (int) (newBase - base);
      int[] pre = carry(buf, len, shift);
      int keepFrom = pre == null ? shift : pre[2]; // the cut line kept whole
      int hl = pre == null || pre[0] < 0 ? 0 : pre[1] - pre[0] + 1; // header line + '\n'
      char[] header = hl == 0 ? null : Arrays.copyOfRange(buf, pre[0], pre[1]);
      System.arraycopy(buf, keepFrom, buf, hl, len - keepFrom);
      if (header != null) {
        System.arraycopy(header, 0, buf, 0, header.length);
        buf[header.length] = '\n';
      }
      len = hl + len - keepFrom;
      base = newBase - (shift - keepFrom) - hl; // buf[i] is text offset base + i past the header
      emitFrom = emitTo;
    }
  }

  /**
   * What the next window keeps before its left context so that document-level table context crosses
   * the boundary: the whole line the cut falls in, and, when that line is a row of a table whose
   * header lies further back, the header line (inserted as a synthetic first line; nothing in it is
   * ever reported). Returns {@code [headerStart, headerEnd, keepFrom]} (header -1 when there is
   * none to carry) or null when the cut line is too long to keep.
   */
  private static int[] carry(char[] a, int n, int cut) {
    int ls = cut;
    while (ls > 0 && cut - ls < Detectors.MAX_LINE && a[ls - 1] != '\n') {
      ls--;
    }
    if (ls > 0 && a[ls - 1] != '\n') {
      return null; // the cut line is longer than any table line we follow
    }
    int header = Tables.headerLine(a, n, ls);
    if (header < 0 || header == ls) {
      return new int[] {-1, -1, ls};
    }
    return new int[] {header, Tables.lineEnd(a, n, header), ls};
  }

  /** A reader over a CharSequence that copies with {@link String#getChars} when it can. */
  private static final class CharSequenceReader extends Reader {
    private final CharSequence cs;
    private int pos;

    CharSequenceReader(CharSequence cs) {
      this.cs = cs;
    }

    @Override
    public int read(char[] cbuf, int off, int len) {
      int n = Math.min(len, cs.length() - pos);
      if (n <= 0) {
        return len == 0 ? 0 : -1;
      }
      if (cs instanceof String str) {
        str.getChars(pos, pos + n, cbuf, off);
      } else {
        for (int i = 0; i < n; i++) {
          cbuf[off + i] = cs.charAt(pos + i);
        }
      }
      pos += n;
      return n;
    }

    @Override
    public void close() {}
  }

  /** Per-scan state: reusable arrays. */
  private final class Session {
    final TextPass pass = new TextPass(rules.ac, !deny.isEmpty());
    final Candidates cand = new Candidates();
    final Detectors det = new Detectors(rules, cand);
    final FingerprintCache fpCache = new FingerprintCache();

    void scanWindow(
        char[] src,
        int srcN,
        long base,
        long emitFrom,
        long emitTo,
        boolean eof,
        FindingSink sink) {
      // zero-width chars, fullwidth digits, &#52; references: scan the text as read, report
      // offsets into the text as written (see NormalizedView)
      NormalizedView view = NormalizedView.of(src, srcN);
      char[] a = view == null ? src : view.text;
      int n = view == null ? srcN : view.length;
      cand.clear();
      pass.run(a, 0, n, rules.ac.classes);
      det.run(a, n, pass);
      int[] order = resolve();
      int from = (int) (emitFrom - base);
      int to = (int) (emitTo - base);
      if (view != null) {
        from = view.viewIndex(from);
        to = to >= srcN ? n : view.viewIndex(to);
      }
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
                norms[k],
                fpCache));
      }
      customAndDeny(a, n, base, from, to, found);
      if (view != null) {
        found.replaceAll(f -> atSource(f, view, base));
      }
      found.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::identifierId));
      for (Finding f : found) {
        sink.accept(f);
      }
    }

    /**
     * Indices of candidates that survive overlap resolution, by start. Candidates are swept in
     * start order; a run of mutually overlapping candidates (a cluster) is resolved by preference
     * (longest, most severe, catalogue priority, earliest), keeping for each category only
     * non-overlapping spans and dropping exact duplicates across categories.
     */
    int[] resolve() {
      int m = cand.size;
      long[] keys = new long[m];
      for (int i = 0; i < m; i++) {
        keys[i] = ((long) cand.start[i] << 24) | i;
      }
      Arrays.sort(keys);
      int[] out = new int[m];
      int nk = 0;
      int i = 0;
      while (i < m) {
        int first = (int) (keys[i] & 0xFFFFFF);
        int maxEnd = cand.end[first];
        int j = i + 1;
        while (j < m && cand.start[(int) (keys[j] & 0xFFFFFF)] < maxEnd) {
          maxEnd = Math.max(maxEnd, cand.end[(int) (keys[j] & 0xFFFFFF)]);
          j++;
        }
        if (j == i + 1) {
          out[nk++] = first;
        } else {
          nk = cluster(keys, i, j, out, nk);
        }
        i = j;
      }
      return Arrays.copyOf(out, nk);
    }

    private int cluster(long[] keys, int from, int to, int[] out, int nk) {
      Integer[] idx = new Integer[to - from];
      for (int k = from; k < to; k++) {
        idx[k - from] = (int) (keys[k] & 0xFFFFFF);
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
          boolean overlap = cand.start[k] < cand.end[i] && cand.start[i] < cand.end[k];
          boolean same = cand.start[k] == cand.start[i] && cand.end[k] == cand.end[i];
          // a street named like a person (Maple Grove Ave) is part of the address, not a NAME
          boolean nameInAddress =
              cand.kind[i] == rules.NAME
                  && cand.kind[k] == rules.ADDRESS
                  && cand.start[k] <= cand.start[i]
                  && cand.end[i] <= cand.end[k];
          if (overlap
              && (same || nameInAddress || rules.entries.get(cand.kind[k]).category() == c)) {
            clash = true;
            break;
          }
        }
        if (!clash) {
          kept.add(i);
        }
      }
      kept.sort(Comparator.comparingInt(i -> cand.start[i]));
      for (int i : kept) {
        out[nk++] = i;
      }
      return nk;
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
                    Norm.RAW,
                    fpCache));
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
                    Norm.LOWER_WS,
                    fpCache));
          }
        }
      }
    }

    /** The finding with its offsets moved from the normalised view to the source text. */
    private Finding atSource(Finding f, NormalizedView view, long base) {
      int s = (int) (f.start() - base);
      int e = (int) (f.end() - base);
      return new Finding(
          f.identifierId(),
          f.category(),
          f.severity(),
          (int) (base + view.sourceStart(s)),
          (int) (base + view.sourceEnd(e)),
          f.keywordSupported(),
          f.preview(),
          f.fingerprint());
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
      Norm norm,
      FingerprintCache cache) {
    // No String of the raw value: the preview and the normalised key are built straight from the
    // window (the old raw String + StringBuilder + HashMap<String, String> path was ~15% of CPU).
    return new Finding(
        id,
        cat,
        sev,
        (int) (base + s),
        (int) (base + e),
        kw,
        Masking.preview(a, s, e),
        cache.fingerprint(norm, a, s, e));
  }

  /**
   * Per-scan memo of fingerprints by normalised value (values repeat: names, e-mails), keyed by
   * char slices so a hit allocates nothing. Direct-mapped: a colliding value evicts the old one,
   * which only costs a recomputation. Not thread-safe; one per scan.
   */
  final class FingerprintCache {
    private static final int SIZE = 4096; // power of two
    private final char[][] keys = new char[SIZE][];
    private final String[] values = new String[SIZE];
    private char[] buf = new char[128];

    String fingerprint(Norm norm, char[] a, int s, int e) {
      if (buf.length < e - s) {
        buf = new char[e - s];
      }
      int n = norm.apply(a, s, e, buf);
      int h = 0;
      for (int i = 0; i < n; i++) {
        h = 31 * h + buf[i];
      }
      h = (h ^ (h >>> 16)) & (SIZE - 1);
      char[] k = keys[h];
      if (k != null && Arrays.equals(k, 0, k.length, buf, 0, n)) {
        return values[h];
      }
      String fp = fingerprinter.fingerprint(buf, 0, n);
      keys[h] = Arrays.copyOf(buf, n);
      values[h] = fp;
      return fp;
    }
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

    /**
     * Writes the normalised form of {@code a[s, e)} into {@code out} (at least {@code e - s} long)
     * and returns its length.
     */
    int apply(char[] a, int s, int e, char[] out) {
      int n = 0;
      switch (this) {
        case DIGITS:
          for (int i = s; i < e; i++) {
            char c = a[i];
            if (c >= '0' && c <= '9') {
              out[n++] = c;
            }
          }
          return n;
        case ALNUM_UPPER:
          for (int i = s; i < e; i++) {
            char c = a[i];
            if (Character.isLetterOrDigit(c)) {
              out[n++] = Character.toUpperCase(c);
            }
          }
          return n;
        case LOWER_WS:
          boolean space = false;
          for (int i = s; i < e; i++) {
            char c = a[i];
            if (Character.isWhitespace(c)) {
              space = n > 0;
            } else {
              if (space) {
                out[n++] = ' ';
                space = false;
              }
              out[n++] = Character.toLowerCase(c);
            }
          }
          return n;
        default:
          System.arraycopy(a, s, out, 0, e - s);
          return e - s;
      }
    }
  }
}

package dev.sluice.ingest.sink;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The views of a text a reader (or a model) would see once obfuscation is undone, for the sink
 * guard: character references decoded ({@code &#52;}, {@code &#x34;}, {@code &amp;}, ...), format
 * and control characters removed (zero-width space and joiners, soft hyphen, BOM, NUL),
 * compatibility forms folded (NFKC: fullwidth digits and letters, ligatures), Unicode dashes and
 * spaces made ASCII, and line breaks inside a value joined: between two digits (once removed, once
 * as a space, so both {@code 4556737586\n899850} and {@code 4556 7375\n8689 9850} read as one
 * number) and next to {@code @} or {@code .} inside an address.
 *
 * <p>Only views that differ from the text are returned; a text with nothing to undo costs one pass
 * and no extra scan. The views are never written or logged: they exist to be scanned. Stateless and
 * thread-safe.
 */
public final class NormalisedViews {
  private static final Pattern REF =
      Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});?");
  private static final Map<String, String> NAMED =
      Map.ofEntries(
          Map.entry("amp", "&"),
          Map.entry("lt", "<"),
          Map.entry("gt", ">"),
          Map.entry("quot", "\""),
          Map.entry("apos", "'"),
          Map.entry("nbsp", " "),
          Map.entry("commat", "@"),
          Map.entry("period", "."),
          Map.entry("hyphen", "-"),
          Map.entry("dash", "-"),
          Map.entry("minus", "-"),
          Map.entry("ndash", "-"),
          Map.entry("mdash", "-"),
          Map.entry("lowbar", "_"),
          Map.entry("plus", "+"),
          Map.entry("colon", ":"),
          Map.entry("sol", "/"),
          Map.entry("num", "#"),
          Map.entry("lpar", "("),
          Map.entry("rpar", ")"),
          Map.entry("shy", ""),
          Map.entry("zwsp", ""),
          Map.entry("zwj", ""),
          Map.entry("zwnj", ""));

  /** Format (Cf) characters and C0/C1 controls other than tab, LF and CR. */
  private static final Pattern INVISIBLE =
      Pattern.compile("[\\p{Cf}\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]");

  private static final Pattern DASHES = Pattern.compile("[\\u2010-\\u2015\\u2212\\uFE58\\uFE63]");
  private static final Pattern SPACES =
      Pattern.compile("[\\u00A0\\u2000-\\u200A\\u202F\\u205F\\u3000]");
  private static final Pattern DIGIT_BREAK =
      Pattern.compile("(?<=\\d)[ \\t]*(\\r\\n|\\r|\\n)[ \\t]*(?=\\d)");
  private static final Pattern ADDRESS_BREAK =
      Pattern.compile(
          "(?<=[@.])[ \\t]*(\\r\\n|\\r|\\n)[ \\t]*(?=\\w)|(?<=\\w)[ \\t]*(\\r\\n|\\r|\\n)[ \\t]*(?=[@.])");

  private NormalisedViews() {}

  /** The distinct normalised views of {@code text} that differ from it (at most two). */
  public static List<String> of(String text) {
    String base = decodeReferences(text);
    base = INVISIBLE.matcher(base).replaceAll("");
    base = Normalizer.normalize(base, Normalizer.Form.NFKC);
    base = DASHES.matcher(base).replaceAll("-");
    base = SPACES.matcher(base).replaceAll(" ");
    base = ADDRESS_BREAK.matcher(base).replaceAll("");
    String joined = DIGIT_BREAK.matcher(base).replaceAll("");
    String spaced = DIGIT_BREAK.matcher(base).replaceAll(" ");
    List<String> out = new ArrayList<>(2);
    if (!joined.equals(text)) {
      out.add(joined);
    }
    if (!spaced.equals(joined) && !spaced.equals(text)) {
      out.add(spaced);
    }
    return out;
  }

  /** Decodes numeric and common named character references (twice, for {@code &amp;#52;}). */
  static String decodeReferences(String text) {
    String s = text;
    for (int round = 0; round < 2 && s.indexOf('&') >= 0; round++) {
      Matcher m = REF.matcher(s);
      StringBuilder sb = new StringBuilder(s.length());
      while (m.find()) {
        m.appendReplacement(sb, Matcher.quoteReplacement(reference(m.group(1), m.group())));
      }
      m.appendTail(sb);
      s = sb.toString();
    }
    return s;
  }

  private static String reference(String body, String whole) {
    if (body.charAt(0) == '#') {
      try {
        int cp =
            body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X')
                ? Integer.parseInt(body.substring(2), 16)
                : Integer.parseInt(body.substring(1));
        return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : whole;
      } catch (NumberFormatException e) {
        return whole;
      }
    }
    String named = NAMED.get(body);
    return named == null ? whole : named;
  }
}

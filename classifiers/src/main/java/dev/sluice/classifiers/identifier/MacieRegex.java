package dev.sluice.classifiers.identifier;

import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * A regular expression in Macie's PCRE subset, checked against Macie's restrictions and compiled to
 * Lucene DFAs, so matching is linear in the text whatever the pattern (no backtracking).
 *
 * <p>Accepted: literals, escapes ({@code \d \D \w \W \s \S \t \n \r \xHH \\uHHHH}, escaped
 * punctuation), classes, {@code . | ? * + {n} {n,} {n,m}}, non-capturing groups {@code (?:...)}, a
 * leading inline {@code (?i)}, a leading {@code ^} / trailing {@code $} (start/end of text) and a
 * leading / trailing {@code \b}. Rejected with a message naming the field: backreferences,
 * capturing or named groups, lookaround, other flags, recursion, conditionals, embedded code,
 * comments, more than 512 chars, and patterns whose DFA needs more than {@link #WORK_LIMIT}
 * determinisation effort. Matches are leftmost-longest and at most {@link #MAX_MATCH} chars.
 * Immutable and thread-safe.
 */
public final class MacieRegex {
  /** Macie's regex length limit. */
  public static final int MAX_LENGTH = 512;

  /** Longest match reported, in chars. */
  public static final int MAX_MATCH = 1024;

  /** Lucene determinisation work limit; beyond it the pattern is rejected as too complex. */
  public static final int WORK_LIMIT = 20_000;

  private final String source;
  private final boolean caseInsensitive;
  private final boolean anchorStart;
  private final boolean anchorEnd;
  private final boolean boundaryStart;
  private final boolean boundaryEnd;
  private final CharacterRunAutomaton forward;
  private final CharacterRunAutomaton reverse;
  private final CharacterRunAutomaton search;

  private MacieRegex(String source, String field) {
    if (source == null || source.isEmpty()) {
      throw new IllegalArgumentException(field + ": must not be empty");
    }
    if (source.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(field + ": must be at most 512 characters");
    }
    this.source = source;
    String s = source;
    boolean ci = false;
    if (s.startsWith("(?i)")) {
      ci = true;
      s = s.substring(4);
    }
    boolean as = false;
    boolean ae = false;
    boolean bs = false;
    boolean be = false;
    if (s.startsWith("^")) {
      as = true;
      s = s.substring(1);
    }
    if (s.startsWith("\\b")) {
      bs = true;
      s = s.substring(2);
    }
    if (s.endsWith("$") && !s.endsWith("\\$")) {
      ae = true;
      s = s.substring(0, s.length() - 1);
    }
    if (s.endsWith("\\b") && !s.endsWith("\\\\b")) {
      be = true;
      s = s.substring(0, s.length() - 2);
    }
    this.caseInsensitive = ci;
    this.anchorStart = as;
    this.anchorEnd = ae;
    this.boundaryStart = bs;
    this.boundaryEnd = be;
    String lucene = translate(s, field);
    try {
      RegExp re = new RegExp(lucene, RegExp.NONE, ci ? RegExp.ASCII_CASE_INSENSITIVE : 0);
      Automaton a = re.toAutomaton(WORK_LIMIT);
      if (Operations.isEmpty(a)) {
        throw new IllegalArgumentException(field + ": matches nothing");
      }
      if (a.getNumStates() > 0 && Operations.run(a, "")) {
        throw new IllegalArgumentException(field + ": must not match the empty string");
      }
      this.forward = new CharacterRunAutomaton(a, WORK_LIMIT);
      this.reverse = new CharacterRunAutomaton(Operations.reverse(a), WORK_LIMIT);
      this.search =
          new CharacterRunAutomaton(
              Operations.concatenate(Automata.makeAnyString(), a), WORK_LIMIT);
    } catch (TooComplexToDeterminizeException e) {
      throw new IllegalArgumentException(field + ": too complex to compile", e);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(field + ":")) {
        throw e;
      }
      throw new IllegalArgumentException(field + ": invalid regex (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Checks and compiles {@code regex}.
   *
   * @param field name used in error messages, e.g. {@code customIdentifiers[0].regex}
   * @throws IllegalArgumentException naming {@code field} when Macie would reject the pattern
   */
  public static MacieRegex compile(String regex, String field) {
    return new MacieRegex(regex, field);
  }

  /** The pattern as given. */
  public String source() {
    return source;
  }

  /** Receives one match. */
  @FunctionalInterface
  public interface MatchConsumer {
    /** A match {@code [start, end)}. */
    void match(int start, int end);
  }

  /**
   * Reports leftmost-longest, non-overlapping matches inside {@code a[from, to)}. {@code
   * textLength} is the length of the whole text, for {@code ^}/{@code $}; offsets are indices into
   * {@code a}.
   */
  public void findAll(char[] a, int from, int to, int textStart, int textEnd, MatchConsumer out) {
    int state = 0;
    int lastEnd = from;
    for (int i = from; i < to; i++) {
      state = search.step(state, a[i]);
      if (state < 0) {
        state = 0;
        continue;
      }
      if (!search.isAccept(state)) {
        continue;
      }
      // a match ends at i + 1: find its leftmost start, then its longest end from there
      int start = -1;
      int r = 0;
      for (int j = i; j >= lastEnd && i - j < MAX_MATCH; j--) {
        r = reverse.step(r, a[j]);
        if (r < 0) {
          break;
        }
        if (reverse.isAccept(r)) {
          start = j;
        }
      }
      if (start < 0) {
        continue;
      }
      int end = -1;
      int f = 0;
      for (int j = start; j < to && j - start < MAX_MATCH; j++) {
        f = forward.step(f, a[j]);
        if (f < 0) {
          break;
        }
        if (forward.isAccept(f)) {
          end = j + 1;
        }
      }
      if (end <= start) {
        continue;
      }
      if (accepted(a, start, end, textStart, textEnd)) {
        out.match(start, end);
        lastEnd = end;
        i = end - 1;
        state = 0;
      }
    }
  }

  private boolean accepted(char[] a, int s, int e, int textStart, int textEnd) {
    if (anchorStart && s != textStart) {
      return false;
    }
    if (anchorEnd && e != textEnd) {
      return false;
    }
    if (boundaryStart && s != textStart && s > 0 && word(a[s - 1]) == word(a[s])) {
      return false;
    }
    return !(boundaryEnd && e != textEnd && e < a.length && word(a[e - 1]) == word(a[e]));
  }

  private static boolean word(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** Whether the whole of {@code a[s, e)} matches (allow-list semantics). */
  public boolean matchesWhole(char[] a, int s, int e) {
    return forward.run(a, s, e - s);
  }

  /** Whether the whole of {@code text} matches. */
  public boolean matchesWhole(String text) {
    return forward.run(text);
  }

  // ------------------------------------------------------------------ translation

  private static String translate(String s, String field) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    int depth = 0;
    boolean inClass = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        if (i + 1 >= s.length()) {
          throw new IllegalArgumentException(field + ": trailing backslash");
        }
        char d = s.charAt(++i);
        i = escape(s, i, d, inClass, out, field);
        continue;
      }
      if (inClass) {
        if (c == ']') {
          inClass = false;
          out.append(']');
        } else if (c == '[' && i + 1 < s.length() && s.charAt(i + 1) == ':') {
          throw new IllegalArgumentException(field + ": POSIX classes are not supported");
        } else {
          literalInClass(c, out);
        }
        continue;
      }
      switch (c) {
        case '[':
          inClass = true;
          out.append('[');
          if (i + 1 < s.length() && s.charAt(i + 1) == '^') {
            out.append('^');
            i++;
          }
          if (i + 1 < s.length() && s.charAt(i + 1) == ']') {
            out.append("\\]");
            i++;
          }
          break;
        case '(':
          if (s.startsWith("(?:", i)) {
            out.append('(');
            i += 2;
          } else if (s.startsWith("(?=", i)
              || s.startsWith("(?!", i)
              || s.startsWith("(?<=", i)
              || s.startsWith("(?<!", i)) {
            throw new IllegalArgumentException(field + ": lookaround is not supported");
          } else if (s.startsWith("(?i)", i)) {
            throw new IllegalArgumentException(
                field + ": the inline flag (?i) is only supported at the start");
          } else if (s.startsWith("(?R)", i)
              || s.startsWith("(?(", i)
              || (i + 2 < s.length()
                  && s.charAt(i + 1) == '?'
                  && Character.isDigit(s.charAt(i + 2)))) {
            throw new IllegalArgumentException(
                field + ": recursion and conditionals are not supported");
          } else if (s.startsWith("(?{", i) || s.startsWith("(??{", i)) {
            throw new IllegalArgumentException(field + ": embedded code is not supported");
          } else if (s.startsWith("(?P<", i) || s.startsWith("(?<", i) || s.startsWith("(?'", i)) {
            throw new IllegalArgumentException(
                field + ": capturing groups are not supported; use (?:...)");
          } else if (s.startsWith("(?", i)) {
            throw new IllegalArgumentException(
                field + ": flags other than a leading (?i) are not supported");
          } else {
            throw new IllegalArgumentException(
                field + ": capturing groups are not supported; use (?:...)");
          }
          depth++;
          break;
        case ')':
          if (depth == 0) {
            throw new IllegalArgumentException(field + ": unbalanced ')'");
          }
          depth--;
          out.append(')');
          break;
        case '.':
          out.append("[^\\\n]");
          break;
        case '^':
        case '$':
          throw new IllegalArgumentException(
              field + ": '" + c + "' is only supported at the start/end of the pattern");
        case '|':
        case '?':
        case '*':
        case '+':
          out.append(c);
          break;
        case '{':
          int close = s.indexOf('}', i);
          if (close < 0 || !s.substring(i + 1, close).matches("\\d{1,4}(,\\d{0,4})?")) {
            literal(c, out);
          } else {
            String[] parts = s.substring(i + 1, close).split(",", -1);
            int min = Integer.parseInt(parts[0]);
            int max =
                parts.length == 1 ? min : parts[1].isEmpty() ? -1 : Integer.parseInt(parts[1]);
            if (min > 100 || max > 100 || (max >= 0 && max < min)) {
              throw new IllegalArgumentException(
                  field
                      + ": repetition {"
                      + s.substring(i + 1, close)
                      + "} is too large (max 100)");
            }
            out.append(s, i, close + 1);
            i = close;
          }
          break;
        default:
          literal(c, out);
      }
    }
    if (inClass) {
      throw new IllegalArgumentException(field + ": unclosed '['");
    }
    if (depth != 0) {
      throw new IllegalArgumentException(field + ": unbalanced '('");
    }
    return out.toString();
  }

  private static int escape(
      String s, int i, char d, boolean inClass, StringBuilder out, String field) {
    switch (d) {
      case 'd':
        out.append(inClass ? "0-9" : "[0-9]");
        return i;
      case 'w':
        out.append(inClass ? "A-Za-z0-9_" : "[A-Za-z0-9_]");
        return i;
      case 's':
        out.append(inClass ? " \\\t\\\n\\\r\\\f" : "[ \\\t\\\n\\\r\\\f]");
        return i;
      case 'D':
      case 'W':
      case 'S':
        if (inClass) {
          throw new IllegalArgumentException(
              field + ": \\" + d + " inside a character class is not supported");
        }
        out.append(d == 'D' ? "[^0-9]" : d == 'W' ? "[^A-Za-z0-9_]" : "[^ \\\t\\\n\\\r\\\f]");
        return i;
      case 't':
        out.append("\\\t");
        return i;
      case 'n':
        out.append("\\\n");
        return i;
      case 'r':
        out.append("\\\r");
        return i;
      case 'f':
        out.append("\\\f");
        return i;
      case 'x':
        if (i + 2 < s.length() + 0
            && s.substring(i + 1, Math.min(s.length(), i + 3)).matches("[0-9A-Fa-f]{2}")) {
          out.append('\\').append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
          return i + 2;
        }
        throw new IllegalArgumentException(field + ": invalid \\x escape");
      case 'u':
        if (i + 4 < s.length() + 0 && s.substring(i + 1, i + 5).matches("[0-9A-Fa-f]{4}")) {
          out.append('\\').append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          return i + 4;
        }
        throw new IllegalArgumentException(field + ": invalid \\u escape");
      case 'b':
        throw new IllegalArgumentException(
            field + ": \\b is only supported at the start/end of the pattern");
      case 'B':
      case 'A':
      case 'Z':
      case 'z':
      case 'G':
        throw new IllegalArgumentException(field + ": anchor \\" + d + " is not supported");
      case 'k':
      case 'g':
        throw new IllegalArgumentException(field + ": backreferences are not supported");
      default:
        if (d >= '1' && d <= '9') {
          throw new IllegalArgumentException(field + ": backreferences are not supported");
        }
        if (Character.isLetterOrDigit(d)) {
          throw new IllegalArgumentException(field + ": unsupported escape \\" + d);
        }
        out.append('\\').append(d);
        return i;
    }
  }

  private static void literal(char c, StringBuilder out) {
    if (Character.isLetterOrDigit(c) || c == ' ' || c == '_' || c > 127) {
      out.append(c);
    } else {
      out.append('\\').append(c);
    }
  }

  private static void literalInClass(char c, StringBuilder out) {
    if (c == '-' || Character.isLetterOrDigit(c) || c == ' ' || c > 127) {
      out.append(c);
    } else {
      out.append('\\').append(c);
    }
  }
}

package dev.sluice.classifiers.identifier;

import dev.sluice.classifiers.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;

/**
 * A dictionary of terms that must not leave the organisation (project code names, customer names):
 * matched whole-word and case-insensitively, with any run of whitespace in the text matching one
 * space in a term. Compiled once into a minimal Lucene DFA ({@link Automata#makeStringUnion}), so
 * matching costs a few DFA steps per word start whatever the number of terms. Findings use the
 * identifier ID {@code DENY_TERM:<name>}, category CUSTOM_IDENTIFIER. Immutable and thread-safe.
 */
public final class DenyTermList {
  /** Longest term, in chars. */
  public static final int MAX_TERM = 200;

  private final String name;
  private final Severity severity;
  private final CharacterRunAutomaton dfa;
  private final int size;

  private DenyTermList(String name, Severity severity, CharacterRunAutomaton dfa, int size) {
    this.name = name;
    this.severity = severity;
    this.dfa = dfa;
    this.size = size;
  }

  /**
   * Compiles {@code terms}; blank terms are skipped.
   *
   * @throws IllegalArgumentException naming the list and term index for terms over {@link
   *     #MAX_TERM} chars, or a name that is not 1-64 chars of {@code [A-Za-z0-9_.-]}
   */
  public static DenyTermList of(String name, List<String> terms, Severity severity) {
    Objects.requireNonNull(severity, "severity");
    if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException("denyTerms.name: must be 1-64 chars of [A-Za-z0-9_.-]");
    }
    TreeSet<BytesRef> sorted = new TreeSet<>();
    for (int i = 0; i < terms.size(); i++) {
      String t = normalise(terms.get(i));
      if (t.isEmpty()) {
        continue;
      }
      if (t.length() > MAX_TERM) {
        throw new IllegalArgumentException(
            "denyTerms["
                + name
                + "].terms["
                + i
                + "]: must be at most "
                + MAX_TERM
                + " characters");
      }
      sorted.add(new BytesRef(t));
    }
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException("denyTerms[" + name + "].terms: must not be empty");
    }
    CharacterRunAutomaton dfa =
        new CharacterRunAutomaton(Automata.makeStringUnion(new ArrayList<>(sorted)));
    return new DenyTermList(name, severity, dfa, sorted.size());
  }

  static String normalise(String term) {
    return term == null ? "" : term.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /** The list's name. */
  public String name() {
    return name;
  }

  /** The identifier ID of this list's findings. */
  public String identifierId() {
    return "DENY_TERM:" + name;
  }

  /** Severity of each finding. */
  public Severity severity() {
    return severity;
  }

  /** Number of distinct terms. */
  public int size() {
    return size;
  }

  /**
   * The end of the longest term starting at {@code s} (a word start) within {@code a[s, to)} that
   * ends on a word boundary, or -1.
   */
  public int longestAt(char[] a, int s, int to) {
    int state = 0;
    int best = -1;
    int limit = Math.min(to, s + MAX_TERM * 4);
    boolean prevSpace = false;
    for (int i = s; i < limit; i++) {
      char c = a[i];
      if (Character.isWhitespace(c)) {
        if (prevSpace) {
          continue;
        }
        prevSpace = true;
        c = ' ';
      } else {
        prevSpace = false;
        c = Character.toLowerCase(c);
      }
      state = dfa.step(state, c);
      if (state < 0) {
        break;
      }
      if (!prevSpace
          && dfa.isAccept(state)
          && (i + 1 >= to || !Character.isLetterOrDigit(a[i + 1]))) {
        best = i + 1;
      }
    }
    return best;
  }
}

package dev.sluice.classifiers.identifier;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A Macie allow list: either predefined text (each entry 1-90 chars, matched against the whole
 * finding text, case-insensitive, no wildcards; 1-100,000 entries) or one regex (1-512 chars, Macie
 * subset) that must match the finding text completely. A finding an allow list matches is
 * suppressed. Immutable and thread-safe.
 */
public final class AllowList {
  private final String name;
  private final Set<String> words;
  private final MacieRegex regex;

  private AllowList(String name, Set<String> words, MacieRegex regex) {
    this.name = name;
    this.words = words;
    this.regex = regex;
  }

  /**
   * A text allow list; blank entries are skipped as Macie does.
   *
   * @throws IllegalArgumentException naming the entry index for entries out of range
   */
  public static AllowList ofWords(String name, List<String> entries) {
    checkName(name);
    Set<String> set = new HashSet<>();
    int kept = 0;
    for (int i = 0; i < entries.size(); i++) {
      String e = entries.get(i);
      if (e == null || e.isBlank()) {
        continue;
      }
      int len = e.getBytes(StandardCharsets.UTF_8).length;
      if (len > 90) {
        throw new IllegalArgumentException(
            "allowLists[" + name + "].entries[" + i + "]: must be 1-90 characters");
      }
      set.add(e.toLowerCase(Locale.ROOT));
      kept++;
    }
    if (kept == 0 || kept > 100_000) {
      throw new IllegalArgumentException(
          "allowLists[" + name + "].entries: must hold 1-100000 entries");
    }
    return new AllowList(name, Set.copyOf(set), null);
  }

  /**
   * A text allow list from the content of a Macie words file: one entry per line, blank lines
   * skipped (at most 35 MB, like Macie).
   */
  public static AllowList ofText(String name, String fileContent) {
    if (fileContent.length() > 35_000_000) {
      throw new IllegalArgumentException("allowLists[" + name + "]: file must be at most 35 MB");
    }
    return ofWords(name, fileContent.lines().map(String::strip).toList());
  }

  /** A regex allow list. */
  public static AllowList ofRegex(String name, String regex) {
    checkName(name);
    return new AllowList(
        name, Set.of(), MacieRegex.compile(regex, "allowLists[" + name + "].regex"));
  }

  private static void checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.length() > 128) {
      throw new IllegalArgumentException("allowLists.name: must be 1-128 characters");
    }
  }

  /** The list's name. */
  public String name() {
    return name;
  }

  /** Whether the whole of {@code a[s, e)} is allowed. */
  public boolean allows(char[] a, int s, int e) {
    if (regex != null) {
      return regex.matchesWhole(a, s, e);
    }
    if (e - s > 90 * 2) {
      return false;
    }
    return words.contains(new String(a, s, e - s).toLowerCase(Locale.ROOT));
  }

  /** Whether the whole of {@code text} is allowed. */
  public boolean allows(String text) {
    char[] a = text.toCharArray();
    return allows(a, 0, a.length);
  }
}

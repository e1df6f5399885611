package dev.sluice.classifiers;

import java.util.Collection;
import java.util.Locale;

/**
 * Immutable case-insensitive set of strings that is queried with {@code char[]} slices, so lookups
 * allocate nothing. Open addressing over lower-cased keys; thread-safe.
 */
final class SliceSet {
  private final String[] table;
  private final int mask;

  SliceSet(Collection<String> keys) {
    int cap = Integer.highestOneBit(Math.max(4, keys.size() * 3)) * 2;
    table = new String[cap];
    mask = cap - 1;
    for (String k : keys) {
      String lk = k.toLowerCase(Locale.ROOT);
      int h = hash(lk) & mask;
      while (table[h] != null && !table[h].equals(lk)) {
        h = (h + 1) & mask;
      }
      table[h] = lk;
    }
  }

  private static int hash(CharSequence s) {
    int h = 0;
    for (int i = 0; i < s.length(); i++) {
      h = 31 * h + s.charAt(i);
    }
    return h ^ (h >>> 16);
  }

  boolean contains(char[] a, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + lower(a[i]);
    }
    h = (h ^ (h >>> 16)) & mask;
    int len = to - from;
    for (String k = table[h]; k != null; k = table[h = (h + 1) & mask]) {
      if (k.length() == len && equalsLower(k, a, from)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@link Character#toLowerCase(char)} with an ASCII fast path: name and address checks call this
   * for every char of every capitalised word, and the general lookup was ~7% of a scan's CPU.
   */
  private static char lower(char c) {
    if (c < 128) {
      return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
    return Character.toLowerCase(c);
  }

  boolean contains(String s) {
    char[] a = s.toCharArray();
    return contains(a, 0, a.length);
  }

  private static boolean equalsLower(String k, char[] a, int from) {
    for (int i = 0; i < k.length(); i++) {
      if (k.charAt(i) != lower(a[from + i])) {
        return false;
      }
    }
    return true;
  }
}

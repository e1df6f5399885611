package dev.sluice.classifiers;

import java.util.Collection;
import java.util.Locale;

/**
 * Immutable case-insensitive set of strings that is queried with {@code char[]} slices, so lookups
 * allocate nothing. Open addressing over lower-cased keys; thread-safe.
 *
 * <p>Each slot keeps the key's full hash next to its chars, so a probe compares chars only when the
 * hashes agree: NAME and ADDRESS checks look up every capitalised word, and comparing against
 * colliding keys char by char was ~6% of a scan's CPU.
 */
final class SliceSet {
  private final char[][] keys;
  private final int[] hashes;
  private final int mask;

  SliceSet(Collection<String> keys) {
    int cap = Integer.highestOneBit(Math.max(4, keys.size() * 3)) * 2;
    this.keys = new char[cap][];
    this.hashes = new int[cap];
    mask = cap - 1;
    for (String k : keys) {
      char[] lk = k.toLowerCase(Locale.ROOT).toCharArray();
      int hash = hash(lk, 0, lk.length);
      int h = hash & mask;
      while (this.keys[h] != null && !java.util.Arrays.equals(this.keys[h], lk)) {
        h = (h + 1) & mask;
      }
      this.keys[h] = lk;
      this.hashes[h] = hash;
    }
  }

  /** Hash of the lower-cased chars of {@code a[from, to)}, spread so the low bits vary. */
  private static int hash(char[] a, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + lower(a[i]);
    }
    return h ^ (h >>> 16);
  }

  boolean contains(char[] a, int from, int to) {
    int hash = hash(a, from, to);
    int len = to - from;
    int h = hash & mask;
    for (char[] k = keys[h]; k != null; k = keys[h = (h + 1) & mask]) {
      if (hashes[h] == hash && k.length == len && equalsLower(k, a, from)) {
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

  private static boolean equalsLower(char[] k, char[] a, int from) {
    for (int i = 0; i < k.length; i++) {
      if (k[i] != lower(a[from + i])) {
        return false;
      }
    }
    return true;
  }
}

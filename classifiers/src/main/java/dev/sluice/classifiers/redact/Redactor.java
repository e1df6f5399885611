package dev.sluice.classifiers.redact;

import dev.sluice.classifiers.Finding;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Applies a {@link RedactionPlan} to a text and its findings. Stateless and thread-safe.
 *
 * <p>Overlapping findings are resolved deterministically before anything is replaced: the longest
 * wins, then the most severe, then the earliest, then the smallest identifier ID; a finding that
 * overlaps an accepted one is dropped (the accepted one covers at least its overlap).
 */
public final class Redactor {
  private static final Comparator<Finding> PREFERENCE =
      Comparator.comparingInt(Finding::length)
          .reversed()
          .thenComparing(Finding::severity, Comparator.reverseOrder())
          .thenComparingInt(Finding::start)
          .thenComparing(Finding::identifierId);

  private Redactor() {}

  /**
   * Redacts {@code text}. Findings must come from scanning exactly this text.
   *
   * @throws IllegalArgumentException if a finding lies outside the text (its offsets are named,
   *     never its value)
   */
  public static Redaction redact(String text, List<Finding> findings, RedactionPlan plan) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(PREFERENCE);
    TreeMap<Integer, Finding> accepted = new TreeMap<>();
    for (Finding f : sorted) {
      if (f.end() > text.length()) {
        throw new IllegalArgumentException(
            "finding [" + f.start() + "," + f.end() + ") outside text of length " + text.length());
      }
      if (plan.operatorFor(f.identifierId()).isEmpty()) {
        continue;
      }
      Map.Entry<Integer, Finding> before = accepted.floorEntry(f.end() - 1);
      if (before != null && before.getValue().end() > f.start()) {
        continue;
      }
      accepted.put(f.start(), f);
    }
    Mac mac = mac(plan.pseudonymKey());
    StringBuilder sb = new StringBuilder(text.length());
    Map<String, Integer> counts = new TreeMap<>();
    int pos = 0;
    for (Finding f : accepted.values()) {
      sb.append(text, pos, f.start());
      Operator op = plan.operatorFor(f.identifierId()).orElseThrow();
      switch (op) {
        case REPLACE -> sb.append('[').append(f.identifierId()).append(']');
        case PARTIAL_MASK -> sb.append(partialMask(text.substring(f.start(), f.end())));
        case PSEUDONYM -> sb.append(pseudonym(mac, f));
        case DROP -> {}
        default -> throw new IllegalStateException("unknown operator " + op);
      }
      counts.merge(f.identifierId(), 1, Integer::sum);
      pos = f.end();
    }
    sb.append(text, pos, text.length());
    return new Redaction(sb.toString(), counts);
  }

  static String partialMask(String v) {
    int keep = v.length() >= 12 ? 4 : 0;
    StringBuilder sb = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      sb.append(Character.isLetterOrDigit(c) && i < v.length() - keep ? '*' : c);
    }
    return sb.toString();
  }

  private static String pseudonym(Mac mac, Finding f) {
    byte[] h =
        mac.doFinal((f.identifierId() + ":" + f.fingerprint()).getBytes(StandardCharsets.UTF_8));
    String id = f.identifierId().replaceAll("[^A-Za-z0-9_]", "_");
    return id + "_" + HexFormat.of().formatHex(h, 0, 3);
  }

  private static Mac mac(byte[] key) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}

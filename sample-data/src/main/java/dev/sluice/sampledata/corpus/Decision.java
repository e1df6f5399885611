package dev.sluice.sampledata.corpus;

import java.util.Collection;

/**
 * The default-policy decision, ordered from least to most restrictive, and the rules that compute
 * it from what a document contains (see sample-data/README.md).
 */
public enum Decision {
  APPROVE,
  REDACT,
  QUARANTINE,
  REJECT;

  /**
   * Applies the default policy: unscannable means QUARANTINE; else any reject-class identifier
   * means REJECT; else any custom identifier or deny term means QUARANTINE; else any personal
   * identifier means REDACT; else APPROVE.
   */
  public static Decision expected(String unscannable, Collection<Planted> planted) {
    if (unscannable != null) {
      return QUARANTINE;
    }
    boolean custom = false;
    boolean personal = false;
    for (Planted p : planted) {
      if (p.isCustom() || p.isDenyTerm()) {
        custom = true;
      } else if (Catalog.isRejectClass(p.type())) {
        return REJECT;
      } else {
        personal = true;
      }
    }
    return custom ? QUARANTINE : personal ? REDACT : APPROVE;
  }
}

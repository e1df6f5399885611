package dev.sluice.classifiers;

/** Whether an identifier needs one of its keywords near a value to report it. */
public enum KeywordRule {
  /** The identifier has no keywords; values are reported on their own. */
  NONE,
  /** Keywords raise confidence ({@link Finding#keywordSupported()}) but are not needed. */
  OPTIONAL,
  /** A keyword must appear within the proximity distance, or the value is not reported. */
  REQUIRED
}

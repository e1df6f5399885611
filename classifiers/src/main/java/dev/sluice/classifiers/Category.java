package dev.sluice.classifiers;

/** Macie's API categories for sensitive data; the same spelling is used in findings and reports. */
public enum Category {
  CREDENTIALS,
  FINANCIAL_INFORMATION,
  PERSONAL_INFORMATION,
  CUSTOM_IDENTIFIER
}

/**
 * Redaction of findings: {@link dev.sluice.classifiers.redact.Redactor} applies a {@link
 * dev.sluice.classifiers.redact.RedactionPlan} (replace, partial mask, keyed pseudonym, drop).
 * Nullness: nothing is {@code null} unless stated.
 */
package dev.sluice.classifiers.redact;

/**
 * Sensitive-data classifier: {@link dev.sluice.classifiers.Scanner} (built once by {@link
 * dev.sluice.classifiers.ScannerBuilder}, thread-safe), {@link dev.sluice.classifiers.Finding},
 * {@link dev.sluice.classifiers.Catalog}.
 *
 * <p>Nullness: no parameter, return value or record component is {@code null} unless its Javadoc
 * says so. Raw sensitive values never leave the scanner: findings carry offsets, a masked preview
 * and a keyed fingerprint.
 */
package dev.sluice.classifiers;

/**
 * Identifier definitions: the managed catalogue by Macie ID, IBAN countries, custom data
 * identifiers (Macie request shape, {@link dev.sluice.classifiers.identifier.MacieRegex}), allow
 * lists and deny-term dictionaries. Nullness: nothing is {@code null} unless stated.
 */
package dev.sluice.classifiers.identifier;

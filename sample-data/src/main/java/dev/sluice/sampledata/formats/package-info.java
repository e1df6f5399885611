/**
 * Deterministic writers for document formats and hostile inputs (DocumentWriters). Arguments are
 * non-null unless a method says otherwise.
 */
package dev.sluice.sampledata.formats;

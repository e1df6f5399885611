/**
 * Extract stage: turns one source object into text units, one per document and embedded document,
 * or into an unscannable outcome with a reason.
 *
 * <p>Contracts: no method returns {@code null}, and parameters are non-null unless documented
 * otherwise. Bad input never throws: it becomes an {@link dev.sluice.ingest.extract.Extraction}
 * with an {@link dev.sluice.ingest.extract.UnscannableReason}. A {@code detail} names the limit and
 * the embedded path, never document content. Entry points: {@link
 * dev.sluice.ingest.extract.Extractor}, {@link dev.sluice.ingest.extract.TikaExtractor}, {@link
 * dev.sluice.ingest.extract.ExtractionLimits} and {@link
 * dev.sluice.ingest.extract.ExtractionWorkspace}. The isolation design is in {@code
 * docs/adr/0002-extraction-isolation.md}.
 */
package dev.sluice.ingest.extract;

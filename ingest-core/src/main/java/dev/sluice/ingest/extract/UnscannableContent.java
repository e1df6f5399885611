package dev.sluice.ingest.extract;

/**
 * Content inside an otherwise scanned document that Sluice cannot scan as text. A document holding
 * any of these is held back unless the policy allows that kind ({@code allowUnscannableContent});
 * when allowed, the content itself is still never written, only the scanned text.
 */
public enum UnscannableContent {
  /** An image inside a document (a picture in a DOCX, an inline image in a PDF): no OCR. */
  IMAGE,
  /** An embedded object no parser reads (e.g. an OLE package of unknown type). */
  EMBEDDED_OBJECT,
  /** VBA or other macros of an Office document. */
  MACRO
}

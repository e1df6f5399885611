package dev.sluice.ingest.extract;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits applied to every document an extractor reads. Hitting any of them ends that document as
 * unscannable with the matching {@link UnscannableReason}; the caller goes on with the next one.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}; every value is checked in the
 * compact constructor and an invalid one fails with an {@link IllegalArgumentException} that names
 * the field.
 *
 * @param maxDocumentBytes largest object, checked against the declared size before reading and
 *     while reading; also applied to each embedded document ({@link UnscannableReason#SIZE_LIMIT})
 * @param maxCharsPerUnit text kept per {@link TextUnit}; longer text is cut and marked truncated
 * @param maxTotalChars text kept over all units of one document; later text is cut and marked
 *     truncated
 * @param timeout wall-clock budget for one document, embedded documents included ({@link
 *     UnscannableReason#TIMEOUT})
 * @param maxNestingDepth deepest embedded document, the container being depth 0 ({@link
 *     UnscannableReason#NESTING_LIMIT})
 * @param maxEmbeddedEntries embedded documents per document, all levels counted ({@link
 *     UnscannableReason#ENTRY_LIMIT})
 * @param maxExpansionRatio bytes read from embedded documents divided by bytes read from the source
 *     object ({@link UnscannableReason#RATIO_LIMIT})
 * @param ratioFloorBytes expanded bytes below which the ratio is not checked, so that tiny archives
 *     with well-compressed entries pass
 * @param maxEntityExpansions XML entity expansions per parse (billion laughs, {@link
 *     UnscannableReason#ENTITY_EXPANSION}); applied JVM-wide through Tika's {@code XMLReaderUtils}
 * @param maxAbandonedParses parser threads that ignored a timeout and are still running; once
 *     reached the extractor refuses new documents with {@link UnscannableReason#TIMEOUT} rather
 *     than pile up threads
 */
public record ExtractionLimits(
    long maxDocumentBytes,
    int maxCharsPerUnit,
    long maxTotalChars,
    Duration timeout,
    int maxNestingDepth,
    int maxEmbeddedEntries,
    long maxExpansionRatio,
    long ratioFloorBytes,
    int maxEntityExpansions,
    int maxAbandonedParses) {

  /** 1 GiB objects, 1 Mi chars per unit, 60 s, depth 5, 10 000 entries, ratio 100. */
  public static final ExtractionLimits DEFAULTS = builder().build();

  public ExtractionLimits {
    positive("maxDocumentBytes", maxDocumentBytes);
    positive("maxCharsPerUnit", maxCharsPerUnit);
    positive("maxTotalChars", maxTotalChars);
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0: " + timeout);
    }
    if (maxNestingDepth < 0) {
      throw new IllegalArgumentException("maxNestingDepth must be >= 0: " + maxNestingDepth);
    }
    if (maxEmbeddedEntries < 0) {
      throw new IllegalArgumentException("maxEmbeddedEntries must be >= 0: " + maxEmbeddedEntries);
    }
    positive("maxExpansionRatio", maxExpansionRatio);
    if (ratioFloorBytes < 0) {
      throw new IllegalArgumentException("ratioFloorBytes must be >= 0: " + ratioFloorBytes);
    }
    positive("maxEntityExpansions", maxEntityExpansions);
    positive("maxAbandonedParses", maxAbandonedParses);
    if (maxTotalChars < maxCharsPerUnit) {
      throw new IllegalArgumentException(
          "maxTotalChars must be >= maxCharsPerUnit: " + maxTotalChars + " < " + maxCharsPerUnit);
    }
  }

  private static void positive(String field, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be >= 1: " + value);
    }
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these limits. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxDocumentBytes = maxDocumentBytes;
    b.maxCharsPerUnit = maxCharsPerUnit;
    b.maxTotalChars = maxTotalChars;
    b.timeout = timeout;
    b.maxNestingDepth = maxNestingDepth;
    b.maxEmbeddedEntries = maxEmbeddedEntries;
    b.maxExpansionRatio = maxExpansionRatio;
    b.ratioFloorBytes = ratioFloorBytes;
    b.maxEntityExpansions = maxEntityExpansions;
    b.maxAbandonedParses = maxAbandonedParses;
    return b;
  }

  /** Mutable, not thread-safe; values are validated by {@link #build()}. */
  public static final class Builder {
    private long maxDocumentBytes = 1L << 30;
    private int maxCharsPerUnit = 1 << 20;
    private long maxTotalChars = 64L << 20;
    private Duration timeout = Duration.ofSeconds(60);
    private int maxNestingDepth = 5;
    private int maxEmbeddedEntries = 10_000;
    private long maxExpansionRatio = 100;
    private long ratioFloorBytes = 1L << 20;
    private int maxEntityExpansions = 20;
    private int maxAbandonedParses = 4;

    private Builder() {}

    public Builder maxDocumentBytes(long v) {
      maxDocumentBytes = v;
      return this;
    }

    public Builder maxCharsPerUnit(int v) {
      maxCharsPerUnit = v;
      return this;
    }

    public Builder maxTotalChars(long v) {
      maxTotalChars = v;
      return this;
    }

    public Builder timeout(Duration v) {
      timeout = v;
      return this;
    }

    public Builder maxNestingDepth(int v) {
      maxNestingDepth = v;
      return this;
    }

    public Builder maxEmbeddedEntries(int v) {
      maxEmbeddedEntries = v;
      return this;
    }

    public Builder maxExpansionRatio(long v) {
      maxExpansionRatio = v;
      return this;
    }

    public Builder ratioFloorBytes(long v) {
      ratioFloorBytes = v;
      return this;
    }

    public Builder maxEntityExpansions(int v) {
      maxEntityExpansions = v;
      return this;
    }

    public Builder maxAbandonedParses(int v) {
      maxAbandonedParses = v;
      return this;
    }

    /** Validates and builds; throws {@link IllegalArgumentException} naming the bad field. */
    public ExtractionLimits build() {
      return new ExtractionLimits(
          maxDocumentBytes,
          maxCharsPerUnit,
          maxTotalChars,
          timeout,
          maxNestingDepth,
          maxEmbeddedEntries,
          maxExpansionRatio,
          ratioFloorBytes,
          maxEntityExpansions,
          maxAbandonedParses);
    }
  }
}

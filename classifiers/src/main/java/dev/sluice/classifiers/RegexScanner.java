package dev.sluice.classifiers;

import dev.sluice.classifiers.identifier.Identifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;

/** First engine: one regex pass per identifier with validation on candidates. */
final class RegexScanner implements Scanner {
  private final List<Identifier> identifiers;
  private final Fingerprinter fingerprinter;

  RegexScanner(List<Identifier> identifiers, Fingerprinter fingerprinter) {
    this.identifiers = List.copyOf(identifiers);
    this.fingerprinter = fingerprinter;
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    List<Finding> findings = new ArrayList<>();
    for (Identifier id : identifiers) {
      Matcher m = id.pattern().matcher(text);
      while (m.find()) {
        CharSequence value = text.subSequence(m.start(), m.end());
        if (!id.validator().test(value)) {
          continue;
        }
        boolean keyword = id.hasKeywordNear(text, m.start(), m.end());
        if (id.requiresKeyword() && !keyword) {
          continue;
        }
        findings.add(
            new Finding(
                id.id(),
                id.category(),
                id.severity(),
                m.start(),
                m.end(),
                keyword,
                Masking.preview(value),
                fingerprinter.fingerprint(id.normalise(value))));
      }
    }
    findings.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::identifierId));
    return findings;
  }
}

package dev.sluice.ingest.sink;

import dev.sluice.ingest.source.SourceItem;
import java.util.List;
import java.util.Objects;

/**
 * A document the policy held back (QUARANTINE, or REJECT when configured), to be copied to the
 * quarantine bucket for review.
 *
 * @param item the source object
 * @param decision the decision, e.g. {@code QUARANTINE}
 * @param lineageId lineage record of the source
 * @param reasons payload-free reasons (rule, action, identifier and count), never values
 */
public record HeldDocument(
    SourceItem item, String decision, String lineageId, List<String> reasons) {
  public HeldDocument {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(lineageId, "lineageId");
    reasons = List.copyOf(reasons);
  }
}

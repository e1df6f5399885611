package dev.sluice.ingest.sink;

import dev.sluice.ingest.decide.Decision;
import dev.sluice.ingest.decide.Reason;
import dev.sluice.ingest.lineage.LineageRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@link DatasetSink#writeDocuments} did.
 *
 * @param parts objects written (documents and sidecars), in input order
 * @param refused payload-free reason by lineage id for documents not written because their source
 *     could not be read again or changed since it was scanned
 */
public record DocumentsWritten(List<WrittenPart> parts, Map<String, String> refused) {
  public DocumentsWritten {
    parts = List.copyOf(parts);
    refused = Map.copyOf(refused);
  }

  /**
   * {@code r} as recorded when its document was refused at write time: decision QUARANTINE (the
   * document is held back, fail closed) with a {@code source-changed} reason appended.
   */
  public static LineageRecord refuse(LineageRecord r, String why) {
    List<String> reasons = new ArrayList<>(r.reasons());
    reasons.add(new Reason("source-changed", Decision.QUARANTINE, why).toString());
    return r.withDecision(Decision.QUARANTINE.name(), reasons).withOutputs(List.of());
  }
}

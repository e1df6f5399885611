package dev.sluice.ingest.lineage.openlineage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Sends OpenLineage events somewhere. {@link #emit} never throws: a failure is logged (without the
 * event body) and the caller carries on, so lineage export never fails a job. Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface OpenLineageEmitter {

  /** Sends {@code event}; returns whether it was delivered. */
  boolean emit(ObjectNode event);

  /** An emitter that drops events. */
  static OpenLineageEmitter none() {
    return e -> false;
  }

  /** Appends each event as one JSON line to {@code file} (created with its parent directories). */
  static OpenLineageEmitter file(Path file) {
    return new FileEmitter(file);
  }

  /**
   * POSTs each event as {@code application/json} to {@code url}, waiting at most {@code timeout}.
   */
  static OpenLineageEmitter http(URI url, Duration timeout) {
    return new HttpEmitter(url, timeout);
  }
}

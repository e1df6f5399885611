package dev.sluice.ingest.lineage.openlineage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON Lines file emitter; appends are serialized on this instance. */
final class FileEmitter implements OpenLineageEmitter {
  private static final Logger log = LoggerFactory.getLogger(FileEmitter.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  FileEmitter(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  @Override
  public synchronized boolean emit(ObjectNode event) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(
          file,
          JSON.writeValueAsString(event) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
      return true;
    } catch (IOException | RuntimeException e) {
      log.warn(
          "OpenLineage: cannot append {} event to {}: {}",
          event.path("eventType").asText(),
          file,
          e.toString());
      return false;
    }
  }
}

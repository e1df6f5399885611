package dev.sluice.sampledata.corpus;

import dev.sluice.sampledata.formats.DocumentWriters.Sheet;
import java.util.List;
import java.util.Objects;

/**
 * A scannable part of a corpus document: the container itself ({@code path ""}) or an embedded file
 * ({@code /inner/path}). {@code text} is the source text the values were planted in: for text
 * formats exactly the decoded file text, for binary formats the text handed to the writer
 * (paragraphs separated by blank lines). {@code sheets} is non-empty for spreadsheets.
 */
public record Unit(
    String path,
    String format,
    String text,
    List<Planted> planted,
    List<Sheet> sheets,
    boolean offsetsPublished) {

  /** Validates and copies; every planted value is moved into this unit. */
  public Unit {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(text, "text");
    final String p = path;
    planted = planted.stream().map(x -> x.inUnit(p)).toList();
    sheets = List.copyOf(sheets);
  }
}

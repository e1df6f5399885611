package dev.sluice.sampledata;

import dev.sluice.sampledata.corpus.Corpus;
import dev.sluice.sampledata.corpus.CorpusDocument;
import java.util.List;

/** The in-memory corpus, built once per test JVM (building it deflates a 200 MiB zip bomb). */
final class TestCorpus {

  static final List<CorpusDocument> DOCS = Corpus.documents();

  private TestCorpus() {}
}

package dev.sluice.app.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;

import dev.sluice.app.config.CatalogInfo;
import dev.sluice.app.config.SluiceProperties;
import dev.sluice.classifiers.Scanner;
import dev.sluice.ingest.decide.PolicyLoader;
import dev.sluice.ingest.source.SourceItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Key ranges: balanced by count, covering every key exactly once, whatever the prefix tree. */
class KeyRangePartitionerTest {
  @TempDir Path tmp;

  RunContext run(Path root) {
    SluiceProperties props =
        new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("sluice", SluiceProperties.class);
    return new RunContext(
        props,
        PolicyLoader.defaultPolicy(),
        mock(Scanner.class),
        new CatalogInfo("test"),
        null,
        null,
        null,
        null,
        "r1",
        "classify",
        root.toString(),
        "2026-01-01",
        false);
  }

  @Test
  void oneHugePrefixIsSplitIntoBalancedRangesThatCoverEveryKeyOnce() throws Exception {
    // 97 objects under one sub-prefix, 3 under another, 2 at the top: prefixes would give 3 uneven
    // partitions
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 97; i++) {
      keys.add(String.format(Locale.ROOT, "big/deep/doc-%03d.txt", i));
    }
    keys.addAll(List.of("small/a.txt", "small/b.txt", "small/c.txt", "top-1.txt", "top-2.txt"));
    for (String k : keys) {
      Path f = tmp.resolve(k);
      Files.createDirectories(f.getParent());
      Files.writeString(f, "x");
    }
    RunContext run = run(tmp);
    JobRepository repo = mock(JobRepository.class);
    StepExecution manager = mock(StepExecution.class, RETURNS_DEEP_STUBS);
    Map<String, ExecutionContext> parts =
        new KeyRangePartitioner(run, repo, manager, "classify-worker").partition(7);

    assertThat(parts).hasSize(7);
    Set<String> seen = new HashSet<>();
    List<Integer> sizes = new ArrayList<>();
    for (ExecutionContext c : parts.values()) {
      SourceItemReader reader =
          new SourceItemReader(
              run,
              c.getString(SourcePartitioner.PREFIX),
              Boolean.parseBoolean(c.getString(SourcePartitioner.RECURSIVE)),
              c.getString(KeyRangePartitioner.START_AFTER),
              c.getString(KeyRangePartitioner.END_KEY));
      reader.open(new ExecutionContext());
      int n = 0;
      for (SourceItem item = reader.read(); item != null; item = reader.read()) {
        assertThat(seen.add(item.key())).as("read once: %s", item.key()).isTrue();
        n++;
      }
      reader.close();
      sizes.add(n);
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(sizes.stream().mapToInt(i -> i).max().getAsInt())
        .as("balanced: %s", sizes)
        .isLessThanOrEqualTo(sizes.stream().mapToInt(i -> i).min().getAsInt() + 1);
  }

  @Test
  void aRestartedRunKeepsItsPartitionsAndTheirState() {
    JobRepository repo = mock(JobRepository.class);
    StepExecution manager = mock(StepExecution.class, RETURNS_DEEP_STUBS);
    var instance = manager.getJobExecution().getJobInstance();
    for (int i = 0; i < 3; i++) {
      StepExecution old = mock(StepExecution.class);
      ExecutionContext ctx = new ExecutionContext();
      ctx.putString(KeyRangePartitioner.END_KEY, "k" + i);
      org.mockito.Mockito.when(old.getExecutionContext()).thenReturn(ctx);
      org.mockito.Mockito.when(
              repo.getLastStepExecution(
                  instance, String.format(Locale.ROOT, "ingest-worker:partition%05d", i)))
          .thenReturn(old);
    }
    Map<String, ExecutionContext> parts =
        new KeyRangePartitioner(run(tmp), repo, manager, "ingest-worker").partition(16);
    assertThat(parts).containsOnlyKeys("partition00000", "partition00001", "partition00002");
    assertThat(parts.get("partition00002").getString(KeyRangePartitioner.END_KEY)).isEqualTo("k2");
  }
}

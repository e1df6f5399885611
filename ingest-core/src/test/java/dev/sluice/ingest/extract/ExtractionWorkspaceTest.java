package dev.sluice.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractionWorkspaceTest {
  @TempDir Path root;

  @Test
  void createsAnOwnerOnlyDirectoryWithPidAndDeletesItOnClose() throws Exception {
    Path dir;
    try (ExtractionWorkspace ws = ExtractionWorkspace.open(root)) {
      dir = ws.directory();

      assertThat(dir.getParent()).isEqualTo(root);
      assertThat(dir.getFileName().toString())
          .startsWith("sluice-extract-" + ProcessHandle.current().pid() + "-");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
          .isEqualTo("rwx------");
      assertThat(Files.readString(dir.resolve("owner.pid")))
          .isEqualTo(Long.toString(ProcessHandle.current().pid()));
      Files.writeString(dir.resolve("spool.tmp"), "left behind");
    }
    assertThat(dir).doesNotExist();
  }

  @Test
  void removesLeftoversOfADeadRunAtStart() throws Exception {
    // what a killed run leaves: its directory, pid file, unlocked lock file and a spool file
    Path dead = Files.createDirectory(root.resolve("sluice-extract-999999999-123"));
    Files.writeString(dead.resolve("owner.pid"), "999999999");
    Files.createFile(dead.resolve("lock"));
    Files.createDirectories(dead.resolve("nested"));
    Files.writeString(dead.resolve("nested/apache-tika-1.tmp"), "synthetic spool");
    Path unrelated = Files.createDirectory(root.resolve("other-tool"));

    try (ExtractionWorkspace ws = ExtractionWorkspace.open(root)) {
      assertThat(ws.sweptLeftovers()).isEqualTo(1);
      assertThat(dead).doesNotExist();
      assertThat(unrelated).exists();
    }
  }

  @Test
  void leavesTheDirectoryOfALiveRunAlone() {
    try (ExtractionWorkspace first = ExtractionWorkspace.open(root);
        ExtractionWorkspace second = ExtractionWorkspace.open(root)) {
      assertThat(second.sweptLeftovers()).isZero();
      assertThat(first.directory()).exists();
      assertThat(second.directory()).isNotEqualTo(first.directory());
    }
  }
}

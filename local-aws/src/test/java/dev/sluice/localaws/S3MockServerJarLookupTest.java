package dev.sluice.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3MockServerJarLookupTest {

  @Test
  void missingJarNamesAllThreePlacesTried(@TempDir Path home) {
    assertThatThrownBy(
            () -> S3MockServer.locateJar(home + "/nope.jar", home + "/also-nope.jar", home))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("system property sluice.s3mock.jar=" + home + "/nope.jar")
        .hasMessageContaining("environment variable SLUICE_S3MOCK_JAR=" + home + "/also-nope.jar")
        .hasMessageContaining(
            "Maven repository "
                + home.resolve(
                    ".m2/repository/com/adobe/testing/s3mock/4.12.4/s3mock-4.12.4-exec.jar"));
  }

  @Test
  void propertyWinsOverEnvironmentWhichWinsOverMavenRepository(@TempDir Path home)
      throws Exception {
    Path property = Files.createFile(home.resolve("p.jar"));
    Path env = Files.createFile(home.resolve("e.jar"));
    Path m2 = home.resolve(".m2/repository/com/adobe/testing/s3mock/4.12.4/s3mock-4.12.4-exec.jar");
    Files.createDirectories(m2.getParent());
    Files.createFile(m2);

    assertThat(S3MockServer.locateJar(property.toString(), env.toString(), home))
        .isEqualTo(property);
    assertThat(S3MockServer.locateJar(null, env.toString(), home)).isEqualTo(env);
    assertThat(S3MockServer.locateJar("", null, home)).isEqualTo(m2);
  }

  @Test
  void childThatDiesAtStartFailsFastWithItsLogTailAndLeavesNoFiles(@TempDir Path dir)
      throws Exception {
    Path notAJar = Files.writeString(dir.resolve("broken.jar"), "not a jar");
    Path root = dir.resolve("root");
    String previous = System.getProperty(S3MockServer.JAR_PROPERTY);
    System.setProperty(S3MockServer.JAR_PROPERTY, notAJar.toString());
    try {
      assertThatThrownBy(
              () -> S3MockServer.start(S3MockServer.Options.builder().storeRoot(root).build()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("S3Mock exited with code")
          .hasMessageContaining("broken.jar");
    } finally {
      if (previous == null) {
        System.clearProperty(S3MockServer.JAR_PROPERTY);
      } else {
        System.setProperty(S3MockServer.JAR_PROPERTY, previous);
      }
    }
    assertThat(root.resolve("s3mock.log")).as("the log of a caller-supplied root stays").exists();
  }

  @Test
  void optionsRejectBadBucketNamesAndKeyArnsNamingTheField() {
    assertThatThrownBy(() -> S3MockServer.Options.builder().initialBuckets(List.of("Bad_Bucket")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("initialBuckets");
    assertThatThrownBy(() -> S3MockServer.Options.builder().validKmsKeys(List.of("1234abcd-12ab")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("validKmsKeys");
    assertThatThrownBy(() -> LocalAws.Config.builder().kmsKey("curated", "id-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("kmsKeys.alias");
  }
}

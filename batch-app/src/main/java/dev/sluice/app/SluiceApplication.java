package dev.sluice.app;

import dev.sluice.app.cli.SluiceCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the Sluice command-line launcher and batch jobs. */
@SpringBootApplication
public class SluiceApplication {
  public static void main(String[] args) {
    System.exit(new SluiceCli(System.out, System.err).run(args));
  }
}

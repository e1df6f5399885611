package dev.sluice.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the Sluice command-line launcher and batch jobs. */
@SpringBootApplication
public class SluiceApplication {
  public static void main(String[] args) {
    System.exit(SpringApplication.exit(SpringApplication.run(SluiceApplication.class, args)));
  }
}

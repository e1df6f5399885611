package dev.sluice.app.config;

/** The classifier catalogue version recorded in lineage. */
public record CatalogInfo(String version) {
  static String current() {
    Package p = dev.sluice.classifiers.Scanner.class.getPackage();
    String v = p.getImplementationVersion();
    return "classifiers-" + (v == null ? "dev" : v);
  }
}

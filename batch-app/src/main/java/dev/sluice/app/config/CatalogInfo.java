package dev.sluice.app.config;

/** The classifier catalogue version recorded in lineage (changes whenever a rule changes). */
public record CatalogInfo(String version) {}

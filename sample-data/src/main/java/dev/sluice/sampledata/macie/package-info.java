/**
 * Amazon Macie findings and discovery results that match the corpus (MacieResults). Arguments are
 * non-null.
 */
package dev.sluice.sampledata.macie;

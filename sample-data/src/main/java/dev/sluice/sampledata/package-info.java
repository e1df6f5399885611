/** Synthetic labelled corpus, ground truth and a deterministic generator. */
package dev.sluice.sampledata;

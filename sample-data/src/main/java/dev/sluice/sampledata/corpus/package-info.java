/**
 * The labelled corpus model: planted values, units, documents, ground truth and the default-policy
 * decision. Record components are non-null unless documented (charset and unscannable may be null).
 */
package dev.sluice.sampledata.corpus;

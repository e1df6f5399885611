/** Type-valid synthetic sensitive values (SyntheticValues). Arguments are non-null. */
package dev.sluice.sampledata.values;

/** Check digits and ranges over {@code char[]} slices (Luhn, mod-97, VIN, NHS, SSN/ITIN). */
package dev.sluice.classifiers.validate;

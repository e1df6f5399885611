/** Loopback emulators of S3, KMS and Macie for tests and local runs. */
package dev.sluice.localaws;

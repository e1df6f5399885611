/**
 * Loopback emulators of S3, KMS and Macie for tests and the local demo mode. The real AWS SDK v2
 * clients talk to them through {@code endpointOverride}, region us-east-1 and any static
 * credentials; no request signature is checked and nothing listens beyond the machine except
 * S3Mock's plain-HTTP connector (see {@link dev.sluice.localaws.S3MockServer}).
 *
 * <h2>Public API</h2>
 *
 * <ul>
 *   <li>{@link dev.sluice.localaws.S3MockServer}: Adobe S3Mock 4.12.4 as a child JVM (about 3-7 s
 *       to start on two cores; share one per test class or suite). SSE-KMS keys must be registered
 *       as ARNs and requests must send the bare key id. S3Mock stores bytes unencrypted.
 *   <li>{@link dev.sluice.localaws.KmsEmulator}: in-process AWS KMS (JSON 1.1, {@code
 *       TrentService}) with real AES-256-GCM; the encryption context is bound as authenticated
 *       data, so a mismatch fails like KMS does. Optional state directory for restarts.
 *   <li>{@link dev.sluice.localaws.MacieEmulator}: in-process macie2 REST-JSON: ListFindings
 *       (criteria, sort, paging), GetFindings, custom data identifiers, and fault injection
 *       (throttling, down) for retry tests. Findings are seeded from JSON files.
 *   <li>{@link dev.sluice.localaws.LocalAws}: the three together, KMS keys first so S3Mock accepts
 *       them for SSE-KMS.
 *   <li>{@link dev.sluice.localaws.FaultProxy}: a loopback HTTP proxy in front of any of them that
 *       answers a share of requests with the service's own retryable errors, delays them, or cuts
 *       bodies mid-stream (docs/reliability.md).
 * </ul>
 *
 * <h2>Contracts</h2>
 *
 * <ul>
 *   <li>Nulls: no method accepts or returns {@code null} unless its Javadoc says so; arguments are
 *       checked at the boundary with {@link java.lang.IllegalArgumentException} (bad value, the
 *       message names the field) or {@link java.lang.NullPointerException}.
 *   <li>Ownership: whoever calls {@code start} owns the emulator and must {@code close()} it
 *       (try-with-resources or {@code @AfterAll}); {@code close()} is idempotent. S3Mock's child
 *       process is also stopped by a JVM shutdown hook.
 *   <li>Thread-safety: every public class is safe for concurrent use once started; the option
 *       builders are not (build on one thread, then share the immutable result).
 *   <li>Security: emulators are for synthetic data. Error messages and logs carry key ids, field
 *       names and paths, never plaintexts, key material or finding content. The KMS state file
 *       holds raw key material and is created owner-only.
 *   <li>Wire fidelity: behaviour follows the AWS models and docs summarised in {@code
 *       shared/reference}; where AWS behaviour is unconfirmed the emulator chooses the stricter
 *       option and documents it on the class.
 * </ul>
 *
 * <p>Only the JDK HTTP server, Jackson 2 and slf4j are used at runtime; the AWS SDK is a test
 * dependency of this module.
 */
package dev.sluice.localaws;

package dev.sluice.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Strings that look sensitive but are not: none may produce any finding. */
class HardNegativesTest {
  private static final Scanner SCANNER = Scanner.builder().build();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "request id 3f2504e0-4f89-11d3-9a0c-0305e82c3301 completed",
        "commit 9fceb02d0ae598e95dc970b74767f19372d61af8 merged",
        "short sha 9fceb02 on main",
        "at 2024-03-14T12:34:56.789Z the job ran",
        "epoch 1710419696 and 1710419696123 ms",
        "version 1.2.3 and v10.4.1-beta.2 released",
        "ISBN 978-3-16-148410-0 and ISBN-10 0-306-40615-2",
        "payload dGhpcyBpcyBub3QgYSBzZWNyZXQga2V5IGF0IGFsbA== decoded",
        "md5 d41d8cd98f00b204e9800998ecf8427e sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "see https://example.com/docs/page?id=42&lang=en for details",
        "file /var/log/app/2024/03/14/server-01.log rotated",
        "error 0x80070005 in module",
        "total $1,234.56 or 12.5% of 9,876,543",
        "Table 3.2.1 and section 4.5 of ISO 27001:2022",
        "zip 90210 only",
        "serial 12345678901234567890123 printed",
        "sha256:4d3c5a1f0e2b7c9d8e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d image",
        "The quarterly report covers New York and London offices.",
        "Meeting at 10:30 in room 4012 with the Product Team.",
        "lat 5 long 10 position 3",
        "coordinates unknown, position 12",
        "password: ******** (redacted)",
        "ratio 3/4 and 12/31 and 1/2",
        "call stack depth 123456789 frames",
        "see RFC 7617 section 2 and RFC 7519",
        "he said -----BEGIN CERTIFICATE----- and stopped",
        "user@localhost is not an address",
        "AKIA is a prefix, ghp_ too, xoxb- and sk_live_ are prefixes",
      })
  void producesNoFinding(String text) {
    assertThat(SCANNER.scan(text)).isEmpty();
  }
}

#!/usr/bin/env bash
# Coverage-guided fuzzing with Jazzer, one target at a time (Jazzer fuzzes one @FuzzTest per JVM).
#
#   scripts/fuzz.sh                 every target, each for its @FuzzTest maxDuration (90 s)
#   scripts/fuzz.sh ScannerFuzzTest one target class
#
# Findings land in <module>/src/test/resources/<package>/<Class>Inputs/<method>/crash-*: commit
# them, they are replayed by every normal test run (regression mode). The summary prints the
# executions of each target from libFuzzer's "Done N runs in S second(s)" line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

targets=(
  "classifiers:ScannerFuzzTest#anyText"
  "classifiers:CustomIdentifiersFuzzTest#anyDefinitions"
  "ingest-core:PolicyLoaderFuzzTest#anyYaml"
  "ingest-core:MacieReadersFuzzTest#anyDiscoveryResultFile"
  "ingest-core:ExtractionGuardFuzzTest#anyBytesBehindAMagicNumber"
)
only="${1:-}"
mkdir -p target/fuzz
summary=target/fuzz/summary.txt
: > "$summary"
total=0
for t in "${targets[@]}"; do
  module="${t%%:*}"; test="${t#*:}"
  if [ -n "$only" ] && [[ "$test" != "$only"* ]]; then continue; fi
  log="target/fuzz/${test%%#*}.log"
  echo "fuzzing $test ($module) ... log $log" >&2
  start=$(date +%s)
  # reactor build of the module and what it needs; JAZZER_FUZZ=1 switches @FuzzTest to fuzzing
  JAZZER_FUZZ=1 ./mvnw -B -q -pl "$module" -am test -Dtest="$test" \
    -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.skip=true > "$log" 2>&1 && rc=0 || rc=$?
  secs=$(( $(date +%s) - start ))
  runs=$(grep -Eo 'Done [0-9]+ runs' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  total=$(( total + runs ))
  printf '%-60s exit %d  %10d executions  %4d s wall\n' "$test" "$rc" "$runs" "$secs" | tee -a "$summary"
done
echo "total executions: $total" | tee -a "$summary"

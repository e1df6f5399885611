#!/usr/bin/env bash
# The longer soak: ingest a seeded mixed corpus through the fault proxies, fault-free once, then
# ROUNDS times at RATE faults on S3, KMS and Macie; every round must end as the fault-free run.
#
#   scripts/soak.sh                       8 rounds x 400 documents at 5 %
#   ROUNDS=20 DOCS=1000 RATE=0.1 scripts/soak.sh
#   CONTROL_RATE=0.3 scripts/soak.sh      KMS and Macie (one and two calls a run) faulted harder
#
# Figures: batch-app/target/soak/summary.md (copy them into docs/reliability.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
start=$(date +%s)
./mvnw -B -q -pl batch-app -am verify -Dit.test=SoakIT -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dsluice.soak.rounds="${ROUNDS:-8}" -Dsluice.soak.docs="${DOCS:-400}" \
  -Dsluice.soak.rate="${RATE:-0.05}" -Dsluice.soak.control-rate="${CONTROL_RATE:-${RATE:-0.05}}" \
  -Dsluice.soak.seed="${SEED:-7}"
echo "soak wall time: $(( $(date +%s) - start )) s" | tee -a batch-app/target/soak/summary.md
cat batch-app/target/soak/summary.md

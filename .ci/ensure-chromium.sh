#!/usr/bin/env bash
# Installs Debian's chromium for the HTML report browser tests, when the build runs in CI (CI=true)
# as root on a Debian machine and it is missing. Best effort: without it those tests skip with a
# message; nothing else depends on it. Locally: apt-get install -y chromium.
set -u
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "${CI:-}" != "true" ]; then
  echo "[sluice] /usr/bin/chromium not found: the HTML report browser tests will skip (apt-get install -y chromium)"
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "[sluice] cannot install chromium here (not root or no apt-get): browser tests will skip"
  exit 0
fi
echo "[sluice] installing chromium for the HTML report browser tests ..."
if ! (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/tmp/sluice-chromium-install.log 2>&1; then
  echo "[sluice] chromium install failed (see /tmp/sluice-chromium-install.log): browser tests will skip"
fi
exit 0

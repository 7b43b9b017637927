#!/usr/bin/env bash
# Install what this repo needs on a fresh machine with Node 20 + npm: pnpm (pinned, as
# package.json's packageManager says), then the workspace's packages from the lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if [ "$(pnpm --version 2>/dev/null || true)" != "$want" ]; then
  echo "bootstrap: installing pnpm $want" >&2
  npm install --global --no-fund --no-audit "pnpm@$want" >&2
fi
export TURBO_TELEMETRY_DISABLED=1
pnpm install --frozen-lockfile

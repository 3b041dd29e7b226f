#!/usr/bin/env bash
# Installs Debian's redis-server for the whole-loop Argo CD suite (test/argocd/loop.e2e.test.ts):
# Argo CD's repo-server and application-controller need a Redis, and Argo CD's own local
# development mode uses a plain redis-server too. The suite starts it on 127.0.0.1 with no
# persistence. Idempotent: does nothing when redis-server is already on PATH.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  echo "install-redis: $(redis-server --version | head -1) already installed" >&2
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends redis-server >/dev/null
echo "install-redis: $(redis-server --version | head -1) installed" >&2

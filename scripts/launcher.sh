#!/bin/sh
# st2-gitops launcher, installed as dist/st2-gitops by scripts/bundle.mjs (the
# package's bin, what npm scripts, plugin.yaml and the image run).
#
# It starts node from the V8 startup snapshot dist/st2-gitops.blob, which
# skips module loading and starts with the hot code compiled, when the blob
# was built by this very node binary (same size and mtime, recorded in
# dist/st2-gitops.node-stamp) and NODE_OPTIONS is empty: a blob from another
# node, or V8 flags that differ from the build's, stop node before it runs any
# code. In every other case, and for `serve`, it runs the module bundle
# dist/st2-gitops.mjs. ST2_GITOPS_NO_SNAPSHOT=1 forces the module bundle.

# Node 20 parses every certificate in NODE_EXTRA_CA_CERTS at start-up (35 ms
# for a system bundle); st2-gitops never opens a TLS connection.
unset NODE_EXTRA_CA_CERTS

self=$0
if [ -L "$self" ]; then self=$(readlink -f -- "$self"); fi
case $self in
  */*) dist=${self%/*} ;;
  *) dist=. ;;
esac

node=$(command -v node) || {
  echo "st2-gitops: node not found on PATH; install Node.js 20.11 or later" >&2
  exit 3
}

if [ -z "${ST2_GITOPS_NO_SNAPSHOT:-}" ] && [ -z "${NODE_OPTIONS:-}" ] && [ "${1:-}" != serve ] && [ -f "$dist/st2-gitops.blob" ] && [ -f "$dist/st2-gitops.node-stamp" ]; then
  read -r built_by < "$dist/st2-gitops.node-stamp"
  if [ "$(stat -L -c '%s %Y' -- "$node" 2>/dev/null)" = "$built_by" ]; then
    exec "$node" --snapshot-blob "$dist/st2-gitops.blob" -- "$@"
  fi
fi
exec "$node" "$dist/st2-gitops.mjs" "$@"

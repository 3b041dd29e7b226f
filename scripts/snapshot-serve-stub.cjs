// Stands in for src/server/main.ts inside the startup snapshot: the server
// (express and its dependencies) stays out of the blob, and the launcher runs
// `serve` from dist/st2-gitops.mjs (see scripts/bundle.mjs).
const unavailable = () => {
  throw new Error('serve is not part of the startup snapshot; run it through dist/st2-gitops (the launcher) or dist/st2-gitops.mjs');
};
module.exports = { parseServeArgs: unavailable, runServe: unavailable, SERVE_USAGE: '' };

/**
 * Entry of the V8 startup snapshot (dist/st2-gitops.blob, built by
 * scripts/bundle.mjs with `node --build-snapshot`). Building it evaluates the
 * whole CLI and warms its hot paths; a process started from the blob skips
 * module loading and begins with that code compiled. The launcher passes the
 * user's arguments after `--`, so they are process.argv from index 1.
 */
import v8 from 'node:v8';
import { runProcess } from './process-main.js';
import { warmUp } from './warm-up.js';

warmUp(process.cwd());
v8.startupSnapshot.setDeserializeMainFunction(() => {
  void runProcess(process.argv.slice(1), 'snapshot');
});

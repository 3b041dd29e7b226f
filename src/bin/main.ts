/**
 * Module entry of the CLI (dist/st2-gitops.mjs): what the
 * launcher runs when no startup snapshot fits this node, and what `serve` runs.
 */
import { runProcess } from './process-main.js';

await runProcess(process.argv.slice(2), 'module');

/**
 * Entry of the policy worker thread (dist/policy-worker.mjs), started by the
 * CLI for large renders: see src/repository/policy-worker.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { servePolicyWorker } from '../repository/index.js';

if (parentPort !== null) await servePolicyWorker(parentPort, workerData);

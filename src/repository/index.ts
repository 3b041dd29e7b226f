/**
 * The one door to the repository (CONVENTIONS §16, issue 14): root
 * discovery, overlay listing, declared environments and policy-bundle
 * loading, every byte read through the confined, size-capped FileReader of
 * src/io. The edges (cli, cmp, check, server) import this module and the
 * pipeline, never each other.
 */
export { findRepoRoot, overlayRelativeTo, rootExists } from './root.js';
export { declaredEnvironment, isRepoRoot, listOverlays, matchesPluginDirectory, type OverlayEntry } from './overlays.js';
export { installedPackageRoot, loadPolicyEngine, policySourceFromEnv, POLICY_SOURCE_ENV, readBundleFrom, type PolicySource } from './policy.js';
export { createFollowingReader, createStat, type FileStamp, type StatPath } from './watch.js';
export { createMemoryFileReader, createNodeFileReader, endLargeInputWatch, keepingTexts, PathEscapeError, FileTooLargeError, normalizeRelPath, type FileReader, type EntryKind } from '../io/file-system.js';
export { replaceRepositoryFile } from './write.js';
export { createPolicyWorkerSlot, servePolicyWorker, startPolicyWorker, type PolicyWorker, type PolicyWorkerRequest, type PolicyWorkerSlot } from './policy-worker.js';

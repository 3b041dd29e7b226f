/** The policy gate's public surface. */
export { readPolicyBundle, type PolicyBundle, type ReadBundleOptions } from './bundle.js';
export { createPolicyEngine, type PolicyEngine } from './engine.js';
export { checkRender, formatFindingLine } from './check-render.js';
export { hasFailure, hasWarning, isBlocking, isLooser, profileOf, strictestProfile, type Finding, type PolicyReport, type Profile } from './types.js';

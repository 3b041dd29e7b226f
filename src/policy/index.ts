/** The policy gate's public surface. */
export { readPolicyBundle, type PolicyBundle, type ReadBundleOptions } from './bundle.js';
export { createPolicyEngine, parseRawFinding, type EngineOptions, type LocalPolicyEngine, type PolicyEngine, type RawFinding, type RuleInfo } from './engine.js';
export { ruleCatalogueJson, ruleCatalogueMarkdown } from './rule-catalogue.js';
export { checkRender, checkRenderStaged, formatFindingLine, type CheckOptions, type StagedPolicyEngine } from './check-render.js';
export { checkRenderParallel, type ParallelEngine, type PolicyHelper } from './check-render-parallel.js';
export { collectStringFactInput } from './string-fact-input.js';
export { hasFailure, hasWarning, isBlocking, isLooser, profileOf, strictestProfile, type Finding, type PolicyReport, type Profile } from './types.js';

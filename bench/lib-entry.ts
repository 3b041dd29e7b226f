// The in-process API surface the benchmarks time, bundled by bench/build-lib.mjs
// into bench/.generated/st2-lib.mjs with the same esbuild settings as the CLI.
export { renderOverlay } from '../src/render/index.js';
export { createNodeFileReader } from '../src/io/file-system.js';
export { loadPolicyEngine, findRepoRoot } from '../src/repository/index.js';
export { checkRender, readPolicyBundle, createPolicyEngine } from '../src/policy/index.js';
export { renderAndCheck, toYamlStream } from '../src/pipeline.js';
export { collectSecretFacts } from '../src/policy/secret-facts.js';
export { parseYamlFile } from '../src/core/yaml-read.js';
export { checkRenderParallel } from '../src/policy/index.js';
export { startPolicyWorker } from '../src/repository/index.js';

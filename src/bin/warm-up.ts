/**
 * Exercises the hot paths once while the V8 startup snapshot is built, so the
 * snapshot carries their compiled bytecode and a real run starts warm. It
 * renders, prints and gates (TypeScript half) every overlay of the repository
 * the snapshot is built in, and throws the results away. WebAssembly does not
 * exist in the snapshot builder, so the wasm evaluation is stood in for by an
 * engine that reports one finding per resource, which drives the same
 * formatting, source-location and waiver code a real finding does.
 */
import { createNodeFileReader, listOverlays } from '../repository/index.js';
import { toJsonList, toYamlStream } from '../pipeline.js';
import { checkRender, formatFindingLine, type PolicyEngine } from '../policy/index.js';
import { renderOverlay } from '../render/index.js';
import { literalsOf, type Literal } from '../policy/literals.js';
import { DEFAULT_SETTINGS } from '../policy/settings.js';
import type { FileReader } from '../io/file-system.js';

/**
 * The shipped bundle's published defaults (its data.json, no wasm needed):
 * the string search then warms on the real needles, and the forms worked out
 * from them (literal-transforms.ts) are in the snapshot. A stand-in when the
 * tree has no bundle.
 */
function bundledLiterals(fs: FileReader): Literal[] {
  try {
    const literals = literalsOf(JSON.parse(fs.read('policies/bundle/data.json')) as unknown);
    if (literals.length > 0) return literals;
  } catch {
    // No bundle here: warm on the stand-in.
  }
  return [{ id: 'warm-up', value: 'warm-up-literal' }];
}

/** Stands in for the wasm engine; never used outside the warm-up. */
function warmUpEngine(resourceCount: () => number, literals: Literal[]): PolicyEngine {
  return {
    opaVersion: 'warm-up',
    sourceSha256: 'warm-up',
    rules: {},
    literals,
    settings: DEFAULT_SETTINGS,
    evaluate: () =>
      Array.from({ length: resourceCount() }, (_, resource) => ({ rule: 'WARM-UP', severity: 'warn' as const, resource, path: ['metadata', 'name'], params: { resource } })),
  };
}

/** Renders and gates each overlay under `root`; returns how many it went through. Errors are ignored: this only warms code. */
export function warmUp(root: string): number {
  const fs = createNodeFileReader(root);
  let count = 0;
  let resources = 0;
  const engine = warmUpEngine(() => resources, bundledLiterals(fs));
  const now = new Date();
  const overlaysOf = (): string[] => {
    try {
      return listOverlays(fs).map((o) => o.path);
    } catch {
      return [];
    }
  };
  for (const overlay of overlaysOf()) {
    try {
      const render = renderOverlay(fs, overlay);
      const manifests = render.resources.map((r) => r.manifest);
      resources = manifests.length;
      toYamlStream(manifests);
      toJsonList(manifests);
      const report = checkRender(engine, fs, render.resources, { environment: render.environment, now });
      report.findings.forEach(formatFindingLine);
      count++;
    } catch {
      // A broken overlay in the build tree must not break the install.
    }
  }
  return count;
}

/**
 * engine.evaluate encodes the input straight into the wasm memory and calls
 * opa_eval itself (engine.ts createDirectEvaluation): it must return what
 * the OPA SDK's own evaluate returns for the same input, also when the input
 * does not fit in the memory as it is (the memory grows) and holds
 * characters of two, three and four UTF-8 bytes.
 */
import * as opaWasmModule from '@open-policy-agent/opa-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeFileReader } from '../../src/io/file-system.js';
import { checkRender, createPolicyEngine, parseRawFinding, readPolicyBundle, type LocalPolicyEngine, type PolicyBundle, type RawFinding } from '../../src/policy/index.js';
import { renderOverlay } from '../../src/render/index.js';
import { dataSegmentPages } from '../../src/policy/wasm-memory.js';
import { repoRoot } from './support.js';

interface SdkPolicy {
  setData(data: unknown): void;
  evaluate(input: unknown, entrypoint: string): Array<{ result: unknown }>;
}
const opaWasm = (opaWasmModule as unknown as { readonly default: { loadPolicySync(wasm: Uint8Array, memory?: { initial?: number }): SdkPolicy } }).default;

/**
 * The findings the SDK's evaluate gives (its own input handling), parsed as the engine parses
 * them; its memory starts as the engine's does, at the pages the policy's static data needs.
 */
function sdkFindings(bundle: PolicyBundle, inputJson: string): RawFinding[] {
  const policy = opaWasm.loadPolicySync(bundle.wasm, { initial: Math.max(5, dataSegmentPages(bundle.wasm)) });
  policy.setData(bundle.data);
  const result = policy.evaluate(new TextEncoder().encode(inputJson).buffer, 'st2/findings')[0]?.result;
  return (Array.isArray(result) ? result : []).map(parseRawFinding);
}

/** The wasm input checkRender builds for an overlay. */
function inputOf(engine: LocalPolicyEngine, overlay: string): string {
  const fs = createNodeFileReader(repoRoot);
  const render = renderOverlay(fs, overlay);
  let input = '';
  const spy = { opaVersion: engine.opaVersion, sourceSha256: engine.sourceSha256, rules: engine.rules, literals: engine.literals, settings: engine.settings, evaluate: (json: string) => ((input = json), engine.evaluate(json)) };
  checkRender(spy, fs, render.resources, { environment: render.environment, now: new Date() });
  return input;
}

/** The input with an annotation of `size` characters of every UTF-8 length on its first resource. */
function grown(inputJson: string, size: number): string {
  const input = JSON.parse(inputJson) as { resources: Array<{ metadata: { annotations?: Record<string, string> } }> };
  const first = input.resources[0];
  if (first === undefined) throw new Error('no resources');
  first.metadata.annotations = { ...first.metadata.annotations, 'example.com/note': 'aé€𝄞'.repeat(size / 5) };
  return JSON.stringify(input);
}

describe('engine.evaluate (input written into the wasm memory, opa_eval)', () => {
  let bundle: PolicyBundle;
  let engine: LocalPolicyEngine;
  beforeAll(async () => {
    bundle = readPolicyBundle(createNodeFileReader(repoRoot));
    engine = await createPolicyEngine(bundle);
  });

  it.each([
    ['overlays/prod as rendered', 0],
    ['overlays/dev as rendered', 0],
    ['overlays/prod with 1 MiB of multi-byte text (the memory grows)', 1 << 20],
    ['overlays/prod with 4 MiB of multi-byte text', 4 << 20],
  ])('GIVEN %s WHEN evaluated THEN the findings are the SDK’s', (what, size) => {
    const base = inputOf(engine, what.includes('dev') ? 'overlays/dev' : 'overlays/prod');
    const json = size === 0 ? base : grown(base, size);
    const found = engine.evaluate(json);
    expect(found).toEqual(sdkFindings(bundle, json));
    // And again on the grown memory, and the plain input after it.
    expect(engine.evaluate(json)).toEqual(found);
    expect(engine.evaluate(base)).toEqual(sdkFindings(bundle, base));
  });
});

/**
 * The compiled Rego policies, loaded once per process with
 * @open-policy-agent/opa-wasm, and one evaluation per render over the whole
 * stream (some rules span resources). Results are validated before use.
 */
import * as opaWasmModule from '@open-policy-agent/opa-wasm';
import { PolicyLoadError } from '../core/errors.js';
import { isJsonObject } from '../core/manifest.js';
import type { PolicyBundle } from './bundle.js';
import { settingsOf, type PolicySettings } from './settings.js';
import { literalsOf, type Literal } from './literals.js';
import type { Severity } from './types.js';
import { dataSegmentPages } from './wasm-memory.js';

/** The memory @open-policy-agent/opa-wasm starts a policy with when not told (64 KiB pages). */
const SDK_DEFAULT_PAGES = 5;

/** One finding as Rego returns it: structured, formatted later in TypeScript. */
export interface RawFinding {
  readonly rule: string;
  readonly severity: Severity;
  readonly resource: number;
  readonly path: ReadonlyArray<string | number>;
  readonly params: Readonly<Record<string, unknown>>;
}

export interface RuleInfo {
  readonly title: string;
  readonly remediation: string;
  readonly default_severity: Severity;
  readonly profiles: string;
  /** false: a waiver cannot cover this rule in production (published secrets and keys). */
  readonly waivable_in_production?: boolean;
  /** false: nor in staging (the singletons: a timer or trigger handled twice runs its actions twice). */
  readonly waivable_in_staging?: boolean;
  /** false: nor in dev (harm that leaves the environment: a published login on the internet, a node taken). */
  readonly waivable_in_dev?: boolean;
}

export interface PolicyEngine {
  readonly opaVersion: string;
  readonly sourceSha256: string;
  readonly rules: Readonly<Record<string, RuleInfo>>;
  /** The bundle's published default literals (data.chart_defaults.literals), searched in TypeScript. */
  readonly literals: readonly Literal[];
  /** The bundle's policy data (data.st2.settings): waiver limits, namespace environments. */
  readonly settings: PolicySettings;
  /** Evaluates `st2/findings` on pre-serialised JSON input. */
  evaluate(inputJson: string): RawFinding[];
}

/** The engine createPolicyEngine makes: the wasm in this thread, which can also evaluate in two steps. */
export interface LocalPolicyEngine extends PolicyEngine {
  /**
   * Evaluation in two steps, for a caller that can do other work between
   * them (the policy worker, src/bin/policy-worker.ts): `stageResources`
   * parses the render's resources (a JSON array, the bulk of the input) into
   * the wasm heap; `evaluateStaged` parses the rest of the input object
   * (profile, environment, namespace, facts), sets the staged resources as
   * its `resources` and evaluates. The same input as `evaluate` with both
   * parts in one object, so the same findings.
   *
   * `stageHead(headJson)` (the rest of the input with only the facts that
   * come before the string search: pod_units, the st2 config chains)
   * evaluates st2/findings on it at once: every rule but those reading the
   * string facts (main.rego's st2/fact_findings) judges the whole render
   * then, while the caller searches the strings, and those early findings
   * are returned. `evaluateStaged` then evaluates only st2/fact_findings on
   * the whole input and returns the union: the same findings, the early ones
   * among them. A bundle without st2/fact_findings evaluates all at the end
   * (stageHead then returns none). `stageResources(json, head)` is the two
   * first steps in one.
   */
  stageResources(resourcesJson: string, headJson?: string): void;
  stageHead(headJson: string): RawFinding[];
  evaluateStaged(restJson: string): RawFinding[];
  /**
   * Writes zeros over the next `bytes` of the wasm memory above the data
   * (already zero), so the kernel maps those pages now rather than one fault
   * at a time during the first evaluation (about 50 ms of the 25-copy tree's
   * 63 MiB). For a thread with time to spare before its evaluation: the
   * policy worker, a piece at a time during the render. Returns whether
   * pages remain untouched.
   */
  touchMemory(bytes: number): boolean;
  /** Evaluates one part of st2/findings (main.rego's two parts) on pre-serialised JSON input. */
  evaluatePart(inputJson: string, part: FindingsPart): RawFinding[];
  /** The same on the resources staged by `stageResources` and the rest of the input (the worker's side of check-render-parallel.ts). */
  evaluateStagedPart(restJson: string, part: FindingsPart): RawFinding[];
}

/**
 * st2/findings in two parts of about equal cost (main.rego): the operations
 * rules, which read no string fact, and the rest. Their union is st2/findings.
 */
export type FindingsPart = 'st2/operations_findings' | 'st2/other_findings';

/** The SDK's default export carries loadPolicySync; its published typings omit it from the ESM entry. */
const opaWasm = (opaWasmModule as unknown as { readonly default: { loadPolicySync(wasm: Uint8Array, memory?: { initial?: number }): unknown } }).default;

interface LoadedPolicyShape {
  evaluate(input: unknown, entrypoint?: string | number): unknown;
  setData(data: unknown): void;
}

interface PolicyInternals {
  readonly mem: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  /** The module's ABI minor version: 2 and up have opa_eval, the one-call evaluation. */
  readonly minorVersion?: unknown;
  readonly wasmInstance: { readonly exports: Record<string, unknown> };
  /** Set by the SDK's setData: the data value's address and the heap pointer after it. */
  readonly dataAddr?: unknown;
  readonly dataHeapPtr?: unknown;
  /** Entrypoint name → id. */
  readonly entrypoints?: unknown;
}

/**
 * Builtins the host must provide (the module's `builtins()` export). Our
 * bundle is built to need none: every builtin it uses is compiled in. The CLI
 * bundle leaves out the SDK's yaml.* implementation, so a policy that needs a
 * host builtin is refused at load instead of failing halfway through a gate.
 */
function hostBuiltinsOf(policy: PolicyInternals): string[] {
  const { builtins, opa_json_dump: dump } = policy.wasmInstance.exports;
  if (typeof builtins !== 'function' || typeof dump !== 'function') return [];
  const address = (dump as (addr: number) => number)((builtins as () => number)());
  const bytes = new Uint8Array(policy.mem.buffer, address);
  const text = new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(0)));
  const parsed: unknown = JSON.parse(text);
  return isJsonObject(parsed) ? Object.keys(parsed) : [];
}

export interface EngineOptions {
  /**
   * Initial wasm memory in 64 KiB pages. OPA's allocator grows the memory a
   * page at a time as it runs out; a memory sized for the input up front
   * spares those steps (the 25-copy tree's evaluation uses about 600 pages).
   * @default 5 (the SDK's)
   */
  readonly initialMemoryPages?: number | undefined;
}

export async function createPolicyEngine(bundle: PolicyBundle, options: EngineOptions = {}): Promise<LocalPolicyEngine> {
  let policy: LoadedPolicyShape;
  try {
    // loadPolicySync, unlike loadPolicy, never touches the global `Response`,
    // whose first use loads Node's whole fetch stack (~30 ms per process).
    // At least the pages the policy's static data fills (the SDK's default 5 no longer hold it).
    const initial = Math.max(options.initialMemoryPages ?? SDK_DEFAULT_PAGES, dataSegmentPages(bundle.wasm));
    policy = opaWasm.loadPolicySync(bundle.wasm, initial === SDK_DEFAULT_PAGES && options.initialMemoryPages === undefined ? {} : { initial }) as LoadedPolicyShape;
    policy.setData(bundle.data);
  } catch (error) {
    throw new PolicyLoadError('bundle-invalid', `policy.wasm could not be loaded (${describe(error)}); run npm run build:policies`, { cause: error });
  }
  const needed = hostBuiltinsOf(policy as unknown as PolicyInternals);
  if (needed.length > 0) {
    throw new PolicyLoadError(
      'bundle-builtins',
      `policy.wasm needs builtins the host does not provide (${needed.join(', ')}); rewrite those rules with builtins OPA compiles into wasm`,
    );
  }
  // Titles and remediations are needed only to describe findings: a clean render never reads them.
  let rules: Record<string, RuleInfo> | undefined;
  const encoder = new TextEncoder();
  const staged = createStagedEvaluation(policy as unknown as PolicyInternals);
  const direct = createDirectEvaluation(policy as unknown as PolicyInternals);
  const sdkEvaluate = (inputJson: string, entrypoint: string): unknown => {
    const bytes = encoder.encode(inputJson);
    // The encoder's output owns its buffer whole (no copy needed); the SDK takes an ArrayBuffer.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    return policy.evaluate(whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), entrypoint);
  };
  /** Where touchMemory goes on. */
  let touched = 0;
  return {
    opaVersion: bundle.manifest.opaVersion,
    sourceSha256: bundle.manifest.sourceSha256,
    literals: literalsOf(bundle.data),
    settings: settingsOf(bundle.data),
    get rules() {
      rules ??= parseRules(single(policy.evaluate({}, 'st2/rules')));
      return rules;
    },
    evaluate(inputJson) {
      return rawFindingsOf(single(direct?.(inputJson, 'st2/findings') ?? sdkEvaluate(inputJson, 'st2/findings')), 'st2/findings');
    },
    evaluatePart(inputJson, part) {
      return rawFindingsOf(single(direct?.(inputJson, part) ?? sdkEvaluate(inputJson, part)), part);
    },
    evaluateStagedPart(restJson, part) {
      return rawFindingsOf(staged.part(restJson, part), part);
    },
    stageResources(resourcesJson, headJson) {
      staged.stage(resourcesJson);
      if (headJson !== undefined) staged.head(headJson);
    },
    stageHead(headJson) {
      return staged.head(headJson).map(parseRawFinding);
    },
    touchMemory(bytes) {
      const internals = policy as unknown as PolicyInternals;
      if (typeof internals.dataHeapPtr !== 'number') return false;
      const memory = new Uint8Array(internals.mem.buffer);
      touched = Math.max(touched, internals.dataHeapPtr);
      const end = Math.min(touched + bytes, memory.length);
      memory.fill(0, touched, end);
      touched = end;
      return end < memory.length;
    },
    evaluateStaged(restJson) {
      return rawFindingsOf(staged.finish(restJson), 'st2/findings');
    },
  };
}

type WasmFunction = (...args: number[]) => number;

/**
 * The SDK's one-call evaluation (ABI 1.2's opa_eval: input written above the
 * data, parsed and evaluated in one call), with the input's UTF-8 encoded
 * straight into the wasm memory instead of into a buffer of its own that the
 * SDK then copies there. Undefined (the SDK's evaluate is used) when the
 * module or the SDK lacks what it needs.
 */
function createDirectEvaluation(policy: PolicyInternals): ((json: string, entrypoint: string) => unknown) | undefined {
  const opaEval = policy.wasmInstance.exports['opa_eval'];
  const entrypoints = policy.entrypoints;
  if (typeof opaEval !== 'function' || typeof policy.minorVersion !== 'number' || policy.minorVersion < 2 || !isJsonObject(entrypoints)) return undefined;
  const run = opaEval as WasmFunction;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return (json, entrypoint) => {
    const id = entrypoints[entrypoint];
    const { dataAddr: data, dataHeapPtr: start } = policy;
    if (typeof id !== 'number' || typeof data !== 'number' || typeof start !== 'number') return undefined;
    let { read, written } = encoder.encodeInto(json, new Uint8Array(policy.mem.buffer, start));
    if (read < json.length) {
      // Not enough memory above the data: grow it for the rest (UTF-8 takes at most 3 bytes a UTF-16 unit), then write it all again.
      policy.mem.grow(Math.ceil((json.length - read) * 3 / 65536));
      ({ read, written } = encoder.encodeInto(json, new Uint8Array(policy.mem.buffer, start)));
      if (read < json.length) throw new PolicyLoadError('policy-result', 'the policy input does not fit in the wasm memory');
    }
    const result = run(0, id, data, start, written, start + written, 0);
    // The evaluation may have grown the memory: view it afresh.
    const memory = new Uint8Array(policy.mem.buffer);
    const end = memory.indexOf(0, result);
    return JSON.parse(decoder.decode(memory.subarray(result, end < 0 ? memory.length : end))) as unknown;
  };
}

/**
 * The two-step evaluation on the module's own exports (OPA's wasm ABI 1.x:
 * opa_json_parse, opa_value_add_path, the eval context calls), the way the
 * SDK's non-fast path evaluates, with the input built from two parsed parts.
 * The SDK's internals it needs (data address, heap pointer after the data,
 * entrypoint ids) are checked, so an SDK that moved them fails at the first
 * staged evaluation, never silently.
 */
function createStagedEvaluation(policy: PolicyInternals): { stage(json: string): void; head(json: string): readonly unknown[]; finish(json: string): unknown; part(json: string, entrypoint: FindingsPart): unknown } {
  const fail = (detail: string): never => {
    throw new PolicyLoadError('policy-staged', `staged policy evaluation: ${detail}`);
  };
  const exported = (name: string): WasmFunction => {
    const f = policy.wasmInstance.exports[name];
    return typeof f === 'function' ? (f as WasmFunction) : fail(`policy.wasm does not export ${name}`);
  };
  const number = (value: unknown, what: string): number => (typeof value === 'number' ? value : fail(`the OPA SDK has no ${what}`));
  const load = (json: string): number => {
    const bytes = encoder.encode(json);
    const address = exported('opa_malloc')(bytes.byteLength);
    // Read the buffer after opa_malloc: growing the memory replaces it.
    new Uint8Array(policy.mem.buffer).set(bytes, address);
    const value = exported('opa_json_parse')(address, bytes.byteLength);
    return value === 0 ? fail('the input is not valid JSON') : value;
  };
  const entrypoints = isJsonObject(policy.entrypoints) ? policy.entrypoints : {};
  /** One evaluation of `entrypoint` on the input `json` with the staged resources (the heap keeps growing: no reset in between). */
  const evaluateWith = (json: string, staged: number, entrypoint: string): unknown => {
    const input = load(json);
    if (exported('opa_value_add_path')(input, load('["resources"]'), staged) !== 0) fail('the input is not an object');
    const ctx = exported('opa_eval_ctx_new')();
    exported('opa_eval_ctx_set_input')(ctx, input);
    exported('opa_eval_ctx_set_data')(ctx, number(policy.dataAddr, 'data address'));
    exported('opa_eval_ctx_set_entrypoint')(ctx, number(entrypoints[entrypoint], `${entrypoint} entrypoint`));
    if (exported('eval')(ctx) !== 0) fail('evaluation failed');
    const text = exported('opa_json_dump')(exported('opa_eval_ctx_get_result')(ctx));
    const bytes = new Uint8Array(policy.mem.buffer, text);
    return single(JSON.parse(new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(0)))));
  };
  const findingsOf = (value: unknown, entrypoint: string): unknown[] => (Array.isArray(value) ? value : fail(`${entrypoint} did not return a set of findings`));
  let resources: number | undefined;
  /** st2/findings on the input without the string facts, when the head came with the resources. */
  let early: unknown[] | undefined;
  const encoder = new TextEncoder();
  return {
    stage(json) {
      exported('opa_heap_ptr_set')(number(policy.dataHeapPtr, 'data heap pointer'));
      early = undefined;
      resources = load(json);
    },
    head(json) {
      const staged = resources ?? fail('no resources were staged');
      if (typeof entrypoints['st2/fact_findings'] !== 'number') return [];
      early = findingsOf(evaluateWith(json, staged, 'st2/findings'), 'st2/findings');
      return early;
    },
    finish(json) {
      const staged = resources ?? fail('no resources were staged');
      const before = early;
      resources = undefined;
      early = undefined;
      if (before === undefined) return evaluateWith(json, staged, 'st2/findings');
      return unionOfFindings(before, findingsOf(evaluateWith(json, staged, 'st2/fact_findings'), 'st2/fact_findings'));
    },
    part(json, entrypoint) {
      const staged = resources ?? fail('no resources were staged');
      resources = undefined;
      early = undefined;
      return evaluateWith(json, staged, entrypoint);
    },
  };
}

/** A set of findings as st2/findings (or a part of it) returns it, validated. */
function rawFindingsOf(result: unknown, entrypoint: string): RawFinding[] {
  if (!Array.isArray(result)) throw new PolicyLoadError('policy-result', `${entrypoint} did not return a set of findings`);
  return result.map(parseRawFinding);
}

/** Two sets of findings as one: a finding both evaluations made (st2.secrets' own rules) once. */
export function unionOfFindings<T>(a: readonly T[], b: readonly T[]): T[] {
  const seen = new Set(a.map(canonicalJson));
  return [...a, ...b.filter((f) => !seen.has(canonicalJson(f)))];
}

/** JSON with object keys sorted: the same text for equal values, whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isJsonObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** opa-wasm returns `[{result}]`, or `[]` when the rule is undefined. */
function single(resultSet: unknown): unknown {
  if (!Array.isArray(resultSet) || resultSet.length === 0) return undefined;
  const first: unknown = resultSet[0];
  return isJsonObject(first) ? first['result'] : undefined;
}

function parseRules(value: unknown): Record<string, RuleInfo> {
  if (!isJsonObject(value)) throw new PolicyLoadError('policy-result', 'st2/rules did not return an object of rules');
  const out: Record<string, RuleInfo> = {};
  for (const [id, info] of Object.entries(value)) {
    if (!isJsonObject(info)) continue;
    const text = (key: string, fallback: string): string => (typeof info[key] === 'string' ? info[key] : fallback);
    out[id] = {
      title: text('title', id),
      remediation: text('remediation', ''),
      default_severity: info['default_severity'] === 'warn' ? 'warn' : 'deny',
      profiles: text('profiles', ''),
      waivable_in_production: info['waivable_in_production'] !== false,
      waivable_in_staging: info['waivable_in_staging'] !== false,
      waivable_in_dev: info['waivable_in_dev'] !== false,
    };
  }
  return out;
}

/** One finding of st2/findings, validated (also what the policy worker's answers go through). */
export function parseRawFinding(value: unknown): RawFinding {
  if (!isJsonObject(value) || typeof value['rule'] !== 'string') {
    throw new PolicyLoadError('policy-result', 'st2/findings returned a finding without a rule id');
  }
  const path = Array.isArray(value['path'])
    ? value['path'].filter((p): p is string | number => typeof p === 'string' || typeof p === 'number')
    : [];
  return {
    rule: value['rule'],
    // Anything but an explicit warn blocks: fail closed.
    severity: value['severity'] === 'warn' ? 'warn' : 'deny',
    resource: typeof value['resource'] === 'number' ? value['resource'] : -1,
    path,
    params: isJsonObject(value['params']) ? value['params'] : {},
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (isJsonObject(error) && typeof error['message'] === 'string') return error['message'];
  return String(error);
}

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
import { literalsOf, type Literal } from './string-facts.js';
import type { Severity } from './types.js';

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

/** The SDK's default export carries loadPolicySync; its published typings omit it from the ESM entry. */
const opaWasm = (opaWasmModule as unknown as { readonly default: { loadPolicySync(wasm: Uint8Array): unknown } }).default;

interface LoadedPolicyShape {
  evaluate(input: unknown, entrypoint?: string | number): unknown;
  setData(data: unknown): void;
}

interface PolicyInternals {
  readonly mem: { readonly buffer: ArrayBuffer };
  readonly wasmInstance: { readonly exports: Record<string, unknown> };
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

export async function createPolicyEngine(bundle: PolicyBundle): Promise<PolicyEngine> {
  let policy: LoadedPolicyShape;
  try {
    // loadPolicySync, unlike loadPolicy, never touches the global `Response`,
    // whose first use loads Node's whole fetch stack (~30 ms per process).
    policy = opaWasm.loadPolicySync(bundle.wasm) as LoadedPolicyShape;
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
      const bytes = encoder.encode(inputJson);
      // The encoder's output owns its buffer whole (no copy needed); the SDK takes an ArrayBuffer.
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      const input = whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      const result = single(policy.evaluate(input, 'st2/findings'));
      if (!Array.isArray(result)) throw new PolicyLoadError('policy-result', 'st2/findings did not return a set of findings');
      return result.map(parseFinding);
    },
  };
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
    };
  }
  return out;
}

function parseFinding(value: unknown): RawFinding {
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

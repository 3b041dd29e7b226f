/**
 * Credentials the repository itself holds (the ninth red team's
 * plaintext-credential-in-git and weak-or-published-password classes):
 *
 * - ST2-SEC-013, a literal where the store's value belongs: an
 *   ExternalSecret's (or ClusterExternalSecret's) template writing a
 *   credential as text instead of a `{{ .placeholder }}` (a template data key
 *   named like one, or a credential option of an st2 config file the
 *   template writes: `[database] password`, the password of `[messaging] url`,
 *   LDAP's `bind_password`); and a credential in a format only a provider
 *   issues (an AWS access key id, a GitHub, GitLab, Slack or Google API token,
 *   an st2 API key: st2-api-keys.ts) in a ConfigMap, an ExternalSecret
 *   template, a container's env literal or any object's annotations and
 *   labels, where anyone with `view` reads it. A Secret holding a fresh value is not
 *   judged here (in production, store-credentials.ts judges the ones pods
 *   read); placeholders (`{{ .x }}`, `${VAR}`, `$(VAR)`), st2's
 *   datastore references (`{{ st2kv.system.x | decrypt_kv }}`) and empty
 *   values are no credentials.
 * - ST2-SEC-014, a weak or published password in any credential position
 *   (those above, a Secret's credential keys, an env variable named like a
 *   password, an st2 config's credential options): a short list of the most
 *   guessed passwords and StackStorm's published test login, compared as
 *   the consumers compare them after trimming, ignoring case.
 *
 * Only resource indexes, paths, key names and kinds leave this module.
 */
import { isJsonObject, kindOf, type Manifest } from '../core/manifest.js';
import { forEachConfigText, forEachContainer, type ContainerField } from './container-walk.js';
import { parseOsloIni } from './oslo-ini.js';
import { isCredentialName } from './credential-values.js';
import { hasSt2ApiKey } from './st2-api-keys.js';
import { esoGenericTargets, externalSecretSpecs, type EsoTargetFact } from './eso-targets.js';

type Path = Array<string | number>;

export interface CredentialFact {
  readonly resource: number;
  readonly path: Path;
  /** The key or option named (never the value). */
  readonly key: string;
  /** template-literal, provider-token (with the provider), weak-password. */
  readonly kind: string;
}

export interface CredentialFacts {
  readonly committed_credentials: CredentialFact[];
  readonly weak_credentials: CredentialFact[];
  /** ExternalSecrets writing credentials into a non-Secret object (eso-targets.ts, ST2-SEC-035). */
  readonly eso_generic_targets: EsoTargetFact[];
}

/** Key and option names that hold a credential. */
const CREDENTIAL_NAME = /pass(?:word|wd)?$|^pwd$|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credential/i;

/**
 * The most guessed passwords (every public top-20 list) and StackStorm's
 * published test account; compared lower-cased after trimming.
 */
const WEAK = new Set([
  'password', 'password1', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword', '123456', '12345678', '123456789', '1234567890',
  'qwerty', 'qwerty123', 'abc123', 'letmein', 'welcome', 'welcome1', 'admin', 'admin123', 'root', 'toor', 'secret',
  'changeme', 'default', 'iloveyou', 'monkey', 'dragon', 'test', 'test123', 'guest', 'stackstorm', 'st2admin', 'testp',
]);

/** Provider-issued credential formats (the prefix says who issued it). */
const PROVIDER_TOKENS: ReadonlyArray<readonly [string, RegExp]> = [
  ['aws-access-key', /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b/],
  ['github-token', /\bgh[pousr]_[A-Za-z0-9]{36,}\b/],
  ['gitlab-token', /\bglpat-[A-Za-z0-9_-]{20,}\b/],
  ['slack-token', /\bxox[baprs]-\d{6,}-[0-9A-Za-z-]{10,}/],
  ['google-api-key', /\bAIza[0-9A-Za-z_-]{35}\b/],
];

/** The shortest provider token (an AWS access key id). */
const MIN_TOKEN = 20;

/** A value written by a template or the shell at run time, or a datastore reference: no literal. */
const isReference = (v: string): boolean => v.includes('{{') || /\$\{?[A-Za-z_]|\$\(/.test(v);

/** The words of WEAK without their digits, leet spellings folded: what a suffix is added to. */
const WEAK_BASES = new Set([...WEAK].map((w) => foldLeet(w.replace(/[0-9!@#$%^&*?._+=~-]+$/, ''))).filter((w) => w.length >= 4));

/** Look-alike characters read as the letters they stand for (p@ssw0rd, adm1n, $ecret). */
function foldLeet(word: string): string {
  return word.replace(/[@4013$5]/g, (c) => ({ '@': 'a', '4': 'a', '0': 'o', '1': 'i', '3': 'e', $: 's', '5': 's' })[c] ?? c);
}

/**
 * One of the most guessed passwords, as written or with a short suffix of
 * digits and symbols (`Password123!`, `Welcome2026`, `admin!`) and look-alike
 * characters (`P@ssw0rd`): the first guesses of every password sprayer.
 */
export function isWeak(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (WEAK.has(v)) return true;
  const m = /^(.*?)[0-9!@#$%^&*?._+=~-]{0,8}$/.exec(v);
  const base = m?.[1] ?? v;
  return base.length >= 4 && WEAK_BASES.has(foldLeet(base));
}

/** The password of a URL's user-info (percent-decoded), or undefined. */
function urlPassword(value: string): string | undefined {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#@]*)@/.exec(value.trim());
  const info = m?.[1];
  if (info === undefined || !info.includes(':')) return undefined;
  const raw = info.slice(info.indexOf(':') + 1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Credential values of an st2 config text: [section] option, value (URL passwords and LDAP's bind_password included). */
function configCredentials(text: string): Array<{ key: string; value: string }> {
  // Only texts with an INI section header are config files (a cheap test before parsing).
  if (!text.includes('[') || !/^[ \t]*\[[A-Za-z_][A-Za-z0-9_.-]*\][ \t]*$/m.test(text)) return [];
  const out: Array<{ key: string; value: string }> = [];
  for (const [option, value] of parseOsloIni(text).values) {
    const [section, name] = [option.slice(0, option.indexOf('.')), option.slice(option.indexOf('.') + 1)];
    // The option's last word names a credential ([database] password, [auth] api_key); not [auth] token_ttl.
    if (isCredentialName(name)) out.push({ key: `[${section}] ${name}`, value });
    const pw = urlPassword(value);
    if (pw !== undefined) out.push({ key: `[${section}] ${name} password`, value: pw });
    if (name === 'backend_kwargs' && value.includes('bind_password')) {
      try {
        const kwargs: unknown = JSON.parse(value);
        if (isJsonObject(kwargs) && typeof kwargs['bind_password'] === 'string') out.push({ key: `[${section}] backend_kwargs bind_password`, value: kwargs['bind_password'] });
      } catch {
        // Not JSON: ST2-HRD-012 judges the arguments.
      }
    }
  }
  return out;
}

function providerToken(text: string): string | undefined {
  for (const [name, re] of PROVIDER_TOKENS) if (re.test(text)) return name;
  return hasSt2ApiKey(text) ? 'st2-api-key' : undefined;
}

/**
 * The annotations and labels of every object and of every pod template: committed with the
 * object and readable by whoever may get it (a Deployment's by `view`), as a ConfigMap's data is.
 */
function forEachMetadataText(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>, visit: (index: number, at: Path, field: string, key: string, text: string) => void): void {
  const read = (index: number, metadata: unknown, at: Path): void => {
    if (!isJsonObject(metadata)) return;
    for (const field of ['annotations', 'labels'] as const) {
      const map = metadata[field];
      if (!isJsonObject(map)) continue;
      for (const key in map) {
        const text = map[key];
        // Shorter than every provider's token (an AWS key id is 20 characters): most labels.
        if (typeof text === 'string' && text.length >= MIN_TOKEN) visit(index, at, field, key, text);
      }
    }
  };
  resources.forEach((r, index) => {
    read(index, r['metadata'], ['metadata']);
    for (const specPath of specPaths.get(index) ?? []) {
      // A pod template's metadata sits beside its spec (spec.template.metadata).
      if (specPath.length < 2 || specPath[specPath.length - 1] !== 'spec') continue;
      const at = [...specPath.slice(0, -1), 'metadata'];
      let v: unknown = r;
      for (const k of at) v = Array.isArray(v) ? v[k as number] : isJsonObject(v) ? v[k as string] : undefined;
      read(index, v, at);
    }
  });
}

const ENV_FIELDS: readonly ContainerField[] = ['containers', 'initContainers'];

export function collectCredentialFacts(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>): CredentialFacts {
  const committed: CredentialFact[] = [];
  const weak: CredentialFact[] = [];
  const judgeValue = (resource: number, path: Path, key: string, value: string, literalIsCommitted: boolean): void => {
    if (isReference(value) || value.trim() === '') return;
    if (isWeak(value)) weak.push({ resource, path, key, kind: 'weak-password' });
    if (literalIsCommitted) committed.push({ resource, path, key, kind: 'template-literal' });
  };
  // ConfigMaps and Secrets: st2 config credentials (weak ones), credential keys of Secrets (weak ones), provider tokens in ConfigMaps.
  forEachConfigText(resources, ({ index, manifest, path, text }) => {
    const key = String(path[1] ?? '');
    const secret = kindOf(manifest) === 'Secret';
    for (const c of configCredentials(text)) judgeValue(index, path, `${key} ${c.key}`, c.value, false);
    if (secret && CREDENTIAL_NAME.test(key)) judgeValue(index, path, key, text, false);
    if (!secret) {
      const provider = providerToken(text);
      if (provider !== undefined) committed.push({ resource: index, path, key, kind: `provider-token (${provider})` });
    }
  });
  // ExternalSecret templates: every literal credential is committed.
  for (const { index, base, spec } of externalSecretSpecs(resources)) {
    const target = spec['target'];
    const template = isJsonObject(target) ? target['template'] : undefined;
    const data = isJsonObject(template) ? template['data'] : undefined;
    if (!isJsonObject(data)) continue;
    for (const [key, value] of Object.entries(data)) {
      if (typeof value !== 'string') continue;
      const path: Path = [...base, 'target', 'template', 'data', key];
      if (CREDENTIAL_NAME.test(key)) judgeValue(index, path, key, value, true);
      for (const c of configCredentials(value)) judgeValue(index, path, `${key} ${c.key}`, c.value, true);
      const provider = providerToken(value);
      if (provider !== undefined) committed.push({ resource: index, path, key, kind: `provider-token (${provider})` });
    }
  }
  // Env literals: weak passwords under credential names, provider tokens under any.
  forEachContainer(resources, specPaths, ENV_FIELDS, ({ index, container, path }) => {
    const env = container['env'];
    if (!Array.isArray(env)) return;
    env.forEach((e: unknown, k) => {
      if (!isJsonObject(e) || typeof e['name'] !== 'string' || typeof e['value'] !== 'string') return;
      const at: Path = [...path, 'env', k, 'value'];
      if (CREDENTIAL_NAME.test(e['name'])) judgeValue(index, at, e['name'], e['value'], false);
      const provider = providerToken(e['value']);
      if (provider !== undefined) committed.push({ resource: index, path: at, key: e['name'], kind: `provider-token (${provider})` });
    });
  });
  // Annotations and labels: provider tokens (an st2 API key as `st2-api-key: ...`).
  forEachMetadataText(resources, specPaths, (index, at, field, key, text) => {
    const provider = providerToken(text);
    if (provider !== undefined) committed.push({ resource: index, path: [...at, field, key], key, kind: `provider-token (${provider})` });
  });
  return { committed_credentials: committed, weak_credentials: weak, eso_generic_targets: esoGenericTargets(resources) };
}


/**
 * Judging every string of every object: each map key and string value of
 * every resource, in every decoded form (decode-layers.ts), is matched
 * against the chart's published literals of the policy bundle, and key
 * material found anywhere is fingerprinted. Only ids, paths and encodings
 * leave this module, never a value or a decoded fragment.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { isJsonObject, kindOf, type Manifest } from '../core/manifest.js';
import { decodedForms, decodeSearch, type Encoding } from './decode-layers.js';
import type { ShortReason } from './search-budget.js';
import { cryptHits } from './crypt-hashes.js';
import { hashHits } from './hash-verifiers.js';
import { envClue, guestClues, type GuestClue } from './rabbitmq-guest.js';
import { describeValue, holdsKeyMaterial, sshPublicLineOfJwk, type SecretValueFact } from './secret-facts.js';
import { maySwitchOff, switchedOff, type GuardedSection } from './st2-config.js';
import { envRefValues, envSources, expandShellVars, expandVars } from './container-env.js';
import { LiteralMatcher, type Literal } from './literals.js';
import { evaluateTemplate, hasTemplateAction, type TemplateResult } from './go-template.js';

export interface LiteralHit {
  readonly resource: number;
  /** Path of the value, or for a key, of the map holding it. */
  readonly path: ReadonlyArray<string | number>;
  readonly literal: string;
  readonly in: 'value' | 'key';
  readonly encoding: Encoding;
  /** The name a finding shows: the map key or env name, never a value. */
  readonly key: string;
}

/** Where a text, read as st2 reads its config files, switches [auth] or [rbac] off. */
export interface ConfigOffFact {
  readonly resource: number;
  readonly path: ReadonlyArray<string | number>;
  readonly key: string;
  readonly section: GuardedSection;
  readonly encoding: Encoding;
}

/** A RabbitMQ guest-account clue (rabbitmq-guest.ts) and where it was found. */
export interface GuestFact {
  readonly resource: number;
  readonly path: ReadonlyArray<string | number>;
  readonly key: string;
  readonly clue: GuestClue;
}

/** A value whose search a budget cut short (search-budget.ts): named by where it is, never shown. */
export interface SearchShortFact {
  readonly resource: number;
  readonly path: ReadonlyArray<string | number>;
  readonly key: string;
  readonly in: 'value' | 'key';
  readonly reason: ShortReason;
}

/** An ExternalSecret template computing on literals what the gate cannot evaluate (go-template.ts): ST2-SEC-012. */
export interface TemplateUnevaluableFact {
  readonly resource: number;
  readonly path: ReadonlyArray<string | number>;
  readonly key: string;
  readonly why: string;
}

export interface StringFacts {
  readonly literal_hits: LiteralHit[];
  readonly search_short: SearchShortFact[];
  /** Key material outside Secret data (ConfigMaps, env, annotations, custom resources, escaped PEMs). */
  readonly key_material: SecretValueFact[];
  readonly st2_config_off: ConfigOffFact[];
  readonly rabbitmq_guest: GuestFact[];
  readonly template_unevaluable: TemplateUnevaluableFact[];
}

/** Characters kept from each end of a list item when items are read joined: twice the longest default, base64-encoded. */
const SEAM = 128;

interface Judged {
  readonly hits: Array<{ id: string; encoding: Encoding }>;
  readonly off: Array<{ section: GuardedSection; encoding: Encoding }>;
  readonly guest: GuestClue[];
  readonly short?: ShortReason;
}

export function collectStringFacts(resources: readonly Manifest[], literals: readonly Literal[], now: Date): StringFacts {
  const hits: LiteralHit[] = [];
  const material: SecretValueFact[] = [];
  const matcher = new LiteralMatcher(literals);
  const plainLiterals = literals.filter((l) => l.compact !== true);
  // Renders repeat strings; decoding and matching each distinct one once.
  const memo = new Map<string, Judged>();
  const keyForms = new Map<string, string[]>();
  // The shortest text worth decoding: a literal, or an st2 config switching a section off ("[auth]\nenable=0").
  const shortest = Math.min(16, literals.reduce((n, l) => Math.min(n, l.value.length), Infinity));
  const none: Judged = { hits: [], off: [], guest: [] };
  const off: ConfigOffFact[] = [];
  const guests: GuestFact[] = [];
  const shortFacts: SearchShortFact[] = [];
  const unevaluable: TemplateUnevaluableFact[] = [];
  const templates = new Map<string, TemplateResult>();
  // The values env can take from the render's ConfigMaps and Secrets, by kind/name (built on first use).
  let refs: Map<string, Map<string, string>> | undefined;
  const refData = (): Map<string, Map<string, string>> => (refs ??= envSources(resources));
  const judge = (text: string): Judged => {
    // No decoding makes a text longer, so one shorter than every literal holds none (most keys and values).
    if (text.length < shortest) return none;
    let found = memo.get(text);
    if (found === undefined) {
      const hits: Array<{ id: string; encoding: Encoding }> = [];
      const off: Array<{ section: GuardedSection; encoding: Encoding }> = [];
      const guest = new Set<GuestClue>();
      // One hit per literal (and per switched-off section): the first (least decoded) form that shows it.
      const seen = new Set<string>();
      const { forms, short } = decodeSearch(text);
      for (const form of forms) {
        if (literals.length > 0) {
          for (const id of matcher.match(form.text, form.whole)) {
            if (seen.has(id)) continue;
            seen.add(id);
            hits.push({ id, encoding: form.encoding });
          }
          // Spellings the literal's own consumer folds back to it (blanks in a keyfile, SASLprep).
          for (const { id, how } of matcher.matchNormalised(form.text, form.whole)) {
            if (seen.has(id)) continue;
            seen.add(id);
            hits.push({ id, encoding: form.encoding === 'plain' ? how : form.encoding });
          }
          for (const found of [hashHits(form.text, plainLiterals), cryptHits(form.text, plainLiterals)]) {
            for (const hit of found) {
              if (seen.has(hit.id)) continue;
              seen.add(hit.id);
              hits.push(hit);
            }
          }
        }
        if (!form.whole && maySwitchOff(form.text)) {
          for (const section of switchedOff(form.text)) {
            if (seen.has(`[${section}]`)) continue;
            seen.add(`[${section}]`);
            off.push({ section, encoding: form.encoding });
          }
        }
        if (!form.whole) for (const clue of guestClues(form.text)) guest.add(clue);
      }
      found = hits.length + off.length + guest.size === 0 && short === undefined ? none : { hits, off, guest: [...guest], ...(short === undefined ? {} : { short }) };
      memo.set(text, found);
    }
    return found;
  };

  resources.forEach((manifest, index) => {
    const isSecret = kindOf(manifest) === 'Secret';
    const kind = kindOf(manifest);
    const externalSecret = kind === 'ExternalSecret' || kind === 'ClusterExternalSecret';
    const path: Array<string | number> = [];
    const visitString = (text: string, key: string, where: 'value' | 'key', as?: Encoding, shown?: () => ReadonlySet<string>): void => {
      const judged = judge(text);
      // What a derived text's parts already show, worked out only when the text shows anything.
      const known = shown !== undefined && judged !== none ? shown() : undefined;
      for (const { id, encoding } of judged.hits) {
        if (known?.has(id)) continue;
        hits.push({ resource: index, path: [...path], literal: id, in: where, encoding: as !== undefined && encoding === 'plain' ? as : encoding, key: where === 'key' ? '' : key });
      }
      for (const { section, encoding } of judged.off) {
        if (known?.has(`[${section}]`)) continue;
        off.push({ resource: index, path: [...path], key, section, encoding: as !== undefined && encoding === 'plain' ? as : encoding });
      }
      for (const clue of judged.guest) guests.push({ resource: index, path: [...path], key, clue });
      if (judged.short !== undefined) shortFacts.push({ resource: index, path: [...path], key: where === 'key' ? '' : key, in: where, reason: judged.short });
      if (as !== undefined) return;
      // Plain Secret values already have their facts (secret-facts.ts); escaped or nested forms do not.
      if (where === 'value' && text.length >= 64 && !(isSecret && path.length === 2 && path[0] === 'stringData')) {
        let forms = keyForms.get(text);
        if (forms === undefined) {
          forms = keyMaterialForms(text);
          keyForms.set(text, forms);
        }
        for (const form of forms) material.push(describeValue(index, [...path], key, Buffer.from(form, 'utf8'), now));
      }
    };
    const walk = (value: unknown, key: string): void => {
      // A string shorter than every literal shows nothing (judge) and is no key material (64+):
      // not visited at all, as most keys and many values of a render are.
      if (typeof value === 'string') {
        if (value.length >= shortest) visitString(value, key, 'value');
        if (hasTemplateAction(value)) visitTemplate(value, key);
      } else if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          path.push(i);
          walk(value[i], key);
          path.pop();
        }
        visitJoined(value, key);
      } else if (isJsonObject(value)) {
        // An env entry shows its variable name, not "value".
        const label = typeof value['name'] === 'string' && 'value' in value ? value['name'] : undefined;
        const clue = envClue(value);
        if (clue !== undefined) guests.push({ resource: index, path: [...path], key: 'RABBITMQ_DEFAULT_USER', clue });
        for (const k in value) {
          if (k.length >= shortest) visitString(k, k, 'key');
          path.push(k);
          walk(value[k], label ?? k);
          path.pop();
        }
        if ((Array.isArray(value['env']) || Array.isArray(value['envFrom'])) && (Array.isArray(value['command']) || Array.isArray(value['args']))) visitExpanded(value);
        // A container's argv is command then args: a value may straddle the two lists.
        const command: unknown = value['command'];
        const args: unknown = value['args'];
        if (Array.isArray(command) && Array.isArray(args)) visitJoined([...(command as unknown[]), ...(args as unknown[])], 'args');
        // A key written as a JWK in YAML (a custom resource's spec.key: {kty, n, e}).
        if (typeof value['kty'] === 'string') {
          const line = sshPublicLineOfJwk(value);
          if (line !== undefined) material.push(describeValue(index, [...path], key, Buffer.from(line, 'utf8'), now));
        }
      }
    };
    // What a Go template (ESO's target.template) writes from literals: `printf` or `b64dec` of pieces.
    const visitTemplate = (text: string, key: string): void => {
      let result = templates.get(text);
      if (result === undefined) templates.set(text, (result = evaluateTemplate(text)));
      if (result.text !== text) visitString(result.text, key, 'value', 'go-template', () => shownBy([text]));
      if (result.unevaluable !== undefined && externalSecret && path.some((p) => p === 'template' || p === 'templateFrom')) {
        unevaluable.push({ resource: index, path: [...path], key, why: result.unevaluable });
      }
    };
    /** What the list's items already show, so a joined or expanded text reports only what is new. */
    const shownBy = (texts: readonly string[]): Set<string> => {
      const ids = new Set<string>();
      for (const t of texts) {
        const j = judge(t);
        for (const h of j.hits) ids.add(h.id);
        for (const o of j.off) ids.add(`[${o.section}]`);
      }
      return ids;
    };
    // A list of strings is also read joined: `sh -c 'printf "%s%s" "$0" "$1"' Ch.. ..Me` hands
    // a program one value in two items.
    const visitJoined = (list: readonly unknown[], key: string): void => {
      if (list.length < 2 || !list.every((item): item is string => typeof item === 'string')) return;
      // Only the seams matter: each item's ends (a literal split over items has its parts
      // there), so a long script is not decoded a second time.
      const joined = list.map((item) => (item.length <= 2 * SEAM ? item : `${item.slice(0, SEAM)}\n${item.slice(-SEAM)}`)).join('');
      if (joined.length < shortest) return;
      visitString(joined, key, 'value', 'joined', () => shownBy(list));
    };
    // A container's command, args and env values as they run: env from literals, from the
    // render's own ConfigMaps and Secrets (valueFrom, envFrom); $(VAR) expanded by the kubelet
    // in env values, command and args; $VAR and ${VAR} expanded by a shell in command and args.
    const visitExpanded = (container: Record<string, unknown>): void => {
      const vars = new Map<string, string>();
      // Values read from ConfigMaps and Secrets are judged where they are written: a default
      // one of them holds whole is reported there, not again in every script that reads it.
      const sourced: string[] = [];
      const envFrom = container['envFrom'];
      if (Array.isArray(envFrom)) {
        for (const source of envFrom) {
          if (!isJsonObject(source)) continue;
          const prefix = typeof source['prefix'] === 'string' ? source['prefix'] : '';
          for (const [field, kind] of [['configMapRef', 'ConfigMap'], ['secretRef', 'Secret']] as const) {
            const ref = source[field];
            const data = isJsonObject(ref) && typeof ref['name'] === 'string' ? refData().get(`${kind}/${ref['name']}`) : undefined;
            if (data) {
              for (const [k, v] of data) {
                vars.set(`${prefix}${k}`, v);
                sourced.push(v);
              }
            }
          }
        }
      }
      const env = Array.isArray(container['env']) ? (container['env'] as unknown[]) : [];
      const expanded: Array<{ at: Array<string | number>; text: string; original: string }> = [];
      env.forEach((entry, i) => {
        if (!isJsonObject(entry) || typeof entry['name'] !== 'string') return;
        if (typeof entry['value'] === 'string') {
          const value = expandVars(entry['value'], vars);
          vars.set(entry['name'], value);
          if (value !== entry['value']) expanded.push({ at: ['env', i, 'value'], text: value, original: entry['value'] });
          return;
        }
        for (const value of envRefValues(entry['valueFrom'], refData)) {
          vars.set(entry['name'], value);
          sourced.push(value);
        }
      });
      if (vars.size === 0) return;
      const argv: string[] = [];
      for (const field of ['command', 'args'] as const) {
        const list = container[field];
        if (!Array.isArray(list)) continue;
        list.forEach((item, i) => {
          if (typeof item !== 'string') return;
          const text = expandShellVars(expandVars(item, vars), vars);
          argv.push(text);
          if (text !== item) expanded.push({ at: [field, i], text, original: item });
        });
      }
      if (expanded.length === 0) return;
      for (const e of expanded) {
        path.push(...e.at);
        visitString(e.text, String(e.at[0]), 'value', 'k8s-var', () => shownBy([e.original, ...sourced]));
        path.length -= e.at.length;
      }
      path.push('args');
      visitString(argv.join(''), 'args', 'value', 'k8s-var', () => shownBy([...expanded.map((e) => e.text), ...argv, ...sourced]));
      path.pop();
    };
    walk(manifest, '');
  });
  return { literal_hits: hits, search_short: shortFacts, key_material: material, st2_config_off: off, rabbitmq_guest: guests, template_unevaluable: unevaluable };
}

/** The decoded forms of a text that hold a PEM or OpenSSH body (usually none). */
function keyMaterialForms(text: string): string[] {
  if (text.length < 64) return [];
  const quick = text.includes('-----BEGIN') || text.includes('ssh-') || text.includes('LS0tLS1CRUdJT') || text.includes('\\n') || text.includes('kty') || text.includes('---- BEGIN SSH2') || text.includes('odulus:');
  if (!quick && !/^[A-Za-z0-9+/=\s]{64,}$/.test(text)) return [];
  const forms = decodedForms(text).filter((form) => !form.whole);
  return [
    ...forms.filter((form) => holdsKeyMaterial(form.text)).map((form) => form.text),
    ...forms.flatMap((form) => jwkLines(form.text)),
    ...forms.flatMap((form) => rfc4716Lines(form.text)),
    ...forms.flatMap((form) => rsaTextLines(form.text)),
    ...armouredDer(text),
  ];
}

const RSA_TEXT = /odulus:\s*((?:[0-9a-fA-F]{2}:?\s*)+)[\s\S]*?(?:publicExponent|Exponent):\s*(\d+)/g;

/**
 * An RSA key as `openssl rsa -text` (or `openssl x509 -text`) prints it: the
 * modulus in colon-separated hex and the public exponent in decimal, which
 * are the public key; returned as its OpenSSH line to be fingerprinted.
 */
function rsaTextLines(text: string): string[] {
  if (!text.includes('odulus:')) return [];
  const out: string[] = [];
  for (const m of text.matchAll(RSA_TEXT)) {
    const n = Buffer.from((m[1] ?? '').replace(/[^0-9a-fA-F]/g, ''), 'hex');
    const e = BigInt(m[2] ?? '0');
    if (n.length < 64 || e <= 0n) continue;
    let eHex = e.toString(16);
    if (eHex.length % 2) eHex = `0${eHex}`;
    const line = sshPublicLineOfJwk({ kty: 'RSA', n: n.toString('base64url'), e: Buffer.from(eHex, 'hex').toString('base64url') });
    if (line) out.push(line);
  }
  return out;
}

const SSH2_PUBLIC = /---- BEGIN SSH2 PUBLIC KEY ----([\s\S]+?)---- END SSH2 PUBLIC KEY ----/g;

/**
 * Public keys in the RFC 4716 (SECSH) format ssh-keygen -e writes: header
 * lines (`Comment: ...`, continued with a trailing backslash) then the same
 * base64 blob an authorized_keys line carries, wrapped; returned as that line.
 */
function rfc4716Lines(text: string): string[] {
  if (!text.includes('---- BEGIN SSH2')) return [];
  const out: string[] = [];
  for (const m of text.matchAll(SSH2_PUBLIC)) {
    let continued = false;
    const body: string[] = [];
    for (const raw of (m[1] ?? '').split(/\r?\n|\r/)) {
      const line = raw.trim();
      if (continued || /^[A-Za-z0-9-]+:/.test(line)) {
        continued = line.endsWith('\\');
        continue;
      }
      body.push(line);
    }
    const blob = Buffer.from(body.join(''), 'base64');
    const len = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
    const type = len > 0 && len < 64 ? blob.subarray(4, 4 + len).toString('latin1') : '';
    if (/^(?:ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp256)$/.test(type)) out.push(`${type} ${blob.toString('base64')}`);
  }
  return out;
}

/**
 * Keys written as JWK (a JWKS, a JSON key file): each RSA, Ed25519 or P-256
 * key as the OpenSSH public line it is, so it is fingerprinted like any key.
 */
function jwkLines(text: string): string[] {
  if (!text.includes('"kty"')) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  const out: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
    } else if (isJsonObject(value)) {
      if (typeof value['kty'] === 'string') {
        const line = sshPublicLineOfJwk(value);
        if (line !== undefined) out.push(line);
      }
      for (const k in value) visit(value[k], depth + 1);
    }
  };
  visit(doc, 0);
  return out;
}

function isCertificateDer(der: Buffer): boolean {
  try {
    new X509Certificate(der);
    return true;
  } catch {
    return false;
  }
}

/** The PEM labels a short DER body (under 256 bytes: an EC or Ed25519 key) really parses as. */
function shortKeyLabels(der: Buffer): string[] {
  const labels: string[] = [];
  for (const [type, label] of [['pkcs8', 'PRIVATE KEY'], ['pkcs1', 'RSA PRIVATE KEY'], ['sec1', 'EC PRIVATE KEY']] as const) {
    try {
      createPrivateKey({ key: der, format: 'der', type });
      labels.push(label);
    } catch {
      // Not this encoding.
    }
  }
  return labels;
}

/**
 * A key or certificate written as its bare base64 DER body (the PEM without
 * its armour lines, a binary file kustomize put in binaryData): armoured
 * again so it is fingerprinted like any PEM.
 */
function armouredDer(text: string): string[] {
  let compact = text.replace(/\s+/g, '');
  // The DER as hex (xxd -p, openssl ... | od): the same body, another alphabet.
  if (/^(?:30|3082)[0-9A-Fa-f]+$/.test(compact) && compact.length % 2 === 0) compact = Buffer.from(compact, 'hex').toString('base64');
  if (compact[0] !== 'M' || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return [];
  const der = Buffer.from(compact, 'base64');
  if (der[0] !== 0x30) return [];
  const body = (compact.match(/.{1,64}/g) ?? []).join('\n');
  const armour = (labels: readonly string[]): string[] => labels.map((label) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`);
  // Long bodies (an RSA key, a certificate) count as key material parsable or not; a certificate is never a key.
  if (der[1] === 0x82 && text.length >= 200) return armour(isCertificateDer(der) ? ['CERTIFICATE'] : ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'CERTIFICATE']);
  // Short ones only when they parse as a private key: many short base64 texts start with 0x30.
  return armour(shortKeyLabels(der));
}

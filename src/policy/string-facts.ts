/**
 * Judging every string of every object: each map key and string value of
 * every resource, in every decoded form (decode-layers.ts), is matched
 * against the chart's published literals of the policy bundle, and key
 * material found anywhere is fingerprinted. Only ids, paths and encodings
 * leave this module, never a value or a decoded fragment.
 */
import { isJsonObject, kindOf, type Manifest } from '../core/manifest.js';
import { decodedForms, type Encoding } from './decode-layers.js';
import { hashHits } from './hash-verifiers.js';
import { describeValue, holdsKeyMaterial, type SecretValueFact } from './secret-facts.js';

export interface Literal {
  readonly id: string;
  readonly value: string;
}

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

export interface StringFacts {
  readonly literal_hits: LiteralHit[];
  /** Key material outside Secret data (ConfigMaps, env, annotations, custom resources, escaped PEMs). */
  readonly key_material: SecretValueFact[];
}

/** Below this length a literal is matched only as a whole value ("admin" in prose is no finding). */
const MIN_CONTAINS_LENGTH = 8;

/** The literals of the bundle's data.chart_defaults, validated (outside data enters as unknown). */
export function literalsOf(data: unknown): Literal[] {
  const defaults = isJsonObject(data) ? data['chart_defaults'] : undefined;
  const list = isJsonObject(defaults) ? defaults['literals'] : undefined;
  if (!Array.isArray(list)) return [];
  const out: Literal[] = [];
  for (const item of list) {
    if (isJsonObject(item) && typeof item['id'] === 'string' && typeof item['value'] === 'string' && item['value'] !== '') {
      out.push({ id: item['id'], value: item['value'] });
    }
  }
  return out;
}

class LiteralMatcher {
  private readonly whole = new Map<string, string[]>();
  private readonly long: Literal[];
  private readonly shortest: number;

  constructor(literals: readonly Literal[]) {
    for (const l of literals) this.whole.set(l.value, [...(this.whole.get(l.value) ?? []), l.id]);
    this.long = literals.filter((l) => l.value.length >= MIN_CONTAINS_LENGTH);
    this.shortest = Math.min(...literals.map((l) => l.value.length));
  }

  /** Ids of the literals a text is or (for long ones) contains. */
  match(text: string, wholeOnly: boolean): string[] {
    if (text.length < this.shortest) return [];
    const ids = new Set(this.whole.get(text.trim()) ?? []);
    if (!wholeOnly && text.length >= MIN_CONTAINS_LENGTH) {
      for (const l of this.long) if (text.includes(l.value)) ids.add(l.id);
    }
    return [...ids];
  }
}

/** Walks every string of every resource once. */
export function collectStringFacts(resources: readonly Manifest[], literals: readonly Literal[], now: Date): StringFacts {
  const hits: LiteralHit[] = [];
  const material: SecretValueFact[] = [];
  const matcher = new LiteralMatcher(literals);
  // Renders repeat strings; decoding and matching each distinct one once.
  const memo = new Map<string, Array<{ id: string; encoding: Encoding }>>();
  const keyForms = new Map<string, string[]>();
  const shortest = literals.reduce((n, l) => Math.min(n, l.value.length), Infinity);
  const none: Array<{ id: string; encoding: Encoding }> = [];
  const judge = (text: string): Array<{ id: string; encoding: Encoding }> => {
    // No decoding makes a text longer, so one shorter than every literal holds none (most keys and values).
    if (text.length < shortest) return none;
    let found = memo.get(text);
    if (found === undefined) {
      found = [];
      if (literals.length > 0) {
        // One hit per literal: the first (least decoded) form that shows it.
        const seen = new Set<string>();
        for (const form of decodedForms(text)) {
          for (const id of matcher.match(form.text, form.whole)) {
            if (seen.has(id)) continue;
            seen.add(id);
            found.push({ id, encoding: form.encoding });
          }
          for (const hit of hashHits(form.text, literals)) {
            if (seen.has(hit.id)) continue;
            seen.add(hit.id);
            found.push(hit);
          }
        }
      }
      memo.set(text, found);
    }
    return found;
  };

  resources.forEach((manifest, index) => {
    const isSecret = kindOf(manifest) === 'Secret';
    const path: Array<string | number> = [];
    const visitString = (text: string, key: string, where: 'value' | 'key'): void => {
      for (const { id, encoding } of judge(text)) {
        hits.push({ resource: index, path: [...path], literal: id, in: where, encoding, key: where === 'key' ? '' : key });
      }
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
      if (typeof value === 'string') {
        visitString(value, key, 'value');
      } else if (Array.isArray(value)) {
        value.forEach((item, i) => {
          path.push(i);
          walk(item, key);
          path.pop();
        });
      } else if (isJsonObject(value)) {
        // An env entry shows its variable name, not "value".
        const label = typeof value['name'] === 'string' && 'value' in value ? value['name'] : undefined;
        for (const k in value) {
          visitString(k, k, 'key');
          path.push(k);
          walk(value[k], label ?? k);
          path.pop();
        }
      }
    };
    walk(manifest, '');
  });
  return { literal_hits: hits, key_material: material };
}

/** The decoded forms of a text that hold a PEM or OpenSSH body (usually none). */
function keyMaterialForms(text: string): string[] {
  if (text.length < 64) return [];
  const quick = text.includes('-----BEGIN') || text.includes('ssh-') || text.includes('LS0tLS1CRUdJT') || text.includes('\\n');
  if (!quick && !/^[A-Za-z0-9+/=\s]{64,}$/.test(text)) return [];
  return [
    ...decodedForms(text)
      .filter((form) => !form.whole && holdsKeyMaterial(form.text))
      .map((form) => form.text),
    ...armouredDer(text),
  ];
}

/**
 * A key or certificate written as its bare base64 DER body (the PEM without
 * its armour lines): armoured again so it is fingerprinted like any PEM.
 */
function armouredDer(text: string): string[] {
  if (text.length < 200) return [];
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return [];
  const head = Buffer.from(compact.slice(0, 8), 'base64');
  if (head[0] !== 0x30 || head[1] !== 0x82) return [];
  const body = (compact.match(/.{1,64}/g) ?? []).join('\n');
  return ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'CERTIFICATE'].map((label) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`);
}

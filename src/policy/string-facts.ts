/**
 * Judging every string of every object: each map key and string value of
 * every resource, in every decoded form (decode-layers.ts), is matched
 * against the chart's published literals of the policy bundle, and key
 * material found anywhere is fingerprinted. Only ids, paths and encodings
 * leave this module, never a value or a decoded fragment.
 */
import { isJsonObject, kindOf, type Manifest } from '../core/manifest.js';
import { decodeSearch, type Encoding } from './decode-layers.js';
import { keyMaterialForms } from './key-material-forms.js';
import { fragmentJoins, mountedObjects } from './fragment-joins.js';
import type { ShortReason } from './search-budget.js';
import { cryptHits } from './crypt-hashes.js';
import { bcryptCandidates, bcryptHits } from './bcrypt-hashes.js';
import { hashHits } from './hash-verifiers.js';
import { envClue, guestClues, type GuestClue } from './rabbitmq-guest.js';
import { describeValue, sshPublicLineOfJwk, type SecretValueFact } from './secret-facts.js';
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

/**
 * A substituting program reading a file rather than the script's own words: `sed -i` or
 * `perl -pi` editing in place, `sed`/`perl` with an absolute path operand, or `sed`/`perl`/`tr`
 * fed a file by `cat /path |` or `< /path`. (Fed by printf of a variable, as the base's
 * RabbitMQ init container quotes the password, it reads no file.)
 */
const READS_A_FILE = [
  /(?:^|[\s;|&(])(?:sed|perl)[ \t][^\n;|&]*?(?:-[A-Za-z]*i|--in-place)/,
  /(?:^|[\s;|&(])(?:sed|perl)[ \t][^\n;|&]*?[ \t]['"]?\/[^\s;|&'"]/,
  /(?:^|[\s;|&(])cat[ \t]+['"]?\/[^\n;&]*\|[^\n;&]*\b(?:sed|perl|tr)[ \t]/,
  /(?:^|[\s;|&(])(?:sed|perl|tr)[ \t][^\n;|&]*<[ \t]*['"]?\//,
];
/** The substitutions' own bound (substitutions.ts MAX_TEXT): a longer script and its files are not joined. */
const MAX_EDITED_TEXT = 64 * 1024;

/** The values of the render's ConfigMaps and Secrets a pod mounts as volumes (also projected). */
function mountedValues(volumes: readonly unknown[], refData: () => Map<string, Map<string, string>>): string[] {
  const values: string[] = [];
  const add = (kind: 'ConfigMap' | 'Secret', name: unknown): void => {
    if (typeof name === 'string') for (const v of refData().get(`${kind}/${name}`)?.values() ?? []) values.push(v);
  };
  for (const volume of volumes) {
    if (!isJsonObject(volume)) continue;
    const projected: unknown = isJsonObject(volume['projected']) ? volume['projected']['sources'] : undefined;
    const sources: unknown[] = [volume, ...(Array.isArray(projected) ? (projected as unknown[]) : [])];
    for (const source of sources) {
      if (!isJsonObject(source)) continue;
      if (isJsonObject(source['configMap'])) add('ConfigMap', source['configMap']['name']);
      if (isJsonObject(source['secret'])) add('Secret', source['secret']['secretName'] ?? source['secret']['name']);
    }
  }
  return values;
}

/** Characters kept from each end of a list item when items are read joined: twice the longest default, base64-encoded. */
const SEAM = 128;

interface Judged {
  readonly hits: Array<{ id: string; encoding: Encoding }>;
  readonly off: Array<{ section: GuardedSection; encoding: Encoding }>;
  readonly guest: GuestClue[];
  readonly short?: ShortReason;
}

interface DerivedLiterals {
  readonly matcher: LiteralMatcher;
  readonly plainLiterals: Literal[];
  readonly bcryptLiterals: Literal[];
}
// What is derived from the engine's literal list, built once per list, not per render:
// hash-verifiers.ts caches its digest table by list identity, so a list filtered afresh each
// call would rebuild it (about a third of a millisecond of hashing a render).
const derived = new WeakMap<readonly Literal[], DerivedLiterals>();
function derivedLiterals(literals: readonly Literal[]): DerivedLiterals {
  let found = derived.get(literals);
  if (found === undefined) {
    const plainLiterals = literals.filter((l) => l.compact !== true);
    found = { matcher: new LiteralMatcher(literals), plainLiterals, bcryptLiterals: bcryptCandidates(plainLiterals) };
    derived.set(literals, found);
  }
  return found;
}

export function collectStringFacts(resources: readonly Manifest[], literals: readonly Literal[], now: Date): StringFacts {
  const hits: LiteralHit[] = [];
  const material: SecretValueFact[] = [];
  const { matcher, plainLiterals, bcryptLiterals } = derivedLiterals(literals);
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
  // The ConfigMaps and Secrets pods mount or read whole (built on first use).
  let mounted: Set<string> | undefined;
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
      const { forms, short: cut } = decodeSearch(text);
      let short = cut;
      for (const form of forms) {
        if (literals.length > 0) {
          for (const id of matcher.match(form.text, form.whole)) {
            if (seen.has(id)) continue;
            seen.add(id);
            hits.push({ id, encoding: form.encoding });
          }
          // A literal ROT13-encoded, case-swapped or reversed, in any form (literal-transforms.ts
          // precomputes these forms of the literals; no text is transformed).
          for (const { id, how } of matcher.matchTransformed(form.text, form.whole)) {
            if (seen.has(id)) continue;
            seen.add(id);
            hits.push({ id, encoding: how });
          }
          // Spellings the literal's own consumer folds back to it (blanks in a keyfile, SASLprep).
          for (const { id, how } of matcher.matchNormalised(form.text, form.whole)) {
            if (seen.has(id)) continue;
            seen.add(id);
            hits.push({ id, encoding: form.encoding === 'plain' ? how : form.encoding });
          }
          const bcrypt = bcryptHits(form.text, bcryptLiterals);
          if (bcrypt.tooCostly) short ??= 'hash-cost';
          for (const found of [hashHits(form.text, plainLiterals), cryptHits(form.text, plainLiterals), bcrypt.hits]) {
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
        if (Array.isArray(value['volumes']) && Array.isArray(value['containers'])) visitEditedMounts(value);
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
    // A mounted file a container's script rewrites (`sed -i 's/X/@/' /etc/st2/x.conf`, `tr X @ <
    // /etc/x > /root/.st2/config`): the script's substitutions (substitutions.ts) read with the mounted ConfigMaps' and
    // Secrets' values in one text, so a placeholder in one object fixed up by another shows.
    const visitEditedMounts = (spec: Record<string, unknown>): void => {
      const values = mountedValues(spec['volumes'] as unknown[], refData);
      if (values.length === 0) return;
      for (const field of ['initContainers', 'containers'] as const) {
        const list = spec[field];
        if (!Array.isArray(list)) continue;
        list.forEach((container, i) => {
          if (!isJsonObject(container)) return;
          const script = [container['command'], container['args']].flatMap((l) => (Array.isArray(l) ? l.filter((t): t is string => typeof t === 'string') : [])).join(' ');
          if (!READS_A_FILE.some((p) => p.test(script))) return;
          const text = `${script}\n${values.join('\n')}`;
          if (text.length > MAX_EDITED_TEXT) return;
          path.push(field, i);
          visitString(text, 'args', 'value', 'joined', () => shownBy([script, ...values]));
          path.length -= 2;
        });
      }
    };
    walk(manifest, '');
    // A secret split over one object's keys, joined by the pod that mounts them.
    const joins = fragmentJoins(manifest);
    const name = isJsonObject(manifest['metadata']) ? manifest['metadata']['name'] : undefined;
    if (joins.length > 0 && !(mounted ??= mountedObjects(resources)).has(`${kind}/${String(name)}`)) joins.length = 0;
    for (const j of joins) {
      path.push(...j.path);
      visitString(j.text, j.key, 'value', 'joined', () => shownBy(j.parts));
      path.length -= j.path.length;
    }
  });
  return { literal_hits: hits, search_short: shortFacts, key_material: material, st2_config_off: off, rabbitmq_guest: guests, template_unevaluable: unevaluable };
}

/**
 * RabbitMQ settings that refuse st2's logins or messages, or unmirror its
 * queues (the eleventh red team's store-rabbitmq classes), from every text of
 * a namespace running RabbitMQ (rabbitmq.conf, advanced.config,
 * enabled_plugins, definitions.json, `rabbitmqctl set_policy` and
 * `rabbitmq-plugins enable` in scripts):
 *
 * - the first `auth_backends` entry a plugin's (http, ldap, oauth2, cache)
 *   while enabled_plugins does not enable it: the backend module is not
 *   loaded and every login, st2's included, fails;
 * - `max_message_size` (bytes), for the policy's floor;
 * - `consumer_timeout` (milliseconds), for the policy's floor: RabbitMQ
 *   closes a channel whose delivery stays unacked longer (checked once a
 *   minute; "values lower than one minute are not supported", consumers
 *   guide). st2's consumers ack right after handing a message to their pool
 *   (st2common/transport/consumers.py), so only a timeout below the check's
 *   minute catches them; a value that is not a number is not judged.
 * - policies: RabbitMQ applies to a queue only the matching policy of the
 *   highest priority, so one without `ha-mode` that outranks the mirroring
 *   policy on st2's queues leaves them unmirrored (judged only when some
 *   policy mirrors).
 *
 * Only names and numbers leave this module.
 */
import { ST2_QUEUES } from './store-queues.js';

type Path = Array<string | number>;

export type RabbitSetting = 'auth_backend_plugin' | 'max_message_size' | 'consumer_timeout' | 'mirror_shadowed';

export interface RabbitFact {
  readonly resource: number;
  readonly path: Path;
  readonly setting: RabbitSetting;
  readonly value: number | string;
}

interface Policy {
  readonly name: string;
  readonly vhost: string;
  readonly pattern: string;
  readonly applyTo: string;
  readonly priority: number;
  readonly mirrors: boolean;
  readonly resource: number;
  readonly path: Path;
}

/** A backend's short or module name to the plugin that provides it; undefined for the internal database. */
function backendPlugin(v: string): string | undefined {
  const name = v.replace(/^rabbit_auth_backend_/, '');
  return name === 'internal' || name === '' ? undefined : `rabbitmq_auth_backend_${name}`;
}

/** The first backend of the chain (lowest auth_backends.N, or advanced.config's list head). */
function firstBackend(text: string): string | undefined {
  let best: { n: number; v: string } | undefined;
  for (const m of text.matchAll(/^[ \t]*auth_backends\.([0-9]+)[ \t]*=[ \t]*([A-Za-z0-9_]+)/gm)) {
    const n = Number(m[1]);
    if (best === undefined || n < best.n) best = { n, v: m[2] ?? '' };
  }
  if (best !== undefined) return best.v;
  return /\{\s*auth_backends\s*,\s*\[\s*\{?\s*([a-z0-9_]+)/.exec(text)?.[1];
}

/** A JSON string's body unescaped (the raw text when it is not valid JSON). */
function unescape(body: string): string {
  try {
    const v: unknown = JSON.parse(`"${body}"`);
    return typeof v === 'string' ? v : body;
  } catch {
    return body;
  }
}

/** The objects of definitions.json's "policies" array, by brace matching (strings skipped). */
function definitionPolicies(text: string): string[] {
  const at = text.search(/"policies"\s*:\s*\[/);
  if (at < 0) return [];
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let k = text.indexOf('[', at) + 1; k < text.length; k++) {
    const ch = text[k];
    if (inString) {
      if (ch === '\\') k++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') {
      if (depth === 0) start = k;
      depth++;
    } else if (ch === '}') {
      depth--;
      if (depth === 0 && start >= 0) out.push(text.slice(start, k + 1));
    } else if (ch === ']' && depth === 0) break;
  }
  return out;
}

const field = (obj: string, key: string): string | undefined => {
  const m = new RegExp(`"${key}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(obj);
  return m === null ? undefined : unescape(m[1] ?? '');
};

/** The shell words of a set_policy command line (quotes removed). */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => m[1] ?? (m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '')));
}

function cliPolicies(text: string): Array<Omit<Policy, 'resource' | 'path'>> {
  const out: Array<Omit<Policy, 'resource' | 'path'>> = [];
  for (const m of text.matchAll(/\bset_policy\b([^\n;&|]*)/g)) {
    const w = words(m[1] ?? '');
    let vhost = '/';
    let priority = 0;
    let applyTo = 'all';
    const positional: string[] = [];
    for (let k = 0; k < w.length; k++) {
      const x = w[k] ?? '';
      const [flag, inline] = x.startsWith('--') && x.includes('=') ? [x.slice(0, x.indexOf('=')), x.slice(x.indexOf('=') + 1)] : [x, undefined];
      const value = (): string => inline ?? w[++k] ?? '';
      if (flag === '-p' || flag === '--vhost') vhost = value();
      else if (flag === '--priority') priority = Number(value()) || 0;
      else if (flag === '--apply-to') applyTo = value();
      else if (!x.startsWith('-')) positional.push(x);
    }
    const [name, pattern, definition] = positional;
    if (name !== undefined && pattern !== undefined && definition !== undefined) out.push({ name, vhost, pattern, applyTo, priority, mirrors: definition.includes('ha-mode') });
  }
  return out;
}

export class RabbitSettings {
  private readonly policies = new Map<string, Policy[]>();
  private readonly plugins = new Map<string, Set<string>>();
  private readonly backends: Array<{ resource: number; path: Path; ns: string; plugin: string }> = [];
  private readonly pluginLists = new Set<string>();

  constructor(private readonly out: RabbitFact[]) {}

  /** A config text or a container's script, in namespace ns. */
  text(resource: number, path: Path, ns: string, text: string): void {
    if (text.includes('auth_backends')) {
      const first = firstBackend(text);
      const plugin = first === undefined ? undefined : backendPlugin(first);
      if (plugin !== undefined) this.backends.push({ resource, path, ns, plugin });
    }
    const list = /^\s*\[([a-z0-9_,\s]*)\]\.\s*$/.exec(text);
    if (list !== null) this.enable(ns, (list[1] ?? '').split(','), true);
    for (const m of text.matchAll(/rabbitmq-plugins\s+enable\s+((?:--?[a-z-]+\s+)*)([a-z0-9_ ]+)/g)) this.enable(ns, (m[2] ?? '').split(/\s+/), false);
    if (text.includes('max_message_size')) {
      for (const m of text.matchAll(/^[ \t]*max_message_size[ \t]*=[ \t]*([^\s#]+)/gm)) this.out.push({ resource, path, setting: 'max_message_size', value: /^[0-9]+$/.test(m[1] ?? '') ? Number(m[1]) : -1 });
      for (const m of text.matchAll(/\{\s*max_message_size\s*,\s*([0-9]+)\s*\}/g)) this.out.push({ resource, path, setting: 'max_message_size', value: Number(m[1]) });
    }
    if (text.includes('consumer_timeout')) {
      // rabbitmq.conf: the last line wins.
      const last = [...text.matchAll(/^[ \t]*consumer_timeout[ \t]*=[ \t]*([^\n]*)$/gm)].pop()?.[1]?.replace(/#.*/, '').trim();
      if (last !== undefined && /^[0-9]+$/.test(last)) this.out.push({ resource, path, setting: 'consumer_timeout', value: Number(last) });
      for (const m of text.matchAll(/\{\s*consumer_timeout\s*,\s*([0-9]+)\s*\}/g)) this.out.push({ resource, path, setting: 'consumer_timeout', value: Number(m[1]) });
    }
    if (text.includes('policies') || text.includes('set_policy')) {
      const found = [
        ...definitionPolicies(text).map((o) => ({ name: field(o, 'name') ?? '', vhost: field(o, 'vhost') ?? '/', pattern: field(o, 'pattern') ?? '', applyTo: field(o, 'apply-to') ?? 'all', priority: Number(/"priority"\s*:\s*(-?[0-9]+)/.exec(o)?.[1] ?? 0), mirrors: o.includes('ha-mode') })),
        ...cliPolicies(text),
      ];
      if (found.length > 0) this.policies.set(ns, [...(this.policies.get(ns) ?? []), ...found.map((p) => ({ ...p, resource, path }))]);
    }
  }

  private enable(ns: string, names: string[], list: boolean): void {
    if (list) this.pluginLists.add(ns);
    let set = this.plugins.get(ns);
    if (set === undefined) this.plugins.set(ns, (set = new Set()));
    for (const n of names) if (n.trim() !== '') set.add(n.trim());
  }

  /** Judge each namespace that runs RabbitMQ. */
  finish(rabbitNamespaces: ReadonlySet<string>): void {
    for (const b of this.backends) {
      // Judged only against an enabled_plugins list the render holds.
      if (rabbitNamespaces.has(b.ns) && this.pluginLists.has(b.ns) && !(this.plugins.get(b.ns)?.has(b.plugin) ?? false)) this.out.push({ resource: b.resource, path: b.path, setting: 'auth_backend_plugin', value: b.plugin });
    }
    for (const [ns, list] of this.policies) {
      if (!rabbitNamespaces.has(ns) || !list.some((p) => p.mirrors)) continue;
      const reported = new Set<Policy>();
      for (const q of ST2_QUEUES) {
        const matching = list.filter((p) => p.vhost === '/' && ['all', 'queues', 'classic_queues'].includes(p.applyTo) && matches(p.pattern, q));
        const top = Math.max(...matching.map((p) => p.priority));
        for (const p of matching) if (p.priority === top && !p.mirrors) reported.add(p);
      }
      for (const p of reported) this.out.push({ resource: p.resource, path: p.path, setting: 'mirror_shadowed', value: p.name });
    }
  }
}

function matches(pattern: string, queue: string): boolean {
  try {
    return new RegExp(pattern).test(queue);
  } catch {
    return false;
  }
}

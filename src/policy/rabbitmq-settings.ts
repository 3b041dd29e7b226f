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
 * - `loopback_users` naming the user st2 logs in as (the user of its
 *   [messaging] url): RabbitMQ lets a listed user connect from localhost
 *   only (rabbit_access_control:check_user_loopback), and st2 connects from
 *   other pods. rabbitmq.conf's `loopback_users.NAME = true` lists NAME,
 *   `loopback_users = none` empties the list (rabbit.schema's translation);
 *   advanced.config's `{loopback_users, [...]}` wins over both;
 * - `auth_mechanisms` offering none st2 can log in with: py-amqp offers
 *   EXTERNAL, AMQPLAIN and PLAIN (or only messaging.login_method when set),
 *   and EXTERNAL needs a client certificate (st2's ssl_certfile). The listed
 *   mechanisms replace RabbitMQ's defaults (rabbit.schema's translation);
 * - policies: RabbitMQ applies to a queue only the matching policy of the
 *   highest priority, so one without `ha-mode` that outranks the mirroring
 *   policy on st2's queues leaves them unmirrored (judged only when some
 *   policy mirrors).
 *
 * Only names and numbers leave this module.
 */
import { ST2_QUEUES } from './store-queues.js';

type Path = Array<string | number>;

export type RabbitSetting = 'auth_backend_plugin' | 'max_message_size' | 'consumer_timeout' | 'mirror_shadowed' | 'loopback_login' | 'login_mechanisms';

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

/** rabbitmq.conf's loopback_users: each user's last `true`/`false`, and whether `loopback_users = none` is set. */
function confLoopback(text: string, users: Map<string, boolean>): boolean {
  let none = false;
  for (const m of text.matchAll(/^[ \t]*loopback_users(?:\.([^\s=]+))?[ \t]*=[ \t]*([^\s#]*)/gm)) {
    if (m[1] === undefined) none ||= m[2] === 'none';
    else users.set(m[1], m[2] === 'true');
  }
  return none;
}

/** advanced.config's `{loopback_users, [<<"a">>, ...]}`: the names listed. */
function advancedLoopback(text: string): string[] | undefined {
  const m = /\{\s*loopback_users\s*,\s*\[([^\]]*)\]/.exec(text);
  return m === null ? undefined : [...(m[1] ?? '').matchAll(/<<\s*"([^"]*)"\s*>>|'([^']*)'|"([^"]*)"/g)].map((x) => x[1] ?? x[2] ?? x[3] ?? '');
}

/** rabbitmq.conf's `auth_mechanisms.N = NAME` (all of them) or advanced.config's `{auth_mechanisms, [...]}`. */
function mechanisms(text: string): { conf: string[]; advanced: string[] | undefined } {
  const conf = [...text.matchAll(/^[ \t]*auth_mechanisms\.[^\s=]+[ \t]*=[ \t]*([A-Za-z0-9_-]+)/gm)].map((m) => m[1] ?? '');
  const m = /\{\s*auth_mechanisms\s*,\s*\[([^\]]*)\]/.exec(text);
  return { conf, advanced: m === null ? undefined : [...(m[1] ?? '').matchAll(/'([^']*)'|"([^"]*)"|([A-Za-z0-9_-]+)/g)].map((x) => x[1] ?? x[2] ?? x[3] ?? '') };
}

const decodeUser = (u: string): string => {
  try {
    return decodeURIComponent(u);
  } catch {
    return u;
  }
};

interface Where {
  readonly resource: number;
  readonly path: Path;
}

/** A namespace's login settings, each with the text that decides it (advanced.config's over rabbitmq.conf's). */
interface Login {
  usersAt: Where;
  mechanismsAt: Where;
  confNone: boolean;
  readonly confUsers: Map<string, boolean>;
  advancedUsers: string[] | undefined;
  readonly confMechanisms: string[];
  advancedMechanisms: string[] | undefined;
}

export class RabbitSettings {
  /** Per namespace: the broker's login settings, and st2's login users, methods and whether it has a client certificate. */
  private readonly logins = new Map<string, Login>();
  private readonly st2 = new Map<string, { users: Set<string>; methods: Set<string>; cert: boolean }>();
  private readonly policies = new Map<string, Policy[]>();
  private readonly plugins = new Map<string, Set<string>>();
  private readonly backends: Array<{ resource: number; path: Path; ns: string; plugin: string }> = [];
  private readonly pluginLists = new Set<string>();

  constructor(private readonly out: RabbitFact[]) {}

  /** st2's side of a text (its [messaging] url's user, login_method, ssl_certfile): called for texts holding `amqp` or those keys. Only a url in a text with a [messaging] section counts. */
  st2Text(ns: string, text: string): void {
    let c = this.st2.get(ns);
    if (c === undefined) this.st2.set(ns, (c = { users: new Set(), methods: new Set(), cert: false }));
    if (text.includes('[messaging]')) for (const m of text.matchAll(/^[ \t]*url[ \t]*[=:][ \t]*amqps?:\/\/([^:@/\s"'\\]+)(?::[^@/\n]{0,200}?)?@/gm)) c.users.add(decodeUser(m[1] ?? ''));
    for (const m of text.matchAll(/^[ \t]*login_method[ \t]*[=:][ \t]*([A-Za-z0-9_-]+)/gm)) c.methods.add(m[1] ?? '');
    if (/^[ \t]*ssl_certfile[ \t]*[=:][ \t]*\S/m.test(text)) c.cert = true;
  }

  /** A config text or a container's script, in namespace ns. */
  text(resource: number, path: Path, ns: string, text: string): void {
    if (text.includes('loopback_users') || text.includes('auth_mechanisms')) {
      let l = this.logins.get(ns);
      const here = { resource, path };
      if (l === undefined) this.logins.set(ns, (l = { usersAt: here, mechanismsAt: here, confNone: false, confUsers: new Map(), advancedUsers: undefined, confMechanisms: [], advancedMechanisms: undefined }));
      const users = l.confUsers.size;
      l.confNone ||= confLoopback(text, l.confUsers);
      const advancedUsers = advancedLoopback(text);
      if (advancedUsers !== undefined || (l.advancedUsers === undefined && l.confUsers.size > users)) l.usersAt = here;
      l.advancedUsers = advancedUsers ?? l.advancedUsers;
      const mech = mechanisms(text);
      if (mech.advanced !== undefined || (l.advancedMechanisms === undefined && mech.conf.length > 0)) l.mechanismsAt = here;
      l.confMechanisms.push(...mech.conf);
      l.advancedMechanisms = mech.advanced ?? l.advancedMechanisms;
    }
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
    for (const [ns, l] of this.logins) {
      const st2 = this.st2.get(ns);
      if (!rabbitNamespaces.has(ns) || st2 === undefined) continue;
      const loopback = l.advancedUsers ?? (l.confNone ? [] : [...l.confUsers].filter(([, on]) => on).map(([u]) => u));
      const refused = [...st2.users].find((u) => loopback.includes(u));
      if (refused !== undefined) this.out.push({ ...l.usersAt, setting: 'loopback_login', value: refused });
      const offered = l.advancedMechanisms ?? l.confMechanisms;
      const client = st2.methods.size > 0 ? [...st2.methods] : ['AMQPLAIN', 'PLAIN', ...(st2.cert ? ['EXTERNAL'] : [])];
      const usable = client.filter((m) => m !== 'EXTERNAL' || st2.cert);
      if (offered.length > 0 && !usable.some((m) => offered.includes(m))) this.out.push({ ...l.mechanismsAt, setting: 'login_mechanisms', value: offered.join(',').replace(/[^A-Za-z0-9,_-]/g, '') });
    }
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

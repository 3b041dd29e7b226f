/**
 * The RabbitMQ settings store-ha-facts.ts reads from a text wherever the render
 * holds one (rabbitmq.conf in sysctl format, advanced.config's Erlang terms,
 * definitions.json, `rabbitmqctl set_policy`): partition handling and the disk
 * free limit, the copies a mirroring policy keeps, connection_max, and policy
 * keys that drop or expire st2's messages. Only names and numbers leave here.
 */
import { ST2_QUEUES } from './store-queues.js';

/** rabbitmq.conf keys and advanced.config terms in a text. */
export function rabbitSettings(text: string): Array<{ setting: 'partition_handling' | 'disk_absolute' | 'disk_relative'; value: string }> {
  const out: Array<{ setting: 'partition_handling' | 'disk_absolute' | 'disk_relative'; value: string }> = [];
  if (text.includes('cluster_partition_handling')) {
    for (const m of text.matchAll(/^[ \t]*cluster_partition_handling[ \t]*=[ \t]*([^\r\n#]*?)[ \t\r]*$/gm)) out.push({ setting: 'partition_handling', value: m[1] ?? '' });
    for (const m of text.matchAll(/\{\s*cluster_partition_handling\s*,\s*(?:\{\s*)?([a-z_]+)/g)) out.push({ setting: 'partition_handling', value: m[1] ?? '' });
  }
  if (text.includes('disk_free_limit')) {
    for (const m of text.matchAll(/^[ \t]*disk_free_limit(?:\.(absolute|relative))?[ \t]*=[ \t]*([^\r\n#]*?)[ \t\r]*$/gm)) {
      out.push({ setting: m[1] === 'relative' ? 'disk_relative' : 'disk_absolute', value: m[2] ?? '' });
    }
    for (const m of text.matchAll(/\{\s*disk_free_limit\s*,\s*(?:\{\s*mem_relative\s*,\s*([0-9.]+)|\{\s*absolute\s*,\s*["']?([0-9A-Za-z]+)|["']?([0-9A-Za-z]+))/g)) {
      out.push(m[1] !== undefined ? { setting: 'disk_relative', value: m[1] } : { setting: 'disk_absolute', value: m[2] ?? m[3] ?? '' });
    }
  }
  return out;
}

/** The copies each mirroring policy in a text keeps (`ha-mode` exactly/nodes); undefined entries are `all`. */
export function mirrorCopies(text: string): number[] {
  if (!text.includes('ha-mode')) return [];
  const out: number[] = [];
  for (const m of text.matchAll(/["']?ha-mode["']?\s*:\s*["']([a-z]+)["']/g)) {
    // The definition object around it: from the last `{` before to the first `}` after.
    const at = m.index ?? 0;
    const start = text.lastIndexOf('{', at);
    const end = text.indexOf('}', at);
    const body = text.slice(start < 0 ? 0 : start, end < 0 ? text.length : end);
    const mode = m[1];
    const params = /["']?ha-params["']?\s*:\s*(\[[^\]]*\]|["']?[0-9]+["']?)/.exec(body)?.[1];
    if (mode === 'exactly') out.push(params === undefined ? 0 : Number(params.replace(/["']/g, '')) || 0);
    else if (mode === 'nodes') out.push(params === undefined || !params.startsWith('[') ? 0 : (params.match(/["'][^"']+["']/g) ?? []).length);
    else if (mode !== 'all') out.push(0);
  }
  return out;
}

/** rabbitmq.conf's `connection_max = N` and advanced.config's `{connection_max, N}` (infinity is no limit; -1: a value RabbitMQ refuses). */
export function connectionMax(text: string): number[] {
  if (!text.includes('connection_max')) return [];
  const out: number[] = [];
  for (const m of text.matchAll(/^[ \t]*connection_max[ \t]*=[ \t]*([^\r\n#]*?)[ \t\r]*$/gm)) out.push(limitOf(m[1] ?? ''));
  for (const m of text.matchAll(/\{\s*connection_max\s*,\s*([a-z0-9_]+)\s*\}/g)) out.push(limitOf(m[1] ?? ''));
  return out.filter((n) => n !== Infinity);
}

const limitOf = (v: string): number => (v === 'infinity' ? Infinity : /^[0-9]+$/.test(v) ? Number(v) : -1);

/**
 * Policy keys that drop or expire st2's messages or queues (message-ttl,
 * expires, max-length, max-length-bytes, delivery-limit), in definitions.json
 * policies or `rabbitmqctl set_policy`, when the policy's pattern matches one
 * of st2's queues (a pattern JavaScript cannot compile is taken to match).
 */
export function queueDrops(text: string): string[] {
  if (!/message-ttl|max-length|expires|delivery-limit/.test(text) || !/set_policy|["']policies["']\s*:/.test(text)) return [];
  const out: string[] = [];
  for (const m of text.matchAll(/["']?(message-ttl|expires|max-length-bytes|max-length|delivery-limit)["']?\s*:/g)) {
    const at = m.index ?? 0;
    const before = text.slice(Math.max(0, at - 600), at);
    // The nearest pattern before the key: definitions.json's "pattern", or set_policy NAME PATTERN '{...'.
    const json = [...before.matchAll(/["']pattern["']\s*:\s*"((?:[^"\\]|\\.)*)"/g)].pop()?.[1];
    const cli = [...before.matchAll(/set_policy\s+(?:--?[a-z-]+(?:[= ]\S+)?\s+)*\S+\s+(["']?)(.*?)\1\s+['"]?\{/g)].pop()?.[2];
    const pattern = (cli ?? json ?? '').replace(/\\\\/g, '\\');
    if (matchesSt2(pattern)) out.push(m[1] ?? '');
  }
  return out;
}

function matchesSt2(pattern: string): boolean {
  try {
    const re = new RegExp(pattern);
    return ST2_QUEUES.some((q) => re.test(q));
  } catch {
    return true;
  }
}

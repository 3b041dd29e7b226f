/**
 * emptyDir volumes an init container fills with the packs of a StackStorm
 * image (the chart's st2-system-packs: `cp -aR /opt/stackstorm/packs/.
 * <mount>`) and that carry a sizeLimit (ST2-OPS-062). The kubelet evicts a
 * pod whose emptyDir holds more than its sizeLimit (a memory-backed one is a
 * tmpfs of that size: the copy fails with no space), so a limit below what
 * the copy writes evicts or blocks every pod of the workload. What the copy
 * writes at least is the policy's floor (settings.outage.min_st2_packs_volume_bytes: the
 * kubelet counts blocks, so st2 3.8.1's 169 files take 724,992 bytes, not their 214,200).
 * Most pods set no sizeLimit: they cost one look at their volumes.
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';
import type { ContainerAt } from './container-walk.js';
import { parseQuantity } from './quantity.js';

type Path = Array<string | number>;

export interface PacksVolumeFact {
  readonly resource: number;
  /** The volume's emptyDir.sizeLimit. */
  readonly path: Path;
  readonly volume: string;
  readonly bytes: number;
  readonly memory: boolean;
}

const PACKS = '/opt/stackstorm/packs';
// The copy's source: the image's packs directory itself, not a directory beside it (packs-shared).
const SOURCE = /\/opt\/stackstorm\/packs(?:\/|\s|$)/;

const words = (c: JsonObject, key: string): string[] => {
  const v = c[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

/** StackStorm's own images (stackstorm/<name> on any registry): their /opt/stackstorm/packs holds the system packs. */
function st2Image(image: unknown): boolean {
  if (typeof image !== 'string') return false;
  const parts = (image.split('@')[0] ?? '').split('/');
  return parts.length >= 2 && parts[parts.length - 2] === 'stackstorm';
}

export function packsVolumes(out: PacksVolumeFact[], resource: number, specPath: Path, spec: JsonObject, containers: readonly ContainerAt[]): void {
  const volumes = spec['volumes'];
  if (!Array.isArray(volumes)) return;
  const limited = new Map<string, { k: number; bytes: number; memory: boolean }>();
  volumes.forEach((v, k) => {
    if (!isJsonObject(v) || typeof v['name'] !== 'string') return;
    const dir = v['emptyDir'];
    const bytes = isJsonObject(dir) ? parseQuantity(dir['sizeLimit']) : undefined;
    if (bytes !== undefined && isJsonObject(dir)) limited.set(v['name'], { k, bytes, memory: dir['medium'] === 'Memory' });
  });
  if (limited.size === 0) return;
  const filled = new Set<string>();
  for (const { container, field } of containers) {
    if (field !== 'initContainers' || !st2Image(container['image'])) continue;
    // Each command of the script that copies the packs: the volume mounted where it writes is filled.
    const copies = [...words(container, 'command'), ...words(container, 'args')]
      .join(' ')
      .split(/&&|\|\||[;\n|]/)
      .filter((c) => SOURCE.test(c));
    if (copies.length === 0) continue;
    const mounts = container['volumeMounts'];
    if (!Array.isArray(mounts)) continue;
    for (const m of mounts) {
      if (!isJsonObject(m) || typeof m['name'] !== 'string' || typeof m['mountPath'] !== 'string') continue;
      const at = m['mountPath'].replace(/\/+$/, '');
      if (limited.has(m['name']) && at !== PACKS && at !== '' && copies.some((c) => c.includes(at))) filled.add(m['name']);
    }
  }
  for (const name of filled) {
    const v = limited.get(name);
    if (v !== undefined) out.push({ resource, path: [...specPath, 'volumes', v.k, 'emptyDir', 'sizeLimit'], volume: name, bytes: v.bytes, memory: v.memory });
  }
}

/**
 * The st2 configuration a container actually runs with: its `--config-file` arguments in
 * order (later files win, as oslo.config reads them), each resolved to the rendered
 * ConfigMap, Secret or ExternalSecret template mounted at that path. The image's own
 * /etc/st2/st2.conf is not in the render and is left out.
 */
import { at, isRecord, isString, kindOf, listAt, nameOf, recordsAt, stringAt, stringMapAt, type Manifest } from './manifest-guards.js';

export type Ini = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Parses the INI subset st2.conf uses: `[section]`, `key = value`, `#`/`;` comments. */
export function parseIni(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  let section = 'DEFAULT';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header?.[1] !== undefined) {
      section = header[1];
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    (out[section] ??= {})[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

/** A file a container sees through a volume mount, and where its bytes come from. */
export interface MountedFile {
  readonly path: string;
  readonly volume: Record<string, unknown>;
  /** The key inside the ConfigMap or Secret. */
  readonly key: string;
  /** The file's text when the render holds it (ConfigMap data, Secret data, ExternalSecret template). */
  readonly text: string | undefined;
}

function secretText(resources: readonly Manifest[], secretName: string, key: string): string | undefined {
  const secret = resources.find((r) => kindOf(r) === 'Secret' && nameOf(r) === secretName);
  if (secret !== undefined) {
    const b64 = stringMapAt(secret, 'data')[key];
    return b64 === undefined ? stringMapAt(secret, 'stringData')[key] : Buffer.from(b64, 'base64').toString('utf8');
  }
  const external = resources.find((r) => kindOf(r) === 'ExternalSecret' && (stringAt(r, 'spec', 'target', 'name') ?? nameOf(r)) === secretName);
  return external === undefined ? undefined : stringMapAt(external, 'spec', 'target', 'template', 'data')[key];
}

/** Resolves `path` in a container to the volume item mounted there (subPath or directory mount with items). */
export function mountedFile(podSpec: unknown, container: unknown, path: string, resources: readonly Manifest[]): MountedFile | undefined {
  for (const mount of recordsAt(container, 'volumeMounts')) {
    const mountPath = stringAt(mount, 'mountPath') ?? '';
    const subPath = stringAt(mount, 'subPath');
    let key: string | undefined;
    const volume = recordsAt(podSpec, 'volumes').find((v) => v['name'] === mount['name']);
    if (volume === undefined) continue;
    const items = [...recordsAt(volume, 'configMap', 'items'), ...recordsAt(volume, 'secret', 'items')];
    const keyForFile = (file: string): string | undefined =>
      items.length === 0 ? file : stringAt(items.find((i) => i['path'] === file), 'key');
    if (subPath !== undefined && mountPath === path) key = keyForFile(subPath);
    else if (subPath === undefined && path.startsWith(`${mountPath.replace(/\/$/, '')}/`)) key = keyForFile(path.slice(mountPath.replace(/\/$/, '').length + 1));
    if (key === undefined) continue;
    const configMap = stringAt(volume, 'configMap', 'name');
    const secretName = stringAt(volume, 'secret', 'secretName');
    const text =
      configMap !== undefined
        ? stringMapAt(resources.find((r) => kindOf(r) === 'ConfigMap' && nameOf(r) === configMap), 'data')[key]
        : secretName !== undefined
          ? secretText(resources, secretName, key)
          : undefined;
    return { path, volume, key, text };
  }
  return undefined;
}

/** The `--config-file=` paths of a container's command and args, in order. */
export function configFilesOf(container: unknown): string[] {
  return [...listAt(container, 'command'), ...listAt(container, 'args')]
    .filter(isString)
    .filter((a) => a.startsWith('--config-file='))
    .map((a) => a.slice('--config-file='.length));
}

/** The merged configuration of a container's mounted --config-files (later files win). */
export function effectiveConfig(podSpec: unknown, container: unknown, resources: readonly Manifest[]): Ini {
  const merged: Record<string, Record<string, string>> = {};
  for (const file of configFilesOf(container)) {
    const text = mountedFile(podSpec, container, file, resources)?.text;
    if (text === undefined) continue;
    for (const [section, values] of Object.entries(parseIni(text))) merged[section] = { ...merged[section], ...values };
  }
  return merged;
}

/** The first container whose command runs an st2 binary from /opt/stackstorm/st2/bin. */
export function st2ContainerOf(podSpec: unknown): Record<string, unknown> | undefined {
  return recordsAt(podSpec, 'containers').find((c) => listAt(c, 'command').some((a) => isString(a) && a.startsWith('/opt/stackstorm/st2/bin/')));
}

/** The pod's containers, init containers first, with their names. */
export function allContainers(podSpec: unknown): ReadonlyArray<Record<string, unknown>> {
  return [...recordsAt(podSpec, 'initContainers'), ...recordsAt(podSpec, 'containers')];
}

export function numberAt(value: unknown, ...keys: readonly string[]): number | undefined {
  const v = at(value, ...keys);
  return typeof v === 'number' ? v : undefined;
}

export { isRecord };

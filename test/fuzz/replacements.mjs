/**
 * The generator's `replacements`: inline entries and `path:` files (a list
 * or one entry), sources by kind/name/namespace/version with field paths
 * into scalars, lists and mappings (indexes, `[k=v]`, escaped dots, `-`),
 * source delimiter/index, targets by id, label and annotation selectors and
 * `reject`, target paths with `*`, `[k=regex]`, `[=v]`, indexes and created
 * fields, target delimiter/index/create. Paths are drawn from the resources
 * the generator wrote, so most entries apply; some fail on both sides.
 *
 * It draws from its own seeded stream, so the rest of a case is what it
 * would be without it.
 */
import { map, plain, seq, writeDocument } from './yaml-writer.mjs';

const ANY_SOURCE = ['metadata.name', 'metadata.namespace', 'metadata.labels.app', 'metadata.labels.tier', 'metadata.annotations.note', 'metadata.annotations.prometheus\\.io/scrape', 'metadata.annotations.[prometheus.io/port]', 'metadata.labels'];
const SOURCES = {
  Deployment: ['spec.replicas', 'spec.template.spec.containers.0.image', 'spec.template.spec.containers.0.name', 'spec.template.spec.containers.0.args', 'spec.template.spec.containers.0.args.0', 'spec.template.spec.containers.0.args.-', 'spec.template.spec.containers.[name=sidecar].image', 'spec.template.spec.containers.0.env.[name=A].value', 'spec.template.spec.containers.0.ports.0.containerPort', 'spec.selector.matchLabels', 'spec.template.metadata.labels.app', 'spec.template.spec.containers.0.env'],
  Service: ['spec.ports.0.port', 'spec.ports.0.targetPort', 'spec.selector', 'spec.selector.app', 'spec.ports.[port=80].targetPort'],
  ConfigMap: ['data.a', 'data.b', 'data.KEY', 'data.x\\.y', 'data.[config.yaml]', 'data'],
  Widget: ['spec.size', 'spec.config', 'spec.alpha', 'spec.a1.0'],
  CronJob: ['spec.schedule', 'spec.jobTemplate.spec.template.spec.containers.0.image'],
};
SOURCES.StatefulSet = [...SOURCES.Deployment, 'spec.serviceName'];

const ANY_TARGET = ['metadata.annotations.copied', 'metadata.annotations.note', 'metadata.labels.app', 'metadata.labels.copied', 'metadata.annotations.[example.com/copied]'];
const TARGETS = {
  Deployment: ['spec.replicas', 'spec.template.spec.containers.0.image', 'spec.template.spec.containers.*.image', 'spec.template.spec.containers.[name=.*].env.[name=A].value', 'spec.template.spec.containers.[name=side].image', 'spec.template.spec.containers.0.args.0', 'spec.template.spec.containers.0.args', 'spec.template.metadata.annotations.copied', 'spec.template.spec.containers.[name=new].image', 'spec.template.spec.containers.0.args.[=--flag]', 'spec.template.spec.containers.0.env.[name=NEW].value', 'spec.template.spec.nodeSelector', 'spec.selector.matchLabels.app', 'spec.template.spec.containers.1.image'],
  Service: ['spec.ports.0.targetPort', 'spec.ports.0.port', 'spec.selector.app', 'spec.selector', 'spec.ports.*.name', 'spec.ports.[port=80].name'],
  ConfigMap: ['data.a', 'data.copied', 'data.KEY', 'data', 'data.[st2.conf]'],
  Widget: ['spec.size', 'spec.config', 'spec.copied', 'spec.a1.0', 'spec.list.0'],
  CronJob: ['spec.schedule', 'spec.jobTemplate.spec.template.spec.containers.*.image'],
};
TARGETS.StatefulSet = [...TARGETS.Deployment, 'spec.serviceName'];

const quoted = (text) => plain(JSON.stringify(text));

function options(rnd, source) {
  const entries = [];
  if (rnd.chance(source ? 0.2 : 0.25)) {
    entries.push(['delimiter', quoted(rnd.pick([':', '/', '-', '.', ',', '=']))]);
    if (rnd.chance(0.7)) entries.push(['index', plain(String(rnd.pick(source ? [0, 1, 1, 2, -1] : [0, 1, 2, 5, -1])))]);
  }
  if (!source && rnd.chance(0.45)) entries.push(['create', plain(rnd.pick(['true', 'true', 'false']))]);
  if (rnd.edgy()) entries.push(['encoding', plain('base64')]);
  return entries.length > 0 ? map(entries) : undefined;
}

function selector(rnd, resources, forReject) {
  const r = rnd.pick(resources);
  const forms = [
    () => [['kind', plain(r.kind)]],
    () => [['kind', plain(r.kind)], ['name', plain(r.name)]],
    () => [['name', plain(r.name)]],
    () => [['group', plain(r.apiVersion.includes('/') ? r.apiVersion.split('/')[0] : rnd.pick(['apps', 'example.com']))], ['version', plain(r.apiVersion.split('/').pop())]],
    () => [['namespace', plain(rnd.pick(['st2', 'default', 'other', 'st2-prod']))]],
    () => [['labelSelector', quoted(rnd.pick(['app=web', 'app in (web,api)', '!tier', 'app', 'tier!=x', 'app notin (db)']))]],
    () => [['annotationSelector', quoted(rnd.pick(['note', '!note', 'prometheus.io/scrape']))]],
    () => [],
  ];
  return map(rnd.pick(forReject ? forms.slice(0, 7) : forms)());
}

/** Paths every resource of the kind has in the generator's trees, and paths some lack. */
const SAFE_SOURCES = {
  Deployment: ['metadata.name', 'spec.template.spec.containers.0.image', 'spec.template.spec.containers.0.name', 'spec.template.spec.containers.[name=sidecar].image'],
  Service: ['metadata.name', 'spec.ports.0.port', 'spec.ports.0.targetPort', 'spec.ports.[port=80].targetPort', 'spec.ports'],
  ConfigMap: ['metadata.name', 'metadata.labels.app', 'metadata.labels'],
  Widget: ['metadata.name', 'spec', 'spec.size'],
  CronJob: ['metadata.name', 'spec.schedule', 'spec.jobTemplate.spec.template.spec.containers.0.image'],
};
SAFE_SOURCES.StatefulSet = SAFE_SOURCES.Deployment;

/** Fields `create` can always make on a resource of the kind (selected by that kind). */
const SAFE_TARGETS = {
  any: ['metadata.annotations.copied', 'metadata.labels.copied', 'metadata.annotations.[example.com/copied]'],
  Deployment: ['spec.template.metadata.annotations.copied', 'spec.template.spec.containers.0.image', 'spec.template.spec.containers.*.image', 'spec.template.spec.containers.0.env.[name=NEW].value'],
  Service: ['spec.ports.0.targetPort', 'spec.ports.*.name'],
  ConfigMap: ['data.copied', 'data.x\\.y'],
  Widget: ['spec.copied', 'spec.copied.0'],
  CronJob: ['spec.jobTemplate.spec.template.spec.containers.*.image'],
};
SAFE_TARGETS.StatefulSet = SAFE_TARGETS.Deployment;

function sourceEntry(rnd, resources) {
  const r = rnd.pick(resources);
  const fields = [];
  // Kind alone may match several resources: both renderers must then fail alike.
  if (rnd.chance(0.95)) fields.push(['kind', plain(r.kind)]);
  if (rnd.chance(0.9)) fields.push(['name', plain(r.name)]);
  if (rnd.chance(0.15)) fields.push(['version', plain(r.apiVersion.split('/').pop())]);
  if (rnd.chance(0.1)) fields.push(['namespace', plain(r.namespace ?? rnd.pick(['default', 'st2']))]);
  const paths = rnd.chance(0.6) ? (SAFE_SOURCES[r.kind] ?? ['metadata.name']) : [...(SOURCES[r.kind] ?? []), ...ANY_SOURCE];
  if (rnd.chance(0.9)) fields.push(['fieldPath', quoted(rnd.pick(paths))]);
  const opts = options(rnd, true);
  if (opts) fields.push(['options', opts]);
  return map(fields);
}

function targetEntry(rnd, resources) {
  const r = rnd.pick(resources);
  const select = rnd.chance(0.7) ? map([['kind', plain(r.kind)], rnd.chance(0.3) && ['name', plain(r.name)]]) : selector(rnd, resources, false);
  const safe = rnd.chance(0.55);
  const pool = safe ? [...SAFE_TARGETS.any, ...(SAFE_TARGETS[r.kind] ?? [])] : rnd.chance(0.7) ? [...ANY_TARGET, ...(TARGETS[r.kind] ?? [])] : [...ANY_TARGET, ...Object.values(TARGETS).flat()];
  const fieldPaths = rnd.sample(pool, rnd.chance(0.8) ? 1 : 2).map(quoted);
  let opts = options(rnd, false);
  if (safe || (opts === undefined && rnd.chance(0.5))) opts = map([...(opts?.map ?? []).filter(([k]) => k !== 'create'), ['create', plain('true')]]);
  return map([
    ['select', select],
    rnd.chance(0.2) && ['reject', seq([selector(rnd, resources, true)])],
    rnd.chance(0.95) && ['fieldPaths', seq(fieldPaths)],
    opts && ['options', opts],
  ].filter(Boolean));
}

function replacement(rnd, resources) {
  return map([
    ['source', sourceEntry(rnd, resources)],
    ['targets', seq(Array.from({ length: rnd.chance(0.8) ? 1 : 2 }, () => targetEntry(rnd, resources)))],
  ]);
}

/** Adds a `replacements` field (inline entries, maybe a file) to the kustomization fields `f`. */
export function addReplacements(rnd, resources, f, files, dir) {
  const usable = resources.filter((r) => r.kind && r.name);
  if (usable.length === 0) return;
  const entries = [];
  for (let i = rnd.int(1, 2); i > 0; i--) {
    if (rnd.chance(0.25)) {
      const file = `replacements-${Object.keys(files).length}.yaml`;
      const list = rnd.chance(0.6);
      const body = list ? seq(Array.from({ length: rnd.int(1, 2) }, () => replacement(rnd, usable))) : replacement(rnd, usable);
      files[`${dir}${file}`] = writeDocument(rnd, body);
      entries.push(map([['path', plain(file)]]));
    } else {
      entries.push(replacement(rnd, usable));
    }
  }
  f.push(['replacements', seq(entries)]);
}

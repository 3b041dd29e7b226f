/**
 * The generator's strategic-merge patches: `patches` entries (inline or by
 * path, with or without a target, one or two documents, options) and the
 * deprecated `patchesStrategicMerge` (inline or files), whose documents name
 * base resources and touch what kyaml merges differently: containers, env,
 * ports, volumeMounts and volumes by key, finalizers by value, lists without
 * a schema replaced, `null` deletes, `$patch` directives, whole-resource
 * deletes, a nested apiVersion/kind in a custom resource.
 *
 * It draws from its own seeded stream, so the rest of a case is what it
 * would be without it.
 */
import { ANNOTATION_KEYS, annotationValue, labelValue, scalarLeaf } from './yaml-pieces.mjs';
import { map, plain, seq, writeDocument } from './yaml-writer.mjs';

/** Reads apiVersion, kind, name and namespace from the generator's document trees. */
export function describeResources(docs) {
  const text = (node) => (node && node.inline !== undefined ? node.inline.replace(/^["']|["']$/g, '') : undefined);
  const field = (node, key) => node?.map?.find(([k]) => k === key)?.[1];
  return docs
    .map((doc) => {
      const metadata = field(doc, 'metadata');
      return { apiVersion: text(field(doc, 'apiVersion')), kind: text(field(doc, 'kind')), name: text(field(metadata, 'name')), namespace: text(field(metadata, 'namespace')) };
    })
    .filter((r) => r.kind && r.name && r.apiVersion && r.kind !== 'Namespace');
}

const leaf = (rnd) => (rnd.chance(0.15) ? plain(rnd.pick(['null', '~', ''])) : scalarLeaf(rnd));

function containerPatch(rnd, name) {
  return map([
    ['name', plain(name)],
    rnd.chance(0.4) && ['image', plain(rnd.pick(['busybox:1', 'redis:7', 'nginx']))],
    rnd.chance(0.3) && ['args', rnd.chance(0.2) ? plain('null') : seq([plain('--flag'), scalarLeaf(rnd)])],
    rnd.chance(0.4) && ['env', seq(rnd.sample(['A', 'B', 'C'], rnd.int(1, 2)).map((n) => map([['name', plain(n)], rnd.chance(0.2) ? ['$patch', plain('delete')] : ['value', leaf(rnd)]])))],
    rnd.chance(0.3) && ['ports', seq([map([['containerPort', plain(rnd.pick(['8080', '9090', '80']))], rnd.chance(0.4) && ['protocol', plain(rnd.pick(['TCP', 'UDP']))], rnd.chance(0.4) && ['name', plain('metrics')]])])],
    rnd.chance(0.3) && ['volumeMounts', seq([map([['name', plain('data')], ['mountPath', plain(rnd.pick(['/data', '/cache']))], rnd.chance(0.3) && ['readOnly', plain('true')]])])],
    rnd.chance(0.3) && ['resources', rnd.chance(0.2) ? map([['$patch', plain(rnd.pick(['delete', 'replace']))], ['limits', map([['cpu', plain('"1"')]])]]) : map([['limits', map([['cpu', leaf(rnd)], ['memory', plain('1Gi')]])]])],
    rnd.chance(0.1) && ['$patch', plain('delete')],
  ]);
}

function podSpecPatch(rnd, workload) {
  const names = [workload, 'sidecar', 'init', 'new'];
  const containers = rnd.sample(names, rnd.int(1, 2)).map((n) => containerPatch(rnd, n));
  if (rnd.chance(0.08)) containers.unshift(map([['$patch', plain('replace')]]));
  if (rnd.chance(0.05)) containers.push(map([['image', plain('nameless:1')]]));
  return map([
    rnd.chance(0.85) && ['containers', seq(containers)],
    rnd.chance(0.2) && ['initContainers', seq([containerPatch(rnd, 'init')])],
    rnd.chance(0.25) && ['volumes', seq([map([['name', plain('data')], rnd.chance(0.3) ? ['$patch', plain('delete')] : [rnd.pick(['emptyDir', 'configMap']), rnd.chance(0.5) ? plain('{}') : map([['name', plain('cfg')]])]])])],
    rnd.chance(0.2) && ['nodeSelector', rnd.chance(0.2) ? plain('null') : map([['disk', plain('ssd')], rnd.chance(0.2) && ['$patch', plain('replace')]])],
    rnd.chance(0.15) && ['tolerations', seq([map([['key', plain('dedicated')], ['operator', plain('Exists')]])])],
  ]);
}

function templatePatch(rnd, workload) {
  return map([
    rnd.chance(0.3) && ['metadata', map([[rnd.pick(['labels', 'annotations']), map([[rnd.pick(['team', 'note', 'app']), plain(labelValue(rnd))]])]])],
    ['spec', podSpecPatch(rnd, workload)],
  ]);
}

function metadataPatch(rnd, resource, namespaced) {
  return map([
    ['name', plain(resource.name)],
    namespaced && ['namespace', plain(resource.namespace)],
    rnd.chance(0.3) && ['labels', map([[rnd.pick(['team', 'app', 'example.com/part']), rnd.chance(0.15) ? plain('null') : plain(labelValue(rnd))]])],
    rnd.chance(0.3) && ['annotations', map(rnd.sample(ANNOTATION_KEYS, rnd.int(1, 2)).map((k) => [k, plain(annotationValue(rnd))]))],
    rnd.chance(0.15) && ['finalizers', seq(rnd.sample(['a.example.com/x', 'b.example.com/y', 'kubernetes'], rnd.int(1, 2)).map(plain))],
  ]);
}

function specPatch(rnd, resource) {
  switch (resource.kind) {
    case 'Deployment':
    case 'StatefulSet':
      return map([
        rnd.chance(0.3) && ['replicas', rnd.chance(0.2) ? plain('null') : plain(rnd.pick(['2', '4']))],
        rnd.chance(0.15) && ['strategy', map([['type', plain('Recreate')], ['rollingUpdate', plain('null')]])],
        rnd.chance(0.8) && ['template', templatePatch(rnd, resource.name)],
      ]);
    case 'CronJob':
      return map([['jobTemplate', map([['spec', map([['template', templatePatch(rnd, resource.name)]])]])]]);
    case 'Service':
      return map([
        rnd.chance(0.7) && ['ports', seq([map([['port', plain(rnd.pick(['80', '443']))], rnd.chance(0.5) && ['targetPort', plain(rnd.pick(['8443', 'http']))], rnd.chance(0.3) && ['protocol', plain('TCP')], rnd.chance(0.3) && ['name', plain('web')]])])],
        rnd.chance(0.3) && ['selector', map([['app', plain(labelValue(rnd))]])],
      ]);
    case 'Widget':
      return map([
        rnd.chance(0.5) && ['size', leaf(rnd)],
        rnd.chance(0.4) && ['config', rnd.chance(0.3) ? plain('null') : map([['alpha', scalarLeaf(rnd)], ['list', seq([scalarLeaf(rnd)])]])],
        rnd.chance(0.2) && ['workload', map([['apiVersion', plain('apps/v1')], ['kind', plain('Deployment')], ['spec', map([['template', templatePatch(rnd, 'embedded')]])]])],
      ]);
    default:
      return undefined;
  }
}

function smpDocument(rnd, resource, targeted) {
  const namespaced = !targeted && resource.namespace !== undefined;
  const body = [
    ['apiVersion', plain(resource.apiVersion)],
    ['kind', plain(targeted && rnd.chance(0.2) ? 'Anything' : resource.kind)],
    ['metadata', metadataPatch(rnd, targeted && rnd.chance(0.2) ? { ...resource, name: 'any-name' } : resource, namespaced)],
  ];
  if (rnd.chance(0.04)) body.push(['$patch', plain('delete')]);
  else if (resource.kind === 'ConfigMap') {
    if (rnd.chance(0.8)) body.push(['data', map(rnd.sample(['a', 'b', 'new', 'KEY'], rnd.int(1, 2)).map((k) => [k, leaf(rnd)]))]);
  } else {
    const spec = specPatch(rnd, resource);
    if (spec && spec.map.length > 0) body.push(['spec', spec]);
  }
  return map(body);
}

function smpTarget(rnd, resource) {
  return map(
    rnd.pick([
      () => [['kind', plain(resource.kind)]],
      () => [['kind', plain(resource.kind)], ['name', plain(resource.name)]],
      () => [['name', plain(`${resource.name}.*`)]],
      () => [['labelSelector', plain(`app=${resource.name}`)]],
      () => [['kind', plain('NoSuchKind')]],
    ])(),
  );
}

function block(text) {
  return { header: '|', lines: text.replace(/\n$/, '').split('\n') };
}

/**
 * Adds strategic-merge entries to a kustomization's fields (`f`, the
 * generator's [key, node] list): appended to `patches`, or a
 * `patchesStrategicMerge` field. Writes patch files into `files` under `dir`.
 */
export function addStrategicMergePatches(rnd, resources, f, files, dir) {
  if (resources.length === 0) return;
  const patchEntries = [];
  for (let i = rnd.int(1, 2); i > 0; i--) {
    const resource = rnd.pick(resources);
    const targeted = rnd.chance(0.35);
    const docs = [smpDocument(rnd, resource, targeted)];
    if (!targeted && rnd.chance(0.2)) docs.push(smpDocument(rnd, rnd.pick(resources), false));
    const text = docs.map((d) => writeDocument(rnd, d)).join('---\n');
    const options = targeted && rnd.chance(0.1) ? map([[rnd.pick(['allowNameChange', 'allowKindChange']), plain('true')]]) : undefined;
    const tgt = targeted ? smpTarget(rnd, resource) : undefined;
    if (rnd.chance(0.35)) {
      const file = `smp-${Object.keys(files).length}.yaml`;
      files[`${dir}${file}`] = text;
      patchEntries.push(map([['path', plain(file)], tgt && ['target', tgt], options && ['options', options]]));
    } else {
      patchEntries.push(map([['patch', block(text)], tgt && ['target', tgt], options && ['options', options]]));
    }
  }
  if (rnd.chance(0.3)) {
    const legacy = [];
    for (let i = rnd.int(1, 2); i > 0; i--) {
      const text = writeDocument(rnd, smpDocument(rnd, rnd.pick(resources), false));
      if (rnd.chance(0.5)) {
        const file = `legacy-${Object.keys(files).length}.yaml`;
        files[`${dir}${file}`] = text;
        legacy.push(plain(file));
      } else legacy.push(block(text));
    }
    f.push(['patchesStrategicMerge', seq(legacy)]);
  }
  const existing = f.find(([key]) => key === 'patches');
  if (existing) existing[1].seq.push(...patchEntries);
  else f.push(['patches', seq(patchEntries)]);
}

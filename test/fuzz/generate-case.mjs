/**
 * Generates one realistic kustomization tree from a seed: a base of
 * workloads, services, ConfigMaps and a custom resource written in every
 * YAML style, optionally a middle overlay and components, and a top
 * kustomization with patches (all six RFC 6902 ops, escaped paths, every
 * target form), labels, annotations, namespace, images, replicas and
 * replacements (replacements.mjs), local-config annotations (local-config.mjs),
 * sortOptions and buildMetadata (build-options.mjs).
 *
 * A case is { files: { relPath: text } }; the tree is built at its root.
 */
import { createRandom } from './random.mjs';
import { ANNOTATION_KEYS, annotationValue, labelValue, mapKey, scalarLeaf } from './yaml-pieces.mjs';
import { map, plain, seq, writeDocument, writeStream } from './yaml-writer.mjs';
import { addStrategicMergePatches, describeResources } from './strategic-merge.mjs';
import { addReplacements } from './replacements.mjs';
import { addLocalConfigPatch, markLocalConfig } from './local-config.mjs';
import { addBuildOptions } from './build-options.mjs';

const NAMES = ['web', 'api', 'worker', 'db'];
const IMAGES = ['stackstorm/st2api', 'docker.io/library/nginx', 'registry.example.com:5000/team/app', 'busybox', 'redis'];

function metadata(rnd, name, extra = {}) {
  const entries = [['name', plain(name)]];
  if (extra.namespace ?? rnd.chance(0.2)) entries.push(['namespace', plain(extra.namespace ?? rnd.pick(['st2', 'default', 'other']))]);
  if (!rnd.edgy()) entries.push(['labels', map([['app', plain(extra.app ?? name)], rnd.chance(0.4) && ['tier', plain(labelValue(rnd))]])]);
  if (rnd.chance(0.4)) {
    const keys = rnd.sample(ANNOTATION_KEYS, rnd.int(1, 3));
    entries.push(['annotations', map(keys.map((k) => [k, plain(annotationValue(rnd))]))]);
  }
  return map(entries);
}

function randomTree(rnd, depth) {
  if (depth <= 0 || rnd.chance(0.45)) return scalarLeaf(rnd);
  if (rnd.chance(0.5)) {
    const keys = rnd.sample(['alpha', 'beta', 'Gamma', 'a-b', 'a.b', 'a1', 'a10', 'a9', '"1"', '"10"', 'ä', '"yes"', 'x y', '"a/b"'], rnd.int(1, 4));
    return map(keys.map((k) => [k, randomTree(rnd, depth - 1)]));
  }
  return seq(Array.from({ length: rnd.int(1, 3) }, () => randomTree(rnd, depth - 1)));
}

function container(rnd, name) {
  const image = rnd.pick(IMAGES) + rnd.pick(['', ':1.0', ':latest', '@sha256:abc123', ':3.2@sha256:def456']);
  return map([
    ['name', plain(name)],
    ['image', plain(image)],
    rnd.chance(0.5) && ['args', seq(Array.from({ length: rnd.int(1, 3) }, () => scalarLeaf(rnd)))],
    rnd.chance(0.5) && ['env', seq([map([['name', plain('A')], ['value', scalarLeaf(rnd)]]), rnd.chance(0.5) && map([['name', plain('B')], ['value', plain('"b"')]])])],
    rnd.chance(0.3) && ['envFrom', seq([
      map([['configMapRef', map([['name', plain(rnd.pick(['settings', 'st2-config', 'cfg']))]])]]),
      rnd.chance(0.5) && map([['secretRef', map([['name', plain(rnd.pick(['st2-keys', 'registry']))]])]]),
    ])],
    rnd.chance(0.4) && ['ports', seq([map([['containerPort', plain(rnd.pick(['8080', '"8080"', '80']))], rnd.chance(0.5) && ['name', plain('http')]])])],
  ]);
}

function podTemplate(rnd, name) {
  const labels = rnd.chance(0.9) ? map([['app', plain(name)]]) : undefined;
  return map([
    ['metadata', map([labels && ['labels', labels], rnd.chance(0.2) && ['annotations', map([['note', plain(annotationValue(rnd))]])]])],
    ['spec', map([
      ['containers', seq([container(rnd, name), rnd.chance(0.3) && container(rnd, 'sidecar')])],
      rnd.chance(0.3) && ['initContainers', seq([container(rnd, 'init')])],
    ])],
  ]);
}

function deployment(rnd, name, kind = 'Deployment') {
  return map([
    ['apiVersion', plain('apps/v1')],
    ['kind', plain(kind)],
    ['metadata', metadata(rnd, name)],
    ['spec', map([
      rnd.chance(0.6) && ['replicas', plain(rnd.pick(['1', '3', '0']))],
      rnd.chance(0.8) && ['selector', map([['matchLabels', map([['app', plain(name)]])]])],
      kind === 'StatefulSet' && ['serviceName', plain(name)],
      ['template', podTemplate(rnd, name)],
    ])],
  ]);
}

function service(rnd, name) {
  return map([
    ['apiVersion', plain('v1')],
    ['kind', plain('Service')],
    ['metadata', metadata(rnd, name)],
    ['spec', map([
      rnd.chance(0.8) && ['selector', map([['app', plain(name)]])],
      ['ports', seq([map([['port', plain('80')], ['targetPort', plain(rnd.pick(['8080', 'http', '"8080"']))]])])],
    ])],
  ]);
}

function configMap(rnd, name) {
  const keys = rnd.sample(['a', 'b', 'config.yaml', 'KEY', 'x.y', '"1"', 'st2.conf'], rnd.int(0, 4));
  return map([
    ['apiVersion', plain('v1')],
    ['kind', plain('ConfigMap')],
    ['metadata', metadata(rnd, name)],
    keys.length > 0 && ['data', map(keys.map((k) => [k, scalarLeaf(rnd)]))],
  ]);
}

function customResource(rnd, name) {
  return map([
    ['apiVersion', plain(rnd.pick(['example.com/v1', 'stable.example.com/v1beta1']))],
    ['kind', plain('Widget')],
    ['metadata', metadata(rnd, name)],
    ['spec', rnd.edgy() ? randomTree(rnd, 3) : map([['size', scalarLeaf(rnd)], ['config', randomTree(rnd, 2)]])],
  ]);
}

function cronJob(rnd, name) {
  return map([
    ['apiVersion', plain('batch/v1')],
    ['kind', plain('CronJob')],
    ['metadata', metadata(rnd, name)],
    ['spec', map([['schedule', plain('"*/5 * * * *"')], ['jobTemplate', map([['spec', map([['template', podTemplate(rnd, name)]])]])]])],
  ]);
}

function anchorsDocument(rnd, name) {
  // Anchors, aliases and merge keys: every alias is its own node in kustomize.
  return map([
    ['apiVersion', plain('v1')],
    ['kind', plain('ConfigMap')],
    ['metadata', map([['name', plain(name)], ['labels', map([['app', plain('web')]], { anchor: 'lbl' })]])],
    ['data', map([['a', plain('&v shared')], ['b', { alias: 'v' }], rnd.chance(0.5) && ['c', plain('"<<"')]])],
  ]);
}

function baseResources(rnd) {
  const docs = [];
  const names = rnd.sample(NAMES, rnd.int(1, 3));
  for (const name of names) {
    const kind = rnd.weighted([[5, 'Deployment'], [2, 'StatefulSet'], [1, 'CronJob']]);
    workloads.set(name, kind);
    docs.push(kind === 'CronJob' ? cronJob(rnd, name) : deployment(rnd, name, kind));
    if (rnd.chance(0.6)) docs.push(service(rnd, name));
  }
  if (rnd.chance(0.7)) docs.push(configMap(rnd, 'cfg'));
  if (rnd.chance(0.5)) docs.push(customResource(rnd, 'w1'));
  if (rnd.chance(0.15)) docs.push(anchorsDocument(rnd, 'anchored'));
  if (rnd.chance(0.1)) docs.push(map([['apiVersion', plain('v1')], ['kind', plain('Namespace')], ['metadata', map([['name', plain('st2')]])]]));
  return { docs, names };
}

/** A JSON pointer segment escaped per RFC 6901. */
const esc = (segment) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

const PATHS = [
  () => `/metadata/annotations/${esc('prometheus.io/scrape')}`,
  () => `/metadata/annotations/${esc('a~b')}`,
  () => '/metadata/annotations',
  () => `/metadata/labels/${esc('example.com/tier')}`,
  () => '/metadata/labels/app',
  () => '/metadata/name',
  () => '/metadata/namespace',
  () => '/spec/replicas',
  () => '/spec/template/spec/containers/0/image',
  () => '/spec/template/spec/containers/0/args/-',
  () => '/spec/template/spec/containers/0/args/0',
  () => '/spec/template/spec/containers/0/env/0/value',
  () => '/spec/template/spec/containers/-',
  () => '/spec/template/spec/containers/1',
  () => '/spec/template/metadata/annotations',
  () => '/spec/template/metadata/labels/app',
  () => '/spec/selector/matchLabels/app',
  () => '/spec/ports/0/targetPort',
  () => '/data/a',
  () => '/data/new',
  () => '/spec/alpha',
  () => '/spec/a1/0',
  () => '/spec/nothere/deeper',
  () => '/spec/template/spec/containers/0/args/-1',
];

function patchValue(rnd, json) {
  if (json) {
    return rnd.pick(['"v"', '1', 'true', 'null', '{"a":"b"}', '["x"]', '"yes"', '"ünï"', '{"name":"side","image":"busybox"}', '3', '"a~b/c"']);
  }
  return rnd.weighted([
    [4, () => scalarLeaf(rnd)],
    [1, () => map([['name', plain('side')], ['image', plain('busybox')]])],
    [1, () => map([['k', scalarLeaf(rnd)]])],
    [1, () => seq([plain('x'), scalarLeaf(rnd)])],
  ])();
}

/**
 * Operations that apply whatever the target selects: annotations always
 * exist while kustomize patches (its internal ones), labels exist on every
 * resource of a clean case. A small model keeps later ops valid.
 */
function cleanOps(rnd, json) {
  const ops = [];
  const added = [];
  const value = () => patchValue(rnd, json);
  for (let i = rnd.int(1, 4); i > 0; i--) {
    const key = esc(rnd.pick(ANNOTATION_KEYS.concat(['x/y', 'new~key', 'plain'])));
    const kind = rnd.weighted([[4, 'add'], [2, 'label'], [1, 'copy'], [1, added.length ? 'test' : 'add'], [1, added.length ? 'move' : 'add'], [1, added.length ? 'remove' : 'add'], [1, 'replace-label']]);
    if (kind === 'add') {
      ops.push([['op', 'add'], ['path', `/metadata/annotations/${key}`], ['value', value()]]);
      added.push(key);
    } else if (kind === 'label') ops.push([['op', 'add'], ['path', `/metadata/labels/${esc(rnd.pick(['team', 'example.com/part', 'app']))}`], ['value', json ? '"x"' : plain(labelValue(rnd))]]);
    else if (kind === 'replace-label') ops.push([['op', 'replace'], ['path', '/metadata/labels/app'], ['value', json ? '"replaced"' : plain('replaced')]]);
    else if (kind === 'copy') {
      ops.push([['op', 'copy'], ['from', '/metadata/name'], ['path', `/metadata/annotations/${key}`]]);
      added.push(key);
    } else if (kind === 'test') ops.push([['op', 'test'], ['path', '/metadata/labels/app'], ['value', json ? '"nope"' : plain('nope')]].slice(0, 2).concat([['value', json ? 'null' : plain('null')]]).map((e, j) => (j === 1 ? ['path', '/metadata/notthere'] : e)));
    else if (kind === 'move') {
      const from = added.pop();
      ops.push([['op', 'move'], ['from', `/metadata/annotations/${from}`], ['path', `/metadata/annotations/moved-${from}`]]);
      added.push(`moved-${from}`);
    } else if (kind === 'remove') ops.push([['op', 'remove'], ['path', `/metadata/annotations/${added.pop()}`]]);
  }
  return ops;
}

function jsonOp(rnd, json) {
  const op = rnd.weighted([[5, 'add'], [3, 'replace'], [3, 'remove'], [1, 'move'], [1, 'copy'], [2, 'test'], [0.2, 'frobnicate']]);
  const path = rnd.pick(PATHS)();
  const from = rnd.pick(PATHS)();
  const entries = [['op', op], ['path', path]];
  if (op === 'move' || op === 'copy') entries.push(['from', from]);
  if (op === 'add' || op === 'replace' || op === 'test') entries.push(['value', patchValue(rnd, json)]);
  return entries;
}

function jsonPatchText(rnd, ops, json) {
  if (json) {
    const parts = ops.map((entries) => `{${entries.map(([k, v]) => `"${k}": ${k === 'value' ? v : JSON.stringify(v)}`).join(', ')}}`);
    return rnd.chance(0.5) ? `[${parts.join(', ')}]\n` : `[\n  ${parts.join(',\n  ')}\n]\n`;
  }
  const tree = seq(ops.map((entries) => map(entries.map(([k, v]) => [k, k === 'value' ? v : plain(quotePath(rnd, v))]))));
  return writeDocument(rnd, tree);
}

function quotePath(rnd, text) {
  return rnd.chance(0.2) ? JSON.stringify(text) : text;
}

function target(rnd, names) {
  const forms = [
    () => [['kind', plain(rnd.pick(['Deployment', 'StatefulSet', 'Service', 'ConfigMap', 'Widget', 'Deploy', 'Deployment|StatefulSet']))]],
    () => [['name', plain(rnd.pick([...names, 'cfg', 'w1', '.*', 'we.*', `(${names.join('|')})`, 'nothere']))]],
    () => [['kind', plain('Deployment')], ['name', plain(rnd.pick(names))]],
    () => [['group', plain(rnd.pick(['apps', '""', 'example.com', 'batch']))], ['version', plain(rnd.pick(['v1', 'v1beta1']))]],
    () => [['namespace', plain(rnd.pick(['st2', 'default', 'other', 'st2|default']))]],
    () => [['labelSelector', plain(rnd.pick(['app=web', 'app in (web,api)', 'app notin (db)', 'app', '!tier', 'app!=web,tier', 'app==api', rnd.edgy() ? 'app in b' : 'app']).replace(/^(.*)$/, rnd.chance(0.5) ? '"$1"' : "'$1'"))]],
    () => [['annotationSelector', plain(rnd.pick(['note', '"!note"', 'team=platform', 'prometheus.io/scrape']))]],
    () => [['kind', plain('Widget')], ['group', plain('example.com')]],
  ];
  return map(rnd.pick(forms)());
}

function patchesField(rnd, names, files, dir) {
  const entries = [];
  for (let i = 0; i < rnd.int(1, 3); i++) {
    const json = rnd.chance(0.3);
    const ops = rnd.edgy() || rnd.chance(0.15) ? Array.from({ length: rnd.int(1, 3) }, () => jsonOp(rnd, json)) : cleanOps(rnd, json);
    const text = jsonPatchText(rnd, ops, json);
    const tgt = !rnd.edgy() || rnd.chance(0.7) ? target(rnd, names) : undefined;
    if (rnd.chance(0.35)) {
      const file = `patch-${i}.${json ? 'json' : 'yaml'}`;
      files[`${dir}${file}`] = text;
      entries.push(map([['path', plain(file)], tgt && ['target', tgt]]));
    } else {
      const inline = { header: '|', lines: text.replace(/\n$/, '').split('\n') };
      entries.push(map([['patch', rnd.edgy() && rnd.chance(0.2) ? plain('"[]"') : inline], tgt && ['target', tgt]]));
    }
  }
  return seq(entries);
}

function labelsEntries(rnd) {
  return seq(Array.from({ length: rnd.int(1, 2) }, () => map([
    ['pairs', map([[rnd.pick(['app', 'team', 'env', 'example.com/part']), plain(labelValue(rnd))]])],
    rnd.chance(0.4) && ['includeSelectors', plain(rnd.pick(['true', 'false']))],
    rnd.chance(0.4) && ['includeTemplates', plain('true')],
  ])));
}

const workloads = new Map();
/** Strategic-merge patches draw from their own stream (strategic-merge.mjs). */
const smp = { rnd: undefined, resources: [] };
/** Replacements draw from a third stream (replacements.mjs). */
const rep = { rnd: undefined };
/** local-config annotations draw from a fourth stream (local-config.mjs). */
const local = { rnd: undefined };

function transformers(rnd, names, files, dir, depthTag) {
  const f = [];
  if (rnd.chance(0.6)) f.push(['patches', patchesField(rnd, names, files, dir)]);
  if (rnd.chance(0.35)) f.push(['namespace', plain(rnd.pick(['st2', 'st2-prod', 'other', `ns-${depthTag}`]))]);
  if (rnd.chance(0.35)) f.push(['labels', labelsEntries(rnd)]);
  if (rnd.chance(0.25)) f.push(['commonLabels', map([[rnd.pick(['app', 'env', 'team']), plain(labelValue(rnd))]])]);
  const scalable = names.filter((n) => workloads.get(n) !== 'CronJob');
  if (rnd.chance(0.3)) f.push(['commonAnnotations', map(rnd.sample(ANNOTATION_KEYS, rnd.int(1, 2)).map((k) => [k, plain(rnd.edgy() ? annotationValue(rnd) : rnd.pick(['"true"', '"9102"', 'hello', "'x'", 'platform', '"010"', "''"]))]))]);
  if (rnd.chance(0.3)) {
    f.push(['images', seq([map([
      ['name', plain(rnd.pick([...IMAGES, 'stackstorm/st2.*', 'nothere']))],
      rnd.chance(0.6) && ['newTag', plain(rnd.pick(['"2.0"', 'v3', '"1"', '2.0']))],
      rnd.chance(0.3) && ['newName', plain('mirror.example.com/x')],
      rnd.chance(0.2) && ['digest', plain('sha256:0123abcd')],
    ])])]);
  }
  if (rnd.chance(0.15)) {
    f.push(['patchesJson6902', seq([map([
      ['target', map([['kind', plain(rnd.pick(['Deployment', 'Service', 'ConfigMap']))], ['name', plain(rnd.pick([...names, 'cfg', '.*']))]])],
      ['patch', { header: '|', lines: jsonPatchText(rnd, cleanOps(rnd, false), false).replace(/\n$/, '').split('\n') }],
    ])])]);
  }
  if (rnd.chance(0.25)) generators(rnd, files, dir, f, names);
  if (rnd.chance(0.25)) f.push(['replicas', seq([map([['name', plain(rnd.pick(rnd.edgy() || scalable.length === 0 ? [...names, 'nothere'] : scalable))], ['count', plain(rnd.pick(['2', '0', '5']))]])])]);
  if (smp.rnd?.chance(0.3)) addStrategicMergePatches(smp.rnd, smp.resources, f, files, dir);
  if (rep.rnd?.chance(0.3)) addReplacements(rep.rnd, smp.resources, f, files, dir);
  if (local.rnd?.chance(0.12)) addLocalConfigPatch(local.rnd, smp.resources, f);
  return f;
}

/** configMapGenerator / secretGenerator entries (literals, files, env files, options). */
function generators(rnd, files, dir, f, names) {
  const literal = () => `${rnd.pick(['mode', 'LOG_LEVEL', 'a.b', 'key-1', 'html'])}=${rnd.pick(['production', '"quoted value"', "'x'", '<a&b>', '1', '', 'é', 'a=b'])}`;
  const entry = (name, secret) => {
    const fields = [['name', plain(name)]];
    if (rnd.chance(0.7)) fields.push(['literals', seq(Array.from({ length: rnd.int(1, 2) }, () => plain(JSON.stringify(literal()))))]);
    if (rnd.chance(0.3)) {
      files[`${dir}app.conf`] = rnd.pick(['[auth]\nenabled = True\n', 'x', 'line one\nline two\n']);
      fields.push(['files', seq([plain(rnd.pick(['app.conf', 'renamed.conf=app.conf']))])]);
    }
    if (rnd.chance(0.3)) {
      files[`${dir}app.env`] = rnd.pick(['# comment\nA=1\n  B=two\n\nC=\n', 'URL=http://x?a=b\n']);
      fields.push(['envs', seq([plain('app.env')])]);
    }
    if (secret && rnd.chance(0.3)) fields.push(['type', plain('kubernetes.io/tls')]);
    if (rnd.chance(0.3)) fields.push(['options', map([rnd.chance(0.5) && ['disableNameSuffixHash', plain('true')], ['labels', map([['generated', plain('"yes"')]])]])]);
    return map(fields);
  };
  if (rnd.chance(0.7)) f.push(['configMapGenerator', seq([entry(rnd.pick(['settings', 'st2-config']), false)])]);
  if (rnd.chance(0.5)) f.push(['secretGenerator', seq([entry(rnd.pick(['st2-keys', 'registry']), true)])]);
  if (rnd.chance(0.2)) f.push(['generatorOptions', map([['annotations', map([['note', plain('generated')]])]])]);
}

function kustomization(rnd, kind, fields) {
  const head = [];
  if (kind === 'Component') head.push(['apiVersion', plain('kustomize.config.k8s.io/v1alpha1')], ['kind', plain('Component')]);
  else if (rnd.chance(0.7)) head.push(['apiVersion', plain('kustomize.config.k8s.io/v1beta1')], ['kind', plain('Kustomization')]);
  return writeDocument(rnd, map([...head, ...fields]));
}

export function generateCase(seed) {
  // Half the cases stay on valid ground; the others take a rarely valid spelling now and then.
  const rnd = createRandom(seed, seed % 2 === 0 ? 0 : 0.06);
  workloads.clear();
  const files = {};
  const { docs, names } = baseResources(rnd);
  smp.rnd = createRandom((seed ^ 0x5bd1e995) >>> 0, seed % 2 === 0 ? 0 : 0.06);
  smp.resources = describeResources(docs);
  rep.rnd = createRandom((seed ^ 0x27d4eb2f) >>> 0, seed % 2 === 0 ? 0 : 0.06);
  local.rnd = createRandom((seed ^ 0x165667b1) >>> 0);
  markLocalConfig(local.rnd, docs);
  // Split the base's documents over one or two files.
  const split = rnd.chance(0.3) && docs.length > 1 ? rnd.int(1, docs.length - 1) : docs.length;
  const resourceFiles = [];
  const layered = rnd.chance(0.5);
  const baseDir = layered ? 'base/' : '';
  [docs.slice(0, split), docs.slice(split)].forEach((part, i) => {
    if (part.length === 0) return;
    const file = `resources-${i}.yaml`;
    files[`${baseDir}${file}`] = writeStream(rnd, part.map((d) => writeDocument(rnd, d)));
    resourceFiles.push(file);
  });
  const rootFields = [];
  // sortOptions and buildMetadata draw from a fifth stream (build-options.mjs).
  const buildRnd = createRandom((seed ^ 0x85ebca6b) >>> 0, seed % 2 === 0 ? 0 : 0.06);
  const topOptions = [];
  const baseOptions = [];
  addBuildOptions(buildRnd, topOptions, layered ? baseOptions : undefined);
  if (layered) {
    files['base/kustomization.yaml'] = kustomization(rnd, 'Kustomization', [
      ['resources', seq(resourceFiles.map(plain))],
      ...(rnd.chance(0.5) ? transformers(rnd, names, files, 'base/', 'base') : []),
      ...baseOptions,
    ]);
    rootFields.push(['resources', seq([plain(rnd.pick(['base', './base', 'base/']))])]);
  } else {
    rootFields.push(['resources', seq(resourceFiles.map(plain))]);
  }
  if (rnd.chance(0.25)) {
    const componentFields = rnd.chance(0.05) ? [] : transformers(rnd, names, files, 'comp/', 'comp');
    if (rnd.chance(0.3)) {
      files['comp/extra.yaml'] = writeDocument(rnd, configMap(rnd, 'extra'));
      componentFields.unshift(['resources', seq([plain('extra.yaml')])]);
    }
    files['comp/kustomization.yaml'] = kustomization(rnd, 'Component', componentFields);
    rootFields.push(['components', seq([plain('comp')])]);
  }
  rootFields.push(...transformers(rnd, names, files, '', 'top'), ...topOptions);
  files['kustomization.yaml'] = kustomization(rnd, 'Kustomization', rootFields);
  return { files };
}

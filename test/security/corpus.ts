/**
 * The hostile repositories (issue 14): each is a small tree that, before the
 * budgets and the confined reader, took the process past the sidecar's
 * 512 Mi, hung it, read outside the repository or crashed it (exit 3). Each
 * must now end by itself with exit 2, nothing on stdout, and stderr naming
 * the file and, for a budget, the budget and its value.
 */
import type { HostileRepo } from './harness.js';

export interface HostileCase {
  readonly name: string;
  readonly repo: HostileRepo;
  /** @default ['render', 'overlays/x'] */
  readonly argv?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Working directory inside the repo. @default '.' */
  readonly cwd?: string;
  /** What stderr must say. */
  readonly stderr: RegExp;
}

export const KUSTOMIZATION = (lines: readonly string[], env = 'dev'): string =>
  ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'metadata:', '  name: x', '  annotations:', `    st2-gitops/environment: ${env}`, ...lines, ''].join('\n');

export const DEPLOYMENT = (name: string): string =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  replicas: 1',
    '  selector: {matchLabels: {app: x}}',
    '  template:',
    '    metadata: {labels: {app: x}}',
    '    spec:',
    '      containers:',
    '        - name: c',
    '          image: busybox:1.36',
    '',
  ].join('\n');

/** An overlay rendering one Deployment: the benign part of most cases. */
const PLAIN: Readonly<Record<string, string>> = {
  'overlays/x/kustomization.yaml': KUSTOMIZATION(['resources:', '  - a.yaml']),
  'overlays/x/a.yaml': DEPLOYMENT('a'),
};

const ONE_RESOURCE = (extra: readonly string[]): Readonly<Record<string, string>> => ({
  'overlays/x/kustomization.yaml': KUSTOMIZATION(['resources:', '  - a.yaml', ...extra]),
  'overlays/x/a.yaml': DEPLOYMENT('a'),
});

const MB = 1024 * 1024;
const ESCAPE = /is a symlink that leaves the repository root/;

/** Billion laughs: nine levels of ten aliases. */
function aliasBomb(): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(',')}]`);
  return `${lines.join('\n')}\n`;
}

/** Flow mappings whose values are aliases right after the colon: `{"k0":*a0,"k1":*a0,…}`. */
function quotedKeyAliasBomb(): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} {${Array.from({ length: 10 }, (_, k) => `"k${k}":*a${i - 1}`).join(',')}}`);
  return `${lines.join('\n')}\n`;
}

/** The same as a flow mapping: `{"a0":&a0 […], "a1":&a1 [*a0,…]}` (no space anywhere). */
function flowAliasBomb(): string {
  const parts = ['"a0":&a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= 9; i++) parts.push(`"a${i}":&a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(',')}]`);
  return `{${parts.join(',')}}\n`;
}

/**
 * Components listing the same three components at every level: each is applied
 * wherever it is listed (components act on the including accumulator, so they
 * cannot be reused), 3^depth applications without a budget.
 */
function everyLevel(depth: number): Record<string, string> {
  const files: Record<string, string> = {};
  const names = (level: number): string[] => ['a', 'b', 'c'].map((s) => `d${level}${s}`);
  files['overlays/x/kustomization.yaml'] = KUSTOMIZATION(['resources:', '  - a.yaml', 'components:', ...names(1).map((n) => `  - ../../tree/${n}`)]);
  files['overlays/x/a.yaml'] = DEPLOYMENT('a');
  for (let level = 1; level <= depth; level++) {
    for (const dir of names(level)) {
      const body = level === depth ? ['commonAnnotations:', `  ${dir}: "1"`] : ['components:', ...names(level + 1).map((n) => `  - ../${n}`)];
      files[`tree/${dir}/kustomization.yaml`] = ['apiVersion: kustomize.config.k8s.io/v1alpha1', 'kind: Component', ...body, ''].join('\n');
    }
  }
  return files;
}

function chain(depth: number): Record<string, string> {
  const files: Record<string, string> = { 'overlays/x/kustomization.yaml': KUSTOMIZATION(['resources:', '  - ../../c/1']) };
  for (let i = 1; i <= depth; i++) files[`c/${i}/kustomization.yaml`] = i === depth ? 'resources:\n  - a.yaml\n' : `resources:\n  - ../${i + 1}\n`;
  files[`c/${depth}/a.yaml`] = DEPLOYMENT('a');
  return files;
}

/** `times` copies of `from` into a new key below it: each doubles the document. */
function copyIntoItself(times: number, from: string, to: string): string {
  return `${Array.from({ length: times }, (_, i) => `- op: copy\n  from: "${from}"\n  path: ${to}${i}`).join('\n')}\n`;
}

function deepBlock(levels: number): string {
  return `${Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n`;
}

export const HOSTILE_REPOS: readonly HostileCase[] = [
  // ---- reads leaving the repository, or never ending -----------------------------------------
  { name: 'policy.wasm is a symlink to /dev/zero', repo: { files: PLAIN, links: { 'policies/bundle/policy.wasm': '/dev/zero' } }, stderr: /policies\/bundle\/policy.wasm' is a symlink that leaves the repository root/ },
  { name: 'policy.wasm is a symlink to an existing file outside', repo: { files: PLAIN, links: { 'policies/bundle/policy.wasm': '/etc/hostname' } }, stderr: /policies\/bundle\/policy.wasm' is a symlink that leaves the repository root/ },
  { name: 'policy.wasm is a symlink to a missing file outside', repo: { files: PLAIN, links: { 'policies/bundle/policy.wasm': '/nonexistent/policy.wasm' } }, stderr: /policies\/bundle\/policy.wasm' is a symlink that leaves the repository root/ },
  { name: 'manifest.json is a symlink to /dev/zero', repo: { files: PLAIN, links: { 'policies/bundle/manifest.json': '/dev/zero' } }, stderr: ESCAPE },
  { name: 'a policy source is a symlink to /dev/zero', repo: { files: PLAIN, links: { 'policies/zero.rego': '/dev/zero' } }, stderr: /policies\/zero.rego' is a symlink/ },
  { name: 'policies/ is a symlink to a directory outside', repo: { files: PLAIN, policies: false, links: { policies: '/etc' } }, stderr: ESCAPE },
  { name: 'a resource is a symlink to /dev/zero', repo: { files: { 'overlays/x/kustomization.yaml': PLAIN['overlays/x/kustomization.yaml'] as string }, links: { 'overlays/x/a.yaml': '/dev/zero' } }, stderr: ESCAPE },
  { name: 'a resource is a relative symlink climbing out to /etc/passwd', repo: { files: { 'overlays/x/kustomization.yaml': PLAIN['overlays/x/kustomization.yaml'] as string }, links: { 'overlays/x/a.yaml': '../../../../../../../../../etc/passwd' } }, stderr: ESCAPE },
  { name: 'the overlay directory is a symlink outside', repo: { links: { 'overlays/x': '/etc' } }, stderr: ESCAPE },
  { name: 'overlays/ holds a symlink leaving the repository (check lists it)', repo: { files: PLAIN, links: { 'overlays/evil': '/etc' } }, argv: ['check'], stderr: /overlays\/evil' is a symlink that leaves the repository root/ },
  { name: 'a symlink loop', repo: { files: { 'overlays/x/kustomization.yaml': PLAIN['overlays/x/kustomization.yaml'] as string }, links: { 'overlays/x/a.yaml': 'b.yaml', 'overlays/x/b.yaml': 'a.yaml' } }, stderr: /too many levels of symlinks/ },
  { name: 'a resource that is a named pipe (opening it would block)', repo: { files: { 'overlays/x/kustomization.yaml': PLAIN['overlays/x/kustomization.yaml'] as string }, fifos: ['overlays/x/a.yaml'] }, stderr: /a.yaml' is not a regular file/ },
  { name: 'a kustomization that is a named pipe', repo: { fifos: ['overlays/x/kustomization.yaml'] }, stderr: /kustomization.yaml' is not a regular file/ },
  { name: 'a resource outside the root by ../', repo: { files: { 'overlays/x/kustomization.yaml': KUSTOMIZATION(['resources:', '  - ../../../../etc/passwd']) } }, stderr: /leaves the repository root/ },
  { name: 'a resource given as an absolute path', repo: { files: { 'overlays/x/kustomization.yaml': KUSTOMIZATION(['resources:', '  - /etc/passwd']) } }, stderr: /leaves the repository root/ },
  { name: 'a remote base', repo: { files: { 'overlays/x/kustomization.yaml': KUSTOMIZATION(['resources:', '  - https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v5.5.0']) } }, stderr: /remote URL/ },

  // ---- size: nothing above maxFileBytes is read ------------------------------------------------
  { name: 'a 300 MB policy source', repo: { files: PLAIN, sparse: { 'policies/big.rego': 300 * MB } }, stderr: /policies\/big.rego: file is 314572800 bytes.*maxFileBytes budget of 4194304/ },
  { name: 'a 300 MB policy.wasm', repo: { files: PLAIN, sparse: { 'policies/bundle/policy.wasm': 300 * MB } }, stderr: /policy.wasm: file is 314572800 bytes.*maxFileBytes budget/ },
  { name: 'a 300 MB resource file', repo: { files: { 'overlays/x/kustomization.yaml': PLAIN['overlays/x/kustomization.yaml'] as string }, sparse: { 'overlays/x/a.yaml': 300 * MB } }, stderr: /overlays\/x\/a.yaml: file is 314572800 bytes.*maxFileBytes budget/ },
  { name: 'a 300 MB kustomization.yaml', repo: { sparse: { 'overlays/x/kustomization.yaml': 300 * MB } }, stderr: /kustomization.yaml: file is 314572800 bytes.*maxFileBytes budget/ },
  { name: 'a 300 MB kustomization that check discovers', repo: { sparse: { 'overlays/y/kustomization.yaml': 300 * MB } }, argv: ['check'], stderr: /no overlays found/ },

  // ---- YAML: aliases, depth, tags --------------------------------------------------------------
  { name: 'a billion-laughs alias bomb', repo: { files: { ...ONE_RESOURCE([]), 'overlays/x/a.yaml': aliasBomb() } }, stderr: /overlays\/x\/a.yaml: YAML expands to more nodes.*maxYamlNodes budget of 2000000/ },
  { name: 'an alias bomb written "k":*a (no space after the colon)', repo: { files: { ...ONE_RESOURCE([]), 'overlays/x/a.yaml': quotedKeyAliasBomb() } }, stderr: /maxYamlNodes budget/ },
  { name: 'an alias bomb as one flow mapping without spaces', repo: { files: { ...ONE_RESOURCE([]), 'overlays/x/a.yaml': flowAliasBomb() } }, stderr: /maxYamlNodes budget/ },
  { name: 'an alias bomb in kustomization.yaml', repo: { files: { 'overlays/x/kustomization.yaml': `${KUSTOMIZATION(['resources:', '  - a.yaml'])}${aliasBomb().replaceAll('a0', 'x0').replace(/^/gm, '')}`.replace('resources:', 'bomb:\n  - 1\nresources:'), 'overlays/x/a.yaml': DEPLOYMENT('a') } }, stderr: /kustomization.yaml.*maxYamlNodes budget/ },
  { name: 'an alias bomb in a JSON-patch file', repo: { files: { ...ONE_RESOURCE(['patches:', '  - path: p.yaml', '    target: {kind: Deployment}']), 'overlays/x/p.yaml': `- op: add\n  path: /metadata/labels\n  value:\n${aliasBomb().replace(/^/gm, '    ')}` } }, stderr: /p.yaml.*maxYamlNodes budget/ },
  { name: 'flow sequences nested 100,000 deep', repo: { files: { ...ONE_RESOURCE([]), 'overlays/x/a.yaml': `${'['.repeat(100_000)}${']'.repeat(100_000)}\n` } }, stderr: /overlays\/x\/a.yaml.*maxDepth budget of 100/ },
  { name: 'flow mappings nested 50,000 deep in JSON', repo: { files: { ...ONE_RESOURCE([]), 'overlays/x/a.yaml': `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}\n` } }, stderr: /overlays\/x\/a.yaml.*maxDepth budget of 100/ },
  { name: 'flow nesting 100,000 deep in kustomization.yaml', repo: { files: { 'overlays/x/kustomization.yaml': `${KUSTOMIZATION(['resources:', '  - a.yaml'])}x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, 'overlays/x/a.yaml': DEPLOYMENT('a') } }, stderr: /kustomization.yaml.*maxDepth budget of 100/ },
  { name: 'block mappings nested 1,500 deep', repo: { files: { ...ONE_RESOURCE([]), 'overlays/x/a.yaml': deepBlock(1500) } }, stderr: /overlays\/x\/a.yaml.*maxDepth budget of 100/ },
  // A tag never runs code: `!!js/function` is only text (yaml.v3 keeps an unknown tag's text; fixture
  // yaml-tags-local-binary-and-non-specific), so the hostile case is a tag kustomize refuses.
  { name: 'a JS function tag on bad !!binary data', repo: { files: { ...ONE_RESOURCE([]), 'overlays/x/a.yaml': `${DEPLOYMENT('a')}x: !!binary 'function () { return process.exit(9) }'\n` } }, stderr: /overlays\/x\/a.yaml:\d+.*invalid base64/ },

  // ---- JSON patches ----------------------------------------------------------------------------
  { name: 'a JSON-patch copy of a resource into itself, 24 times', repo: { files: { ...ONE_RESOURCE(['patches:', '  - path: p.yaml', '    target: {kind: Deployment}']), 'overlays/x/p.yaml': copyIntoItself(24, '/spec', '/spec/template/metadata/x') } }, stderr: /overlays\/x\/p.yaml.*maxPatchGrowth budget of 1000000/ },
  { name: 'a JSON-patch copy of the whole document into itself, 20 times', repo: { files: { ...ONE_RESOURCE(['patches:', '  - path: p.yaml', '    target: {kind: Deployment}']), 'overlays/x/p.yaml': copyIntoItself(20, '', '/spec/x') } }, stderr: /maxPatchGrowth budget/ },
  {
    name: 'a 200,000-node patch value applied to 60 resources',
    repo: {
      files: {
        'overlays/x/kustomization.yaml': KUSTOMIZATION(['resources:', ...Array.from({ length: 60 }, (_, i) => `  - r${i}.yaml`), 'patches:', '  - path: p.yaml', '    target: {kind: Deployment}']),
        ...Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`overlays/x/r${i}.yaml`, DEPLOYMENT(`r${i}`)])),
        'overlays/x/p.yaml': `- op: add\n  path: /spec/x\n  value: [${Array.from({ length: 200_000 }, () => '1').join(',')}]\n`,
      },
    },
    stderr: /overlays\/x\/p.yaml.*maxPatchGrowth budget/,
  },
  { name: 'a patch target name with a backreference (Go regexp refuses it)', repo: { files: ONE_RESOURCE(['patches:', '  - patch: "- {op: add, path: /x, value: 1}"', '    target: {name: "(a)\\\\1"}']) }, stderr: /error parsing regexp: invalid escape sequence/ },
  { name: 'a patch target name with lookahead', repo: { files: ONE_RESOURCE(['patches:', '  - patch: "- {op: add, path: /x, value: 1}"', '    target: {name: "(?=a)a"}']) }, stderr: /error parsing regexp: invalid or unsupported Perl syntax/ },
  {
    name: 'a catastrophic-backtracking target name "(a+)+" on a 5,000-character name, then a bad replicas entry',
    repo: {
      files: {
        'overlays/x/kustomization.yaml': KUSTOMIZATION(['resources:', '  - a.yaml', 'patches:', '  - patch: "- {op: add, path: /x, value: 1}"', '    target: {name: "(a+)+", namespace: "(x|x)*y"}', 'replicas:', '  - {name: nope, count: 1}']),
        'overlays/x/a.yaml': DEPLOYMENT(`${'a'.repeat(5000)}b`.slice(0, 5001)),
      },
    },
    stderr: /replicas: no Deployment/,
  },

  // ---- replacements ----------------------------------------------------------------------------
  {
    name: 'a replacement copying a resource\'s spec into two of its fields, 24 times',
    repo: { files: ONE_RESOURCE(['replacements:', ...Array.from({ length: 24 }, () => ['  - source: {kind: Deployment, fieldPath: spec}', '    targets: [{select: {kind: Deployment}, fieldPaths: [spec.template.metadata.x, spec.template.metadata.y], options: {create: true}}]']).flat()]) },
    stderr: /overlays\/x\/kustomization.yaml.*replacements copy more nodes.*maxPatchGrowth budget of 1000000/,
  },
  {
    name: 'ten `[=v]` target paths over a 300,000-element list (each matching 30,000)',
    repo: {
      files: {
        ...ONE_RESOURCE(['replacements:', '  - source: {kind: Deployment, fieldPath: spec.replicas}', '    targets:', '      - select: {kind: Deployment}', `        fieldPaths: [${Array.from({ length: 10 }, () => '"spec.items.[=^1$]"').join(', ')}]`]),
        'overlays/x/a.yaml': `${DEPLOYMENT('a')}  items: [${Array.from({ length: 300_000 }, (_, i) => String(i % 10)).join(',')}]\n`,
      },
    },
    stderr: /overlays\/x\/kustomization.yaml.*replacements visit more nodes.*maxYamlNodes budget of 2000000/,
  },
  // ---- the kustomization tree ------------------------------------------------------------------
  { name: 'the same three components listed at every one of 18 levels (54 directories)', repo: { files: everyLevel(18) }, stderr: /maxDirectories budget of 1000/ },
  { name: 'bases nested 120 deep', repo: { files: chain(120) }, stderr: /kustomizations nested more than 100 levels deep.*maxDepth budget of 100/ },
  { name: 'a kustomization cycle', repo: { files: { 'overlays/x/kustomization.yaml': KUSTOMIZATION(['resources:', '  - ../../loop/a']), 'loop/a/kustomization.yaml': 'resources:\n  - ../b\n', 'loop/b/kustomization.yaml': 'resources:\n  - ../a\n' } }, stderr: /kustomization cycle/ },

  // ---- budgets set lower, by flag and by environment ------------------------------------------
  { name: '--max-output-bytes below the render', repo: { files: PLAIN }, argv: ['render', 'overlays/x', '--max-output-bytes', '100'], stderr: /maxOutputBytes budget of 100 \(--max-output-bytes or ST2_GITOPS_MAX_OUTPUT_BYTES/ },
  { name: '--max-resource-bytes below one resource', repo: { files: PLAIN }, argv: ['render', 'overlays/x', '--max-resource-bytes=50'], stderr: /Deployment.*a renders to more than 50 bytes.*maxResourceBytes budget of 50/ },
  { name: 'ST2_GITOPS_MAX_YAML_NODES below the render', repo: { files: PLAIN }, env: { ST2_GITOPS_MAX_YAML_NODES: '5' }, stderr: /maxYamlNodes budget of 5/ },
  { name: '--max-directories 1 with one base', repo: { files: { 'overlays/x/kustomization.yaml': KUSTOMIZATION(['resources:', '  - ../../base']), 'base/kustomization.yaml': 'resources:\n  - a.yaml\n', 'base/a.yaml': DEPLOYMENT('a') } }, argv: ['build', 'overlays/x', '--max-directories', '1'], stderr: /maxDirectories budget of 1/ },
  { name: 'ST2_GITOPS_MAX_DEPTH=abc', repo: { files: PLAIN }, env: { ST2_GITOPS_MAX_DEPTH: 'abc' }, stderr: /ST2_GITOPS_MAX_DEPTH must be a positive whole number, not 'abc'/ },

  // ---- the Argo CD plugin ----------------------------------------------------------------------
  {
    name: 'cmp generate where the app path goes through a symlink (moving the root)',
    repo: { files: { '_cmp_server/u1/y/x/overlays/p/kustomization.yaml': KUSTOMIZATION(['resources:', '  - a.yaml']), '_cmp_server/u1/y/x/overlays/p/a.yaml': DEPLOYMENT('a') }, links: { '_cmp_server/u1/x': 'y/x' } },
    argv: ['cmp', 'generate'],
    cwd: '_cmp_server/u1/y/x/overlays/p',
    env: { ARGOCD_APP_SOURCE_PATH: 'x/overlays/p', ARGOCD_APP_NAME: 'a' },
    stderr: /the app path goes through a symlink/,
  },
  { name: 'cmp generate with ARGOCD_APP_SOURCE_PATH climbing out', repo: { files: PLAIN }, argv: ['cmp', 'generate'], cwd: 'overlays/x', env: { ARGOCD_APP_SOURCE_PATH: '../../..' }, stderr: /leaves the repository/ },
];

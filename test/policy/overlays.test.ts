/**
 * The gate in `render` on the repository's own overlays, and on overlays
 * that wrap prod and inject one defect each: denied with exit 1, nothing on
 * stdout, and a stderr line naming the rule, the resource and the file:line
 * of the patch op that introduced the defect.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, copyRepo, findingLines, repoRoot, writeRepoFile } from './support.js';

describe('render gate on the repository overlays', () => {
  it('passes overlays/dev with warnings on stderr', async () => {
    // GIVEN the dev overlay (chart defaults, NodePorts, etcd:latest)
    // WHEN it is rendered through the gate
    const result = await cli(['render', 'overlays/dev'], repoRoot);
    // THEN it is printed, and the findings are warnings only
    expect(result.stderr).not.toContain('denied by policy');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('kind: Deployment');
    const lines = findingLines(result.stderr);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => !l.startsWith('WARN '))).toEqual([]);
    expect(lines.some((l) => l.startsWith('WARN ST2-SEC-001 Secret st2-dev/st2-auth data.password at components/default-secrets/st2-auth.yaml:'))).toBe(true);
  });

  it.each(['overlays/staging', 'overlays/prod'])('passes %s clean: exit 0 and no finding lines', async (overlay) => {
    const result = await cli(['render', overlay], repoRoot);
    expect(result.stderr).toBe('');
    expect(findingLines(result.stderr)).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('kind: Deployment');
  });
});

interface Defect {
  readonly name: string;
  /** Extra files of the defect overlay, besides kustomization.yaml. */
  readonly files?: Readonly<Record<string, string>>;
  readonly kustomization: string;
  /** Start of the expected stderr line: tag, rule, resource and field. */
  readonly line: string;
  /** File of the location, and the text on the expected line of it. */
  readonly at: { readonly file: string; readonly text: string };
}

const header = ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources:', '  - ../prod'];

function jsonPatch(kind: string, name: string, ops: string[]): string {
  return [...header, 'patches:', '  - target:', `      kind: ${kind}`, `      name: ${name}`, '    patch: |-', ...ops.map((l) => `      ${l}`), ''].join('\n');
}

const defects: Defect[] = [
  {
    name: 'timers',
    kustomization: jsonPatch('Deployment', 'st2timersengine', ['- op: replace', '  path: /spec/replicas', '  value: 2']),
    line: 'DENY ST2-REP-001 Deployment st2-prod/st2timersengine spec.replicas',
    at: { file: 'kustomization.yaml', text: '- op: replace' },
  },
  {
    name: 'nodeport',
    kustomization: jsonPatch('Service', 'st2web', ['- op: add', '  path: /spec/type', '  value: NodePort']),
    line: 'DENY ST2-EXP-002 Service st2-prod/st2web spec.type',
    at: { file: 'kustomization.yaml', text: '- op: add' },
  },
  {
    name: 'default-password',
    kustomization: [...header, '  - secret.yaml', ''].join('\n'),
    files: {
      'secret.yaml': [
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: st2-extra-auth',
        '  namespace: st2-prod',
        'type: Opaque',
        'stringData:',
        '  username: st2admin',
        '  password: Ch@ngeMe',
        '',
      ].join('\n'),
    },
    line: 'DENY ST2-SEC-001 Secret st2-prod/st2-extra-auth stringData.password',
    at: { file: 'secret.yaml', text: '  password:' },
  },
  {
    // Generated Secrets reach the gate like any other (base64 data decoded); the location is the
    // kustomization that generated it (its first line: generated objects have no document of their own).
    name: 'generated-default-password',
    kustomization: [...header, 'secretGenerator:', '  - name: st2-generated-auth', '    namespace: st2-prod', '    literals:', '      - username=st2admin', '      - password=Ch@ngeMe', ''].join('\n'),
    line: 'DENY ST2-SEC-001 Secret st2-prod/st2-generated-auth-b7mtbd67kk data.password',
    at: { file: 'kustomization.yaml', text: 'apiVersion' },
  },
  {
    name: 'latest',
    kustomization: jsonPatch('Deployment', 'st2api', ['- op: replace', '  path: /spec/template/spec/containers/0/image', '  value: stackstorm/st2api:latest']),
    line: 'DENY ST2-HRD-001 Deployment st2-prod/st2api spec.template.spec.containers.0.image',
    at: { file: 'kustomization.yaml', text: '- op: replace' },
  },
  {
    name: 'mongodb-even',
    kustomization: jsonPatch('StatefulSet', 'mongodb', ['- op: replace', '  path: /spec/replicas', '  value: 4']),
    line: 'DENY ST2-REP-007 StatefulSet st2-prod/mongodb spec.replicas',
    at: { file: 'kustomization.yaml', text: '- op: replace' },
  },
  {
    name: 'single-api',
    kustomization: jsonPatch('Deployment', 'st2api', ['- op: replace', '  path: /spec/replicas', '  value: 1']),
    line: 'DENY ST2-REP-005 Deployment st2-prod/st2api spec.replicas',
    at: { file: 'kustomization.yaml', text: '- op: replace' },
  },
];

describe('render gate on overlays that wrap prod with one defect', () => {
  let root: string;

  beforeAll(() => {
    root = copyRepo();
    for (const d of defects) {
      writeRepoFile(root, `overlays/defect-${d.name}/kustomization.yaml`, d.kustomization);
      for (const [file, text] of Object.entries(d.files ?? {})) writeRepoFile(root, `overlays/defect-${d.name}/${file}`, text);
    }
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('renders the unmodified prod overlay of the copy clean', async () => {
    const result = await cli(['render', 'overlays/prod'], root);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it.each(defects)('denies defect-$name with exit 1, empty stdout and the rule, resource and file:line', async (d) => {
    // GIVEN an overlay that wraps prod and injects one defect
    const overlay = `overlays/defect-${d.name}`;
    const source = d.at.file === 'kustomization.yaml' ? d.kustomization : (d.files?.[d.at.file] ?? '');
    const expectedLine = source.split('\n').findIndex((l) => l.includes(d.at.text)) + 1;
    expect(expectedLine).toBeGreaterThan(0);
    // WHEN it is rendered through the gate
    const result = await cli(['render', overlay], root);
    // THEN nothing is printed, exit 1, and one line names rule, resource and where it was written
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`st2-gitops: ${overlay} denied by policy`);
    const lines = findingLines(result.stderr);
    const hit = lines.find((l) => l.startsWith(`${d.line} at `));
    expect(hit, result.stderr).toBeDefined();
    expect(hit).toContain(` at ${overlay}/${d.at.file}:${expectedLine}: `);
    // AND the defect is the only thing that blocks
    expect(lines.filter((l) => l.startsWith('DENY ')).every((l) => l.includes(` at ${overlay}/`)), result.stderr).toBe(true);
  });
});

describe('render gate on an empty overlay', () => {
  let root: string;
  const empty = (environment: string): string =>
    ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'metadata:', '  annotations:', `    st2-gitops/environment: ${environment}`, 'resources: []', ''].join('\n');

  beforeAll(() => {
    root = copyRepo();
    for (const env of ['production', 'staging', 'dev']) writeRepoFile(root, `overlays/empty-${env}/kustomization.yaml`, empty(env));
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  // Argo CD prunes what a render no longer holds; its allowEmpty guard covers automated syncs only.
  it.each(['production', 'staging'])('denies an empty %s render: Argo CD would prune all of st2', async (env) => {
    const result = await cli(['render', `overlays/empty-${env}`], root);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
    expect(findingLines(result.stderr).filter((l) => l.startsWith('DENY '))).toEqual([expect.stringMatching(/^DENY ST2-REP-011 render: .*problem=the render is empty/)]);
  });

  it('passes an empty dev render', async () => {
    const result = await cli(['render', 'overlays/empty-dev'], root);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
  });
});

/**
 * No message, report or log ever contains a secret's value. A random canary
 * that also contains a chart default literal (so the policies do flag it) is
 * put in a Secret (data and stringData), a ConfigMap URL and a container env
 * literal; neither the canary, its base64 form, nor the literal may appear in
 * any finding field or anything `render` and `build` write to stderr.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicyEngine } from '../../src/repository/index.js';
import type { Manifest } from '../../src/core/manifest.js';
import { createNodeFileReader } from '../../src/io/file-system.js';
import { checkRender, formatFindingLine, type Finding } from '../../src/policy/index.js';
import { asRendered, b64, cli, configMap, copyRepo, NOW, repoRoot, secret, workload, writeRepoFile } from './support.js';

const LITERAL = 'Ch@ngeMe';
const RANDOM = randomBytes(12).toString('hex');
const CANARY = `${LITERAL}-${RANDOM}`;
/** Percent-encoding with lower-case hex digits (%2b), which decoders must read too. */
function lowerHex(text: string): string {
  return text.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
}

/** Every form the secret could leak in, the decoders' inputs and outputs included. */
const FORBIDDEN = [
  CANARY,
  RANDOM,
  LITERAL,
  b64(CANARY),
  b64(`admin:${CANARY}`),
  b64(b64(CANARY)),
  encodeURIComponent(CANARY),
  lowerHex(encodeURIComponent(`${CANARY}+`)),
  'Ch%40ngeMe',
  'Ch\\u0040ngeMe',
];

function canaryResources(): Manifest[] {
  const annotated = workload('myapp', { container: { env: [{ name: 'ST2_PASSWORD', value: CANARY }] } });
  annotated['metadata'] = { ...(annotated['metadata'] as Manifest), annotations: { 'example.com/probe-auth': `Basic ${b64(`admin:${CANARY}`)}` } };
  return [
    secret('st2-auth', { data: { password: b64(CANARY) }, stringData: { token: CANARY } }),
    configMap('st2-config', { 'st2.docker.conf': `[messaging]\nurl = amqp://admin:${CANARY}@rabbitmq:5672\n` }),
    annotated,
    configMap('st2-nested', {
      json: JSON.stringify({ password: CANARY }).replace('@', '\\u0040'),
      url: `https://admin:${lowerHex(encodeURIComponent(`${CANARY}+`))}@st2.example.test/`,
      double: b64(b64(CANARY)),
    }),
  ];
}

function expectNoLeak(text: string, what: string): void {
  for (const secretForm of FORBIDDEN) expect(text.includes(secretForm), `${what} contains a secret form:\n${text}`).toBe(false);
}

describe('no secret value in findings or logs', () => {
  it.each(['dev', 'staging', 'production'])('keeps the canary out of every finding field in %s', async (environment) => {
    // GIVEN the canary in Secret data, stringData, ConfigMap text and env
    const fs = createNodeFileReader(repoRoot);
    const engine = await loadPolicyEngine(fs);
    // WHEN the policies judge it
    const report = checkRender(engine, fs, asRendered(canaryResources()), { environment, now: NOW });
    // THEN all four places are flagged…
    const flagged = [...new Set(report.findings.filter((f) => f.rule === 'ST2-SEC-001').map((f) => f.field))].sort();
    expect(flagged).toEqual([
      'data.double',
      'data.json',
      'data.password',
      'data.st2.docker.conf',
      'data.url',
      'metadata.annotations.example.com/probe-auth',
      'spec.template.spec.containers.0.env.0.value',
      'stringData.token',
    ]);
    // …and no field of any finding, nor its formatted line, holds the value
    for (const finding of report.findings) {
      const fields = ['rule', 'title', 'message', 'remediation', 'field'] as const satisfies ReadonlyArray<keyof Finding>;
      for (const key of fields) expectNoLeak(finding[key], `finding.${key}`);
      expectNoLeak(JSON.stringify(finding), 'finding');
      expectNoLeak(formatFindingLine(finding), 'finding line');
    }
  });

  describe('through the CLI', () => {
    let root: string;
    const overlay = 'overlays/canary';

    beforeAll(() => {
      root = copyRepo();
      const docs = canaryResources().map((m) => JSON.stringify(m)).join('\n---\n');
      writeRepoFile(root, `${overlay}/resources.yaml`, `${docs}\n`);
      writeRepoFile(
        root,
        `${overlay}/kustomization.yaml`,
        ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'metadata:', '  annotations:', '    st2-gitops/environment: production', 'resources:', '  - resources.yaml', ''].join('\n'),
      );
      writeRepoFile(root, `${overlay}-dev/resources.yaml`, `${docs}\n`);
      writeRepoFile(
        root,
        `${overlay}-dev/kustomization.yaml`,
        ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'metadata:', '  annotations:', '    st2-gitops/environment: dev', 'resources:', '  - resources.yaml', ''].join('\n'),
      );
    });

    afterAll(() => {
      if (root) rmSync(root, { recursive: true, force: true });
    });

    it.each([
      ['yaml', 'production'],
      ['json', 'production'],
      ['yaml', 'staging'],
      ['json', 'staging'],
    ])('denies the canary render (-o %s, --env %s) without printing it', async (output, environment) => {
      // WHEN the canary overlay is rendered through the gate
      const result = await cli(['render', overlay, '--output', output, '--env', environment], root);
      // THEN it is denied, stdout is empty, and stderr names the findings but not the value
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('DENY ST2-SEC-001 Secret st2-dev/st2-auth data.password');
      expect(result.stderr).toContain('literal=st2-auth-password');
      expectNoLeak(result.stderr, 'stderr');
    });

    it('cannot be loosened to dev with --env: a production overlay stays production', async () => {
      const result = await cli(['render', overlay, '--env', 'dev'], root);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expectNoLeak(result.stderr, 'stderr');
    });

    it.each(['yaml', 'json'])('warns in dev without printing the canary on stderr (-o %s)', async (output) => {
      const result = await cli(['render', `${overlay}-dev`, '--output', output], root);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('WARN ST2-SEC-001');
      expectNoLeak(result.stderr, 'stderr');
      // The manifests themselves carry the value: that is the render's job.
      expect(result.stdout).toContain(RANDOM);
    });

    it.each(['yaml', 'json'])('builds the canary overlay without logging the value (-o %s)', async (output) => {
      const result = await cli(['build', overlay, '--output', output], root);
      expect(result.code).toBe(0);
      expectNoLeak(result.stderr, 'stderr');
    });
  });
});

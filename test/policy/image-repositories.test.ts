/**
 * The image repositories worked out in TypeScript (image-repositories.ts) are
 * the ones lib.rego's image_repository reads itself (evaluated by the real
 * opa without the fact), and an image outside ASCII is left to the policy.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectImageRepositories } from '../../src/policy/image-repositories.js';
import { repoRoot } from './support.js';

const OPA = path.join(repoRoot, '.tools/bin/opa');
// Locally, no opa means skip; in CI (CI=true) its absence fails the suite.
const skip = !existsSync(OPA) && process.env['CI'] !== 'true';

const IMAGES = [
  'stackstorm/st2api:3.8.1',
  'registry:5000/org/ST2API:3.8.1@sha256:abc',
  'docker.io/library/mongo@sha256:0123:x',
  'mongo',
  'MONGO:4.4',
  'a/b/c/',
  'x@y/z',
  '',
  ':tag',
  'host:5000/rabbitmq',
  '__proto__',
  'constructor:1',
  'REG/Org/Etcd:v3.5.0\t',
  'ghcr.io/org/st2web:3.8.1-r1@sha256:f00',
];

const pod = (images: readonly string[]) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: images.map((image, i) => ({ name: `c${i}`, image })), initContainers: [{ name: 'i', image: 'BusyBox:1.36' }, { name: 'n', image: 7 }] } });

describe('image repositories', () => {
  const facts = collectImageRepositories([pod([...IMAGES, 'stackstorm/st2api:3.8.1', 'İmage/ST2API:1'])], new Map([[0, [['spec']]]]));

  it('GIVEN containers and init containers WHEN collected THEN each distinct ASCII string image is listed once, others left out', () => {
    expect(Object.keys(facts).sort()).toEqual([...IMAGES, 'BusyBox:1.36'].sort());
    expect(Object.getPrototypeOf(facts)).toBe(Object.prototype);
  });

  it.skipIf(skip)('GIVEN the images WHEN read by the policy without the fact THEN it reads the same repositories', () => {
    const query = 'x := {img: data.st2.lib.image_repository(img) | some img in input.images}';
    const out = execFileSync(OPA, ['eval', '--format', 'json', '--stdin-input', '-d', path.join(repoRoot, 'policies'), query], { input: JSON.stringify({ images: Object.keys(facts), facts: {} }), encoding: 'utf8' });
    const policy = (JSON.parse(out) as { result: Array<{ bindings: { x: Record<string, string> } }> }).result[0]?.bindings.x;
    expect(policy).toEqual(facts);
  });
});

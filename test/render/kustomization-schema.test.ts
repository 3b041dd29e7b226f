/**
 * The JSON Schema of the supported kustomization subset validates every
 * kustomization in the repository, and the TypeScript types generated from it
 * are current.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateAgainstSchema } from '../../src/core/json-schema.js';
import type { JsonObject } from '../../src/core/manifest.js';
import { parseYamlFile } from '../../src/core/yaml-read.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const schema = JSON.parse(readFileSync(path.join(repoRoot, 'src/render/kustomization.schema.json'), 'utf8')) as JsonObject;
const kustomizations = execFileSync('git', ['ls-files', '*kustomization.yaml'], { cwd: repoRoot, encoding: 'utf8' })
  .split('\n')
  // kustomization-null-*fields hold nulls on purpose: the loader drops them (Go's zero values) before validating;
  // replacements-unknown-field is refused by the schema on purpose (kustomize decodes inline entries strictly);
  // test/attackers/ holds the attackers' overlays as written, some refused on purpose (namePrefix, bad input).
  .filter((f) => f !== '' && !f.startsWith('deploy/') && !f.startsWith('test/attackers/') && !/\/kustomization-null-(?:nested-)?fields\//.test(f) && !f.includes('/replacements-unknown-field/'));

describe('kustomization schema', () => {
  it('finds the repository kustomizations', () => {
    expect(kustomizations).toContain('overlays/prod/kustomization.yaml');
  });

  it.each(kustomizations)('validates %s', (file) => {
    const text = readFileSync(path.join(repoRoot, file), 'utf8');
    const doc = parseYamlFile(file, text, { flavor: 'patch' }).documents[0]?.value;
    expect(validateAgainstSchema(schema, doc)).toEqual([]);
  });

  it('reports an unknown field with its dot-path', () => {
    expect(validateAgainstSchema(schema, { patches: [{ path: 'p.yaml', target: { kind: 'Deployment', nmae: 'x' } }] })).toEqual([
      { path: 'patches[0].target.nmae', message: "unknown field 'patches[0].target.nmae'", unknownField: 'nmae' },
    ]);
  });

  it('has generated TypeScript types that match the schema', () => {
    // THEN regenerating with json-schema-to-typescript changes nothing (exit 0)
    expect(() => execFileSync('node', ['scripts/generate-types.mjs', '--check'], { cwd: repoRoot, stdio: 'pipe' })).not.toThrow();
  });
});

/**
 * Generated values as kustomize writes them (kyaml makeConfigMapValueRNode,
 * encodeBase64): a file that is not UTF-8 goes to a ConfigMap's binaryData,
 * base64 wraps at 70, and an env file line that is not UTF-8 is refused
 * without printing it. Byte-for-byte parity with kubectl lives in the
 * fixtures generators-binary-files-and-wrapped-base64 and
 * kustomize-errors/generator-env-file-invalid-utf8.
 */
import { describe, expect, it } from 'vitest';
import type { FileReader } from '../../src/io/file-system.js';
import { createMemoryFileReader } from '../../src/io/file-system.js';
import { renderOverlay } from '../../src/render/index.js';

/** An in-memory tree whose `bytes` files hold raw bytes (the memory reader holds text only). */
function treeWithBytes(text: Record<string, string>, bytes: Record<string, Uint8Array>): FileReader {
  const inner = createMemoryFileReader({ ...text, ...Object.fromEntries(Object.keys(bytes).map((k) => [k, ''])) });
  const raw = (p: string): Uint8Array | undefined => bytes[p];
  return {
    ...inner,
    size: (p) => raw(p)?.length ?? inner.size(p),
    read: (p) => {
      const b = raw(p);
      return b ? Buffer.from(b).toString('utf8') : inner.read(p);
    },
    readBytes: (p) => raw(p) ?? inner.readBytes(p),
  };
}

const der = new Uint8Array([0x30, 0x82, 0x01, 0x0a, 0xff, 0xfe, 0x00, 0x80]);

describe('generator values that are not UTF-8', () => {
  it.each([
    ['a ConfigMap puts the file in binaryData, the text beside it in data', 'configMapGenerator', { binaryData: { 'ca.der': 'MIIBCv/+AIA=' }, data: { 'a.txt': 'plain\n' } }],
    ['a Secret base64s the raw bytes, not their UTF-8 decoding', 'secretGenerator', { data: { 'ca.der': 'MIIBCv/+AIA=', 'a.txt': 'cGxhaW4K' } }],
  ])('%s', (_name, generator, expected) => {
    // GIVEN a generator over a binary file and a text file
    const fs = treeWithBytes({ 'o/kustomization.yaml': `${generator}:\n  - name: g\n    files: [ca.der, a.txt]\n`, 'o/a.txt': 'plain\n' }, { 'o/ca.der': der });
    // WHEN rendered
    const [resource] = renderOverlay(fs, 'o').resources;
    // THEN the values are kustomize's
    expect(resource?.manifest).toMatchObject(expected);
    expect(resource?.manifest['binaryData'] === undefined).toBe(generator === 'secretGenerator');
  });

  it('wraps base64 of 70 characters or more in lines of 70, each ending in a newline', () => {
    const fs = createMemoryFileReader({ 'o/kustomization.yaml': `secretGenerator:\n  - name: g\n    literals: [short=${'a'.repeat(51)}, long=${'a'.repeat(52)}]\n` });
    const data = renderOverlay(fs, 'o').resources[0]?.manifest['data'] as Record<string, string>;
    expect(data['short']).toHaveLength(68);
    expect(data['long']?.split('\n').map((l) => l.length)).toEqual([70, 2, 0]);
  });

  it('refuses an env file line that is not UTF-8, naming the line and never printing it', () => {
    const fs = treeWithBytes({ 'o/kustomization.yaml': 'secretGenerator:\n  - name: g\n    envs: [app.env]\n' }, { 'o/app.env': new Uint8Array([...Buffer.from('A=1\nTOKEN=s3cr'), 0xff, 0x0a]) });
    expect(() => renderOverlay(fs, 'o')).toThrow(/o\/app\.env: line 2 has invalid UTF-8 bytes$/);
    expect(() => renderOverlay(fs, 'o')).not.toThrow(/s3cr/);
  });
});

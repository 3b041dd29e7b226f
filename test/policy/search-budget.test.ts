/**
 * The secret search's budgets fail closed (search-budget.ts): a value whose
 * search a budget cuts short says why (then ST2-SEC-009), and a big innocent
 * text is searched whole without being cut.
 */
import { bzip2Of } from './bzip2-writer.js';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeSearch } from '../../src/policy/decode-layers.js';
import { collectStringFacts } from '../../src/policy/string-facts.js';
import { tarOf } from './tar-writer.js';

const KEY = 'Qk3vT9pLmZ2xW8rYcN5bH7fJ';
const b64 = (b: Buffer | string): string => (typeof b === 'string' ? Buffer.from(b) : b).toString('base64');
const KiB = 1024;

/** About 15 KiB of Python as a pack action is written (varied names and numbers, so it compresses like source does, 4 to 6 times). */
function packSource(n: number): string {
  let seed = n * 7919 + 17;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const word = (): string => Array.from({ length: 3 + (next() % 7) }, () => 'abcdefghijklmnopqrstuvwxyz'[next() % 26]).join('');
  const lines = ['from st2common.runners.base_action import Action', ''];
  while (lines.join('\n').length < 15 * KiB) {
    lines.push(`class ${word()}_${word()}(Action):`, `    def run(self, ${word()}, ${word()}=${next() % 1000}):`, `        return self.${word()}(${word()}, "${word()} ${word()}", ${next() % 65536})`, '');
  }
  return lines.join('\n');
}

function zipOf(entries: ReadonlyArray<readonly [string, string]>): Buffer {
  return Buffer.concat(
    entries.flatMap(([name, text]) => {
      const data = deflateRawSync(Buffer.from(text));
      const header = Buffer.alloc(30);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt16LE(8, 8);
      header.writeUInt32LE(data.length, 18);
      header.writeUInt16LE(name.length, 26);
      return [header, Buffer.from(name), data];
    }),
  );
}

const found = (text: string): boolean => decodeSearch(text).forms.some((f) => f.text.includes(KEY));

describe('search budgets', () => {
  it.each([
    ['a gzip past 256 KiB', b64(gzipSync(`${' '.repeat(300 * KiB)}${KEY}`)), 'decode-budget'],
    ['gzip inside gzip, the inner one past 256 KiB', b64(gzipSync(gzipSync(`${'#'.repeat(270 * KiB)}${KEY}`))), 'decode-budget'],
    ['bzip2 past 256 KiB', b64(bzip2Of(Buffer.from(`${'='.repeat(300 * KiB)}${KEY}`))), 'decode-budget'],
    ['a zip of 520 entries', b64(zipOf(Array.from({ length: 520 }, (_, i) => [`f${i}`, i === 519 ? KEY : `pad ${i}`] as const))), 'decode-budget'],
    ['a tar of 520 members', b64(tarOf(Array.from({ length: 520 }, (_, i) => ({ name: `f${i}`, data: i === 519 ? KEY : `pad ${i}` })))), 'decode-budget'],
    ['a .tar.gz past 256 KiB that compresses a thousand times', b64(gzipSync(tarOf([{ name: 'pad', data: ' '.repeat(260 * KiB) }, { name: 'key', data: KEY }]))), 'decode-budget'],
    ['a gzip bomb: 64 KiB of compressed zeros (far past 32 times its size)', b64(gzipSync(Buffer.alloc(64 * 1024 * KiB))), 'decode-budget'],
    ['five base64 layers', [1, 2, 3, 4, 5].reduce((t) => b64(t), KEY), 'depth'],
    ['gzip five times', b64([1, 2, 3, 4, 5].reduce<Buffer>((b) => gzipSync(b), Buffer.from(KEY))), 'depth'],
    ['40 decoy forms before the key', [...Array.from({ length: 40 }, (_, i) => b64(`decoy line ${i} of the file`)), b64(`k ${KEY}`)].join('\n'), 'forms'],
  ])('stops short on %s and says why', (_what, text, reason) => {
    const search = decodeSearch(text);
    expect(search.short).toBe(reason);
  });

  it.each([
    ['four base64 layers', [1, 2, 3, 4].reduce((t) => b64(t), KEY)],
    ['gzip inside gzip within the budget', b64(gzipSync(gzipSync(`${'#'.repeat(100 * KiB)}${KEY}`)))],
    ['a gzip of 200 KiB', b64(gzipSync(`${' '.repeat(200 * KiB)}${KEY}`))],
    ['a tar whose member is a .gz', b64(tarOf([{ name: 'key.gz', data: gzipSync(KEY) }]))],
    ['a .tar.gz whose member is a .gz', b64(gzipSync(tarOf([{ name: 'key.gz', data: gzipSync(KEY) }])))],
    ['a Secret-sized base64 value of 300 KiB of blanks and the key', b64(`${' '.repeat(300 * KiB)}${KEY}`)],
    ['an uncompressed tar past 256 KiB (no bigger than itself)', b64(tarOf([{ name: 'pad', data: ' '.repeat(260 * KiB) }, { name: 'key', data: KEY }]))],
    ['an in-house pack as .tar.gz: 40 Python files, 600 KiB unpacked (about 5 times its size)', b64(gzipSync(tarOf([...Array.from({ length: 40 }, (_, i) => ({ name: `pack/actions/act_${i}.py`, data: packSource(i) })), { name: 'pack/config.yaml', data: KEY }])))],
    ['the same pack as .tar.bz2', b64(bzip2Of(tarOf([...Array.from({ length: 40 }, (_, i) => ({ name: `pack/actions/act_${i}.py`, data: packSource(i) })), { name: 'pack/config.yaml', data: KEY }])))],
  ])('searches %s to its end', (_what, text) => {
    const search = decodeSearch(text);
    expect(search.short).toBeUndefined();
    expect(found(text)).toBe(true);
  });

  it('searches a big plain text (a 1 MiB dashboard with escapes) whole, without a finding', () => {
    const dashboard = JSON.stringify({ panels: Array.from({ length: 14000 }, (_, i) => ({ id: i, expr: `rate(x{job="st2",i="${i}"}[5m])`, description: 'a\nb' })) });
    expect(dashboard.length).toBeGreaterThan(1024 * KiB);
    expect(decodeSearch(dashboard).short).toBeUndefined();
    expect(decodeSearch(`${dashboard}${KEY}`).forms[0]?.text.endsWith(KEY)).toBe(true);
  });

  it('reports where a value was cut short (resource, path, key), never the value', () => {
    const blob = b64(gzipSync(`${' '.repeat(300 * KiB)}${KEY}`));
    const facts = collectStringFacts([{ kind: 'ConfigMap', metadata: { name: 'c' }, binaryData: { 'key.gz': blob } }], [{ id: 'x', value: KEY }], new Date('2026-12-06T00:00:00Z'));
    expect(facts.search_short).toEqual([{ resource: 0, path: ['binaryData', 'key.gz'], key: 'key.gz', in: 'value', reason: 'decode-budget' }]);
    expect(JSON.stringify(facts)).not.toContain(KEY);
  });
});

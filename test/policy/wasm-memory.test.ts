/**
 * The pages a compiled policy's static data needs (src/policy/wasm-memory.ts):
 * the engine starts the policy with at least that much memory, since OPA's
 * module asks for 5 pages whatever its data segments hold.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataSegmentPages } from '../../src/policy/wasm-memory.js';

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
};
/** i32.const as signed LEB (a positive offset). */
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n === 0 && (byte & 0x40) === 0) return [...out, byte];
    out.push(byte | 0x80);
  }
};
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const active = (offset: number, length: number): number[] => [0, 0x41, ...sleb(offset), 0x0b, ...uleb(length), ...new Array<number>(length).fill(0x61)];
const module = (...sections: number[][]): Uint8Array => new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...sections.flat()]);

describe('dataSegmentPages: the pages the data segments reach', () => {
  it.each([
    ['no data section', module(), 0],
    ['one segment inside the first page', module(section(11, [1, ...active(1024, 16)])), 1],
    ['the last byte on page 6 (past the SDK default of 5)', module(section(11, [2, ...active(1024, 8), ...active(327_000, 1_000)])), 6],
    ['a passive segment needs no room', module(section(11, [1, 1, ...uleb(4), 1, 2, 3, 4])), 0],
    ['an offset whose signed LEB needs a sign byte (64)', module(section(11, [1, ...active(64, 1)])), 1],
  ] as const)('%s', (_name, wasm, pages) => {
    expect(dataSegmentPages(wasm)).toBe(pages);
  });

  it('a truncated module reads as 0 (the SDK default then applies)', () => {
    expect(dataSegmentPages(module(section(11, [1, 0, 0x41])).slice(0, 12))).toBe(0);
  });

  it("the built bundle's data needs at least OPA's 5 pages", () => {
    const wasm = readFileSync(path.join(import.meta.dirname, '../../policies/bundle/policy.wasm'));
    expect(dataSegmentPages(wasm)).toBeGreaterThanOrEqual(5);
  });
});

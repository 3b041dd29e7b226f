/**
 * The warm cache's change detection on its own: answers recorded through the
 * wrapped reader, a plain stat when nothing changed, a content re-hash when the
 * stamp moved or the file is racily new, and any changed answer invalidates.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryFileReader, type FileReader } from '../../src/io/file-system.js';
import { InputSet, RACY_MS, type FileStamp } from '../../src/server/input-tracker.js';

/** A mutable in-memory tree with stamps the test controls. */
function tree(initial: Record<string, string>) {
  let files = { ...initial };
  const stamps = new Map<string, FileStamp>();
  let reads = 0;
  const fs: FileReader = {
    kind: (p) => createMemoryFileReader(files).kind(p),
    size: (p) => createMemoryFileReader(files).size(p),
    read: (p) => {
      reads++;
      return createMemoryFileReader(files).read(p);
    },
    readBytes: (p) => createMemoryFileReader(files).readBytes(p),
    list: (p) => createMemoryFileReader(files).list(p),
  };
  return {
    fs,
    reads: () => reads,
    set(path: string, text: string | undefined, stamp: FileStamp) {
      files = { ...files };
      if (text === undefined) delete files[path];
      else files[path] = text;
      stamps.set(path, stamp);
    },
    stat: (p: string): FileStamp => stamps.get(p) ?? { kind: 'missing', id: 'missing', mtimeMs: 0 },
  };
}

const file = (id: string, mtimeMs: number): FileStamp => ({ kind: 'file', id, mtimeMs });

describe('InputSet', () => {
  it('stays current with a plain stat (no read) while stamps are unchanged and old enough', () => {
    // GIVEN a file recorded long after its last change
    const t = tree({ 'a.yaml': 'x: 1' });
    t.set('a.yaml', 'x: 1', file('1', 0));
    const inputs = new InputSet({ stat: t.stat, now: () => 10 * RACY_MS });
    inputs.wrap(t.fs).read('a.yaml');
    const readsBefore = t.reads();
    // WHEN checked again
    // THEN it is current, and the content was not read again
    expect(inputs.isCurrent(t.fs)).toBe(true);
    expect(t.reads()).toBe(readsBefore);
  });

  it('re-hashes a racily new file even with an unchanged stamp, and sees a same-stamp rewrite', () => {
    // GIVEN a file recorded in the same instant it was written
    const t = tree({});
    t.set('a.yaml', 'x: 1', file('same', 1000));
    const inputs = new InputSet({ stat: t.stat, now: () => 1000 });
    inputs.wrap(t.fs).read('a.yaml');
    // WHEN it is rewritten with the same size and timestamp (the stamp cannot tell)
    t.set('a.yaml', 'x: 2', file('same', 1000));
    // THEN the content hash does
    expect(inputs.isCurrent(t.fs)).toBe(false);
  });

  it('accepts a touched file whose content is unchanged, then trusts the new stamp', () => {
    const t = tree({});
    t.set('a.yaml', 'x: 1', file('1', 0));
    let now = 10 * RACY_MS;
    const inputs = new InputSet({ stat: t.stat, now: () => now });
    inputs.wrap(t.fs).read('a.yaml');
    t.set('a.yaml', 'x: 1', file('2', 0));
    expect(inputs.isCurrent(t.fs)).toBe(true);
    const reads = t.reads();
    now += 1;
    expect(inputs.isCurrent(t.fs)).toBe(true);
    expect(t.reads()).toBe(reads);
  });

  it.each([
    { name: 'a file that appears where one was missing', check: (fs: FileReader) => fs.kind('b.yaml'), change: { path: 'b.yaml', text: 'new' } },
    { name: 'a directory that gains an entry', check: (fs: FileReader) => fs.list('dir'), change: { path: 'dir/two.yaml', text: '2' } },
    { name: 'a file that is deleted', check: (fs: FileReader) => fs.read('dir/one.yaml'), change: { path: 'dir/one.yaml', text: undefined } },
  ])('is no longer current after $name', ({ check, change }) => {
    const t = tree({ 'dir/one.yaml': '1' });
    const inputs = new InputSet({ stat: undefined, now: () => 0 });
    check(inputs.wrap(t.fs));
    expect(inputs.isCurrent(t.fs)).toBe(true);
    t.set(change.path, change.text, file('new', 0));
    expect(inputs.isCurrent(t.fs)).toBe(false);
  });

  it('hashes binary inputs as bytes, so an unchanged policy module stays current', () => {
    const t = tree({ 'policies/bundle/policy.wasm': '\0asm\u00ff' });
    const inputs = new InputSet({ stat: undefined, now: () => 0 });
    inputs.wrap(t.fs).readBytes('policies/bundle/policy.wasm');
    expect(inputs.isCurrent(t.fs)).toBe(true);
    t.set('policies/bundle/policy.wasm', '\0asm\u00fe', file('new', 0));
    expect(inputs.isCurrent(t.fs)).toBe(false);
  });
});

/**
 * What kustomize's YAML readers refuse before parsing, we refuse too, naming
 * file and line: bytes that are not UTF-8 and characters outside YAML's
 * printable set. kubectl's own messages for these are the fixtures under
 * test/fixtures/kustomize-errors/resource-* and patch-del-character.
 */
import { describe, expect, it } from 'vitest';
import { RenderError } from '../../src/core/errors.js';
import { parseYamlFile, readYamlFile } from '../../src/core/yaml-read.js';

function bytesReader(bytes: Uint8Array) {
  return {
    size: () => bytes.length,
    read: () => Buffer.from(bytes).toString('utf8'),
    readBytes: () => bytes,
  };
}

function refusal(run: () => unknown): RenderError {
  try {
    run();
  } catch (error) {
    if (error instanceof RenderError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('characters YAML cannot hold', () => {
  it.each([
    ['a NUL byte', 'k: a\0b', 'U+0000'],
    ['an escape (C0)', 'k: a\u001bb', 'U+001B'],
    ['DEL', 'k: "a\u007fb"', 'U+007F'],
    ['a C1 control', 'k: "a\u009bb"', 'U+009B'],
    ['U+FFFE', 'k: a\ufffeb', 'U+FFFE'],
    ['a lone surrogate', 'k: a\ud800b', 'U+D800'],
  ])('refuses %s, naming line and column', (_name, line, code) => {
    const error = refusal(() => parseYamlFile('cm.yaml', `a: 1\n${line}\n`, { flavor: 'resource' }));
    expect(error.position).toMatchObject({ file: 'cm.yaml', line: 2, column: 5 + (line.includes('"') ? 1 : 0) });
    expect(error.message).toContain(code);
  });

  it.each([
    ['tab, CR and LF', 'k:\t"a"\r\nj: b\n'],
    ['NEL and no-break space', 'k: "a\u0085b\u00a0c"\n'],
    ['a real U+FFFD and astral characters', 'k: "\ufffd \u{1f600}"\n'],
    ['a byte-order mark first', '\ufeffk: v\n'],
  ])('reads %s', (_name, text) => {
    expect(parseYamlFile('cm.yaml', text, { flavor: 'resource' }).documents).toHaveLength(1);
  });
});

describe('bytes that are not UTF-8', () => {
  it('refuses a Latin-1 byte, naming its line', () => {
    const bytes = Uint8Array.from([...Buffer.from('a: 1\nk: caf'), 0xe9, 0x0a]);
    const error = refusal(() => readYamlFile(bytesReader(bytes), 'cm.yaml'));
    expect(error.position).toMatchObject({ file: 'cm.yaml', line: 2 });
    expect(error.message).toContain('0xe9 is not UTF-8');
  });

  it.each([
    ['an overlong slash', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a sequence cut short', [0xe2, 0x82]],
  ])('refuses %s', (_name, bad) => {
    const bytes = Uint8Array.from([...Buffer.from('k: '), ...bad, 0x0a]);
    expect(refusal(() => readYamlFile(bytesReader(bytes), 'cm.yaml')).position).toMatchObject({ line: 1 });
  });

  it('keeps a real U+FFFD, which is UTF-8', () => {
    expect(readYamlFile(bytesReader(Buffer.from('k: "\ufffd"\n')), 'cm.yaml')).toBe('k: "\ufffd"\n');
  });
});

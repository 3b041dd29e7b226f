/**
 * The one reader every byte of a repository goes through (issue 14): reads
 * stay inside the root whatever the symlinks say, the refusal reads the same
 * whether or not a link's target exists, and nothing above the size cap (or
 * that is not a regular file) is read at all.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { onLargeInput } from '../../src/io/file-system.js';
import { createNodeFileReader, endLargeInputWatch, keepingTexts, listOverlays, loadPolicyEngine } from '../../src/repository/index.js';
import { thrownBy } from '../support/thrown.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function repo(files: Record<string, string>, links: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'st2-reader-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  for (const [name, target] of Object.entries(links)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    symlinkSync(target, path.join(dir, name));
  }
  return dir;
}

const errorOf = (run: () => unknown): Error => thrownBy(Error, run);

describe('the confined reader', () => {
  it('refuses a symlink to /dev/zero without reading it (the policy.wasm attack)', () => {
    const root = repo({}, { 'policies/bundle/policy.wasm': '/dev/zero' });
    const fs = createNodeFileReader(root);
    expect(() => fs.readBytes('policies/bundle/policy.wasm')).toThrow("path 'policies/bundle/policy.wasm' is a symlink that leaves the repository root");
    expect(() => fs.kind('policies/bundle/policy.wasm')).toThrow(/leaves the repository root/);
  });

  it('words the refusal the same whether or not the target outside exists', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'st2-outside-'));
    dirs.push(outside);
    writeFileSync(path.join(outside, 'secret'), 'x');
    const root = repo({}, { 'a.yaml': path.join(outside, 'secret'), 'b.yaml': path.join(outside, 'no-such-file'), 'c.yaml': '../../../../../../../etc/passwd', 'd.yaml': '../../../../../../../no/such' });
    const fs = createNodeFileReader(root);
    const messages = ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml'].map((name) => errorOf(() => fs.kind(name)).message.replace(name, 'X'));
    expect(new Set(messages).size).toBe(1);
    expect(messages[0]).toBe("path 'X' is a symlink that leaves the repository root");
    expect(errorOf(() => fs.read('b.yaml')).name).toBe('RenderError');
  });

  it('refuses a symlinked directory leaving the root, for every path below it', () => {
    const root = repo({}, { overlays: '/etc' });
    const fs = createNodeFileReader(root);
    expect(() => fs.list('overlays')).toThrow(/leaves the repository root/);
    expect(() => fs.read('overlays/passwd')).toThrow("path 'overlays/passwd' is a symlink that leaves the repository root");
    expect(() => listOverlays(fs)).toThrow(/overlays' is a symlink that leaves the repository root/);
  });

  it('follows symlinks that stay inside, relative or absolute', () => {
    const root = repo({ 'base/a.yaml': 'a: 1\n' }, { 'x/link.yaml': '../base/a.yaml', 'dirlink': 'base' });
    symlinkSync(path.join(root, 'base/a.yaml'), path.join(root, 'abs.yaml'));
    const fs = createNodeFileReader(root);
    expect(fs.read('x/link.yaml')).toBe('a: 1\n');
    expect(fs.read('dirlink/a.yaml')).toBe('a: 1\n');
    expect(fs.read('abs.yaml')).toBe('a: 1\n');
    expect(fs.kind('dirlink')).toBe('directory');
  });

  it('answers every path the same after resolving others first (directories are resolved once and remembered)', () => {
    const root = repo(
      { 'base/a.yaml': 'a: 1\n', 'base/deep/b.yaml': 'b: 2\n', 'overlays/prod/k.yaml': 'k: 3\n' },
      { 'dirlink': 'base', 'overlays/up': '../base', 'overlays/prod/chain': '../up/deep', 'out': '/etc', 'loop': 'loop2', 'loop2': 'loop', 'base/deep/escape': '../../..' },
    );
    const paths = [
      'base/a.yaml', 'dirlink/a.yaml', 'dirlink/deep/b.yaml', 'overlays/up/deep/b.yaml', 'overlays/prod/chain/b.yaml', 'overlays/prod/chain/escape/x',
      'dirlink/deep/escape', 'out/passwd', 'out', 'loop/x', 'base/missing/x', 'base/a.yaml/x', 'overlays/prod/k.yaml', 'dirlink', '.',
    ];
    const answer = (fs: ReturnType<typeof createNodeFileReader>, p: string): string => {
      try {
        const kind = fs.kind(p);
        return kind === 'file' ? `file ${fs.read(p)}` : kind;
      } catch (error) {
        return `error ${(error as Error).message}`;
      }
    };
    const alone = paths.map((p) => answer(createNodeFileReader(root), p));
    // One reader for all of them, in this order and backwards: its remembered directories change nothing.
    const shared = createNodeFileReader(root);
    expect(paths.map((p) => answer(shared, p))).toEqual(alone);
    const backwards = createNodeFileReader(root);
    expect([...paths].reverse().map((p) => answer(backwards, p))).toEqual([...alone].reverse());
    expect(alone).toContain('file b: 2\n');
    expect(alone.filter((a) => a.includes('leaves the repository root')).length).toBeGreaterThanOrEqual(3);
  });

  it('calls each large-input hook once, when the reads pass its threshold, until the watch ends', () => {
    const root = repo({ 'a.yaml': 'x'.repeat(100), 'b.yaml': 'x'.repeat(100), 'c.yaml': 'x'.repeat(100) });
    const fs = createNodeFileReader(root);
    const calls: string[] = [];
    onLargeInput(250, () => calls.push('250'));
    onLargeInput(150, () => calls.push('150'));
    fs.read('a.yaml');
    expect(calls).toEqual([]);
    fs.read('b.yaml');
    expect(calls).toEqual(['150']);
    fs.read('c.yaml');
    fs.read('a.yaml');
    expect(calls).toEqual(['150', '250']);
    onLargeInput(50, () => calls.push('50'));
    endLargeInputWatch();
    fs.read('a.yaml');
    expect(calls).toEqual(['150', '250']);
  });

  it('refuses symlink loops with a clean error', () => {
    const root = repo({}, { a: 'b', b: 'a' });
    expect(() => createNodeFileReader(root).read('a')).toThrow(/too many levels of symlinks/);
  });

  it('refuses a file above the size cap before reading it, naming the budget', () => {
    const root = repo({ 'big.yaml': 'x'.repeat(2048), 'ok.yaml': 'x' });
    const fs = createNodeFileReader(root, { maxFileBytes: 1024 });
    expect(() => fs.read('big.yaml')).toThrow('big.yaml: file is 2048 bytes, above the maxFileBytes budget of 1024');
    expect(() => fs.readBytes('big.yaml')).toThrow(/maxFileBytes budget of 1024/);
    expect(fs.read('ok.yaml')).toBe('x');
  });

  it('reads only regular files', () => {
    const root = repo({ 'd/x': '' });
    expect(() => createNodeFileReader(root).read('d')).toThrow("'d' is not a regular file");
  });

  it('loads a policy bundle only through the reader: a bundle symlinked outside is refused as bad input', async () => {
    const root = repo({ 'policies/bundle/manifest.json': '{}' }, { 'policies/bundle/policy.wasm': '/dev/zero' });
    await expect(loadPolicyEngine(createNodeFileReader(root))).rejects.toThrow(/manifest.json lacks|leaves the repository root/);
  });

  it('keeps the text it read for a second read, and refuses what the reader refuses', () => {
    // GIVEN a repository read through a reader that keeps texts
    const root = repo({ 'a.yaml': 'one\n' }, { 'out.yaml': '/etc/hostname' });
    const fs = keepingTexts(createNodeFileReader(root));
    expect(fs.read('a.yaml')).toBe('one\n');
    // WHEN the file changes on disk after the first read
    writeFileSync(path.join(root, 'a.yaml'), 'two\n');
    // THEN a second read gives the text the first one gave (the one a render parsed)
    expect(fs.read('a.yaml')).toBe('one\n');
    // AND escaping the root is still refused, every time
    expect(errorOf(() => fs.read('out.yaml')).message).toContain('leaves the repository root');
    expect(errorOf(() => fs.read('out.yaml')).message).toContain('leaves the repository root');
  });
});

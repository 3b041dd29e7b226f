/**
 * This repository is what Argo CD's repo-server clones: it refuses a whole
 * repository that holds a symlink pointing out of it ("repository contains
 * out-of-bounds symlinks"), so no Application of ours would sync. Attack
 * cases that need such a link keep it as NAME.symlink and make it at run
 * time (test/attackers/run.sh, the red-team corpus's writer).
 */
import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('the repository Argo CD clones', () => {
  it('commits no symlink that leaves it', () => {
    const links = execFileSync('git', ['ls-files', '-s'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.startsWith('120000 '))
      .map((line) => line.split('\t')[1] ?? '');
    const outside = links.filter((file) => {
      const target = path.resolve(path.dirname(path.join(root, file)), readlinkSync(path.join(root, file)));
      return target !== root && !target.startsWith(`${root}${path.sep}`);
    });
    expect(outside).toEqual([]);
  });
});

/**
 * The one write the tool makes into a repository (`st2-gitops waive`): an
 * existing file, replaced whole. The path goes through the confined reader
 * first, so a write can only reach a regular file inside the root (no
 * symlink out, no new path); the bytes are written with the same name.
 */
import { realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { FileReader } from '../io/file-system.js';

export function replaceRepositoryFile(fs: FileReader, root: string, relPath: string, text: string): void {
  if (fs.kind(relPath) !== 'file') throw new ConfigError('write-refused', `${relPath} is not a file inside the repository; nothing was written`);
  const real = realpathSync(path.join(root, relPath));
  const realRoot = realpathSync(root);
  if (!real.startsWith(`${realRoot}${path.sep}`)) throw new ConfigError('write-refused', `${relPath} resolves outside the repository; nothing was written`);
  writeFileSync(real, text);
}

/**
 * The operator CRD files scripts/fetch-crds.sh writes into `.tools/crds`, one per line of
 * scripts/crd-versions (`module version file`), named `<module basename>-<version>.yaml`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface CrdSource {
  readonly module: string;
  readonly version: string;
  /** Where scripts/fetch-crds.sh puts the file. */
  readonly file: string;
}

/** Every CRD source pinned in scripts/crd-versions. */
export function pinnedCrdSources(root: string = repoRoot): readonly CrdSource[] {
  return readFileSync(path.join(root, 'scripts', 'crd-versions'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [module, version] = line.split(/\s+/);
      if (module === undefined || version === undefined) throw new Error(`scripts/crd-versions: bad line '${line}'`);
      return { module, version, file: path.join(root, '.tools', 'crds', `${path.basename(module)}-${version}.yaml`) };
    });
}

/** True when every pinned CRD file has been fetched. */
export function haveCrds(root: string = repoRoot): boolean {
  return pinnedCrdSources(root).every((s) => existsSync(s.file));
}

/**
 * bcrypt hashes (`$2a$`, `$2b$`, `$2y$`) that verify st2's published login
 * (the tenth red team's htpasswd line for st2auth's flat_file backend, which
 * passlib reads with bcrypt). bcrypt is slow on purpose, so the search is
 * bounded: only st2's default passwords are tried (no other program of the
 * cluster reads bcrypt), at a cost of at most MAX_COST (passlib's default is
 * 12, `htpasswd -B` writes 5), and at most MAX_HASHES hashes per text. A hash
 * past either bound cannot be verified and says so (`tooCostly`), which the
 * search reports as a value it could not finish (ST2-SEC-009). Results are
 * kept per hash: renders repeat them.
 */
import { bcryptDigest } from './bcrypt.js';

const BCRYPT = /\$2[aby]\$(\d{2})\$([./A-Za-z0-9]{22})([./A-Za-z0-9]{31})/g;
export const MAX_COST = 12;
const MAX_HASHES = 4;
const MAX_MEMO = 1024;
const memo = new Map<string, readonly string[]>();

/** The literals bcrypt is tried with: st2's own default passwords. */
export function bcryptCandidates<T extends { readonly id: string }>(literals: readonly T[]): T[] {
  return literals.filter((l) => l.id.startsWith('st2-') && l.id.endsWith('-password'));
}

export interface BcryptResult {
  readonly hits: ReadonlyArray<{ readonly id: string; readonly encoding: 'bcrypt' }>;
  /** A hash costlier than MAX_COST, or more hashes than MAX_HASHES: not verified. */
  readonly tooCostly: boolean;
}

const NONE: BcryptResult = { hits: [], tooCostly: false };

export function bcryptHits(text: string, candidates: ReadonlyArray<{ readonly id: string; readonly value: string }>): BcryptResult {
  if (candidates.length === 0 || !text.includes('$2')) return NONE;
  const hits: Array<{ id: string; encoding: 'bcrypt' }> = [];
  let tooCostly = false;
  let seen = 0;
  for (const m of text.matchAll(BCRYPT)) {
    const cost = Number(m[1]);
    if (cost > MAX_COST || ++seen > MAX_HASHES) {
      tooCostly = true;
      continue;
    }
    const hash = m[0];
    let ids = memo.get(hash);
    if (ids === undefined) {
      ids = candidates.filter((l) => bcryptDigest(l.value, m[2] ?? '', cost) === m[3]).map((l) => l.id);
      if (memo.size >= MAX_MEMO) memo.clear();
      memo.set(hash, ids);
    }
    for (const id of ids) hits.push({ id, encoding: 'bcrypt' });
  }
  return hits.length === 0 && !tooCostly ? NONE : { hits, tooCostly };
}

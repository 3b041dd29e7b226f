/**
 * The secret search's budgets, and what happens when one is reached: the
 * search of that value stops short, and a value that could not be searched
 * to its end is itself a finding (ST2-SEC-009: deny in staging and
 * production, warn in dev), never silently passed. Hostile input is normal:
 * whatever the budgets, an attacker can exceed them (a gzip whose output is
 * over the cap, a sixth layer of base64), so reaching one must fail closed;
 * raising them only moves the line.
 *
 * The byte readers (readable-bytes.ts and the decompressors) note a stream or
 * archive they had to cut; decodeSearch (decode-layers.ts) notes depth, form
 * count and total output. One search runs at a time (synchronously), so the
 * note is module state read back by the search that started it.
 */

/** Output of any one decompression or archive, at least (a bomb stops here). */
export const MAX_STREAM_OUTPUT = 256 * 1024;
/**
 * How much larger than its compressed bytes a stream may decompress before
 * the search stops short. Source code, YAML and JSON shrink 3 to 10 times
 * under gzip, bzip2 or zstd (a tarred st2 pack of Python and YAML about 5
 * times, tar headers included); a bomb is built to grow a thousand times or
 * more. A big archive may therefore decompress in proportion to its size (an
 * in-house pack of 100 KiB to about 3 MiB), a small one only to the floor.
 */
export const MAX_STREAM_RATIO = 32;
/** Entries read from one zip or tar archive (a pack of a few hundred files; each entry's bytes are budgeted too). */
export const MAX_ARCHIVE_ENTRIES = 512;

/** Nested decodings followed from a string. */
export const MAX_DEPTH = 4;
/** Distinct decoded forms of one string. */
export const MAX_FORMS = 32;
/**
 * Characters of all decoded forms of one string together. Plain text is
 * searched at any size; a big innocent text (a dashboard JSON with escapes)
 * decodes to about its own size once or twice, well inside this.
 */
export const MAX_SEARCH_OUTPUT = 4 * 1024 * 1024;

/**
 * The output budget of one stream decompressing `compressed` bytes: the floor
 * for small inputs, MAX_STREAM_RATIO times its size for big ones, never more
 * than a value's whole search budget.
 */
export function streamBudget(compressed: number): number {
  return Math.min(MAX_SEARCH_OUTPUT, Math.max(MAX_STREAM_OUTPUT, compressed * MAX_STREAM_RATIO));
}

/** Why a value's search stopped short of its end. */
/** `hash-cost`: a bcrypt hash (bcrypt-hashes.ts) or an openssl enc key derivation (openssl-enc.ts) costlier than the gate verifies. */
export type ShortReason = 'decode-budget' | 'depth' | 'forms' | 'hash-cost';

let noted: ShortReason | undefined;

/** Notes that the running search had to leave something undecoded (the first reason is kept). */
export function stopShort(reason: ShortReason): void {
  noted ??= reason;
}

/** Runs one search and returns what it found with the reason it stopped short, if it did. */
export function searchWithin<T>(search: () => T): { readonly result: T; readonly short: ShortReason | undefined } {
  const outer = noted;
  noted = undefined;
  try {
    const result = search();
    return { result, short: noted };
  } finally {
    noted = outer;
  }
}

/** Node's zlib refusing to produce more than maxOutputLength. */
export function isOverBudget(error: unknown): boolean {
  return error instanceof RangeError && (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
}

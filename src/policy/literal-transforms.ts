/**
 * The published defaults as a one-line program inverts them: ROT13 (`tr
 * 'A-Za-z' 'N-ZA-Mn-za-m'`, codecs rot_13), case swapped (Python's
 * `.swapcase()`, `tr 'a-zA-Z' 'A-Za-z'`, an XOR of 0x20 over the letters),
 * reversed (`rev`, `[::-1]`, little-endian bytes of an integer), and each of
 * the first two reversed; ROT47, Atbash, base58, base36 and base64 reversed
 * (literal-encodings.ts). Computed once per literal set (literals.ts), then
 * looked for in every searched form as the literals are: no text is ever
 * transformed, so the cost is a few more needles, not a decoding.
 *
 * Sound because the defaults are random strings: the transformed form of one
 * does not occur by chance, so a text holding it holds the default one step
 * from being used.
 */

import { atbash, base36, base58, reversedBase64Pieces, rot47 } from './literal-encodings.js';

export type LiteralTransform = 'rot13' | 'swapcase' | 'reversed' | 'rot47' | 'atbash' | 'base58' | 'base36' | 'reversed-base64';

export interface TransformedLiteral {
  readonly id: string;
  readonly value: string;
  /** The outermost step a program undoes first (a reversed ROT13 is reported as `reversed`). */
  readonly how: LiteralTransform;
}

/** ROT13 (`tr 'A-Za-z' 'N-ZA-Mn-za-m'`, Python's codecs rot_13): its own inverse. */
export function rot13(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => {
    const code = c.charCodeAt(0);
    const base = code >= 97 ? 97 : 65;
    return String.fromCharCode(((code - base + 13) % 26) + base);
  });
}

/** Python's str.swapcase() on ASCII (what an XOR of 0x20 does to letters). */
export function swapcase(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => (c >= 'a' ? c.toUpperCase() : c.toLowerCase()));
}

export function reversed(text: string): string {
  return [...text].reverse().join('');
}

const STEPS: ReadonlyArray<{ readonly how: LiteralTransform; readonly apply: (t: string) => string | readonly string[] }> = [
  { how: 'rot13', apply: rot13 },
  { how: 'swapcase', apply: swapcase },
  { how: 'reversed', apply: reversed },
  { how: 'reversed', apply: (t) => reversed(rot13(t)) },
  { how: 'reversed', apply: (t) => reversed(swapcase(t)) },
  // Keyless encodings a tool turns back (literal-encodings.ts).
  { how: 'rot47', apply: rot47 },
  { how: 'atbash', apply: atbash },
  { how: 'base58', apply: base58 },
  { how: 'base36', apply: (t) => [base36(t), base36(t).toUpperCase()] },
  { how: 'reversed-base64', apply: reversedBase64Pieces },
];

/**
 * Each literal's transformed forms that differ from every literal and from one
 * another (a literal without letters has no ROT13 form; a palindrome no reversal).
 */
export function transformedLiterals(literals: ReadonlyArray<{ readonly id: string; readonly value: string }>): TransformedLiteral[] {
  const taken = new Set(literals.map((l) => l.value));
  const out: TransformedLiteral[] = [];
  for (const { how, apply } of STEPS) {
    for (const l of literals) {
      const forms = apply(l.value);
      for (const value of typeof forms === 'string' ? [forms] : forms) {
        if (taken.has(value)) continue;
        taken.add(value);
        out.push({ id: l.id, value, how });
      }
    }
  }
  return out;
}

/**
 * Many needles (8 characters or more) looked for in one light pass. An
 * occurrence of a needle of length L covers L - 1 consecutive positions, so
 * it covers one position of every step-th one (step = the shortest needle
 * less one): only those positions are read, their two characters indexing a
 * table of (needle, offset) pairs whose needle has those two characters at
 * that offset, and only those are compared. A step-th of the text's
 * positions, instead of one search per needle.
 */
export class NeedleScan<T extends { readonly value: string }> {
  private readonly table = new Int16Array(128 * 128).fill(-1);
  private readonly groups: Array<Array<{ readonly needle: T; readonly offset: number }>> = [];
  /** Needles with a character outside ASCII where the table would read it: searched one by one. */
  private readonly others: T[] = [];
  private readonly step: number;

  constructor(needles: readonly T[]) {
    this.step = Math.max(1, Math.min(...needles.map((n) => n.value.length)) - 1);
    for (const needle of needles) {
      const v = needle.value;
      if ([...v.slice(0, this.step + 1)].some((c) => c.charCodeAt(0) >= 128)) {
        this.others.push(needle);
        continue;
      }
      for (let offset = 0; offset < this.step; offset++) {
        const key = (v.charCodeAt(offset) << 7) | v.charCodeAt(offset + 1);
        let g = this.table[key] ?? -1;
        if (g < 0) {
          g = this.groups.length;
          this.groups.push([]);
          this.table[key] = g;
        }
        this.groups[g]?.push({ needle, offset });
      }
    }
  }

  /** Calls found for each needle the text contains (once per place it starts). */
  scan(text: string, found: (needle: T) => void): void {
    const table = this.table;
    for (let p = 0; p + 1 < text.length; p += this.step) {
      const a = text.charCodeAt(p);
      const b = text.charCodeAt(p + 1);
      if ((a | b) >= 128) continue;
      const g = table[(a << 7) | b] ?? -1;
      if (g < 0) continue;
      for (const { needle, offset } of this.groups[g] ?? []) {
        const start = p - offset;
        if (start >= 0 && text.startsWith(needle.value, start)) found(needle);
      }
    }
    for (const n of this.others) if (text.includes(n.value)) found(n);
  }
}

/** The shortest text searched for a contained form (as literals.ts does for the literals). */
const MIN_CONTAINS_LENGTH = 8;

export interface TransformedHit {
  readonly id: string;
  readonly how: LiteralTransform;
}

const NO_TRANSFORMED: readonly TransformedLiteral[] = [];
const NO_HITS: readonly TransformedHit[] = [];

/** The transformed forms of one literal set, with their lookups, built once per set. */
export class TransformedLiterals {
  private readonly whole = new Map<string, TransformedLiteral[]>();
  private readonly scan: NeedleScan<TransformedLiteral>;
  private readonly shortest: number;

  constructor(literals: ReadonlyArray<{ readonly id: string; readonly value: string }>) {
    const forms = transformedLiterals(literals);
    for (const l of forms) this.whole.set(l.value, [...(this.whole.get(l.value) ?? []), l]);
    this.scan = new NeedleScan(forms.filter((l) => l.value.length >= MIN_CONTAINS_LENGTH));
    this.shortest = Math.min(...forms.map((l) => l.value.length));
  }

  /** Each literal the text shows transformed, once, with its first transform: whole, or contained when 8 characters or more. */
  match(text: string, wholeOnly: boolean): readonly TransformedHit[] {
    if (text.length < this.shortest) return NO_HITS;
    let hits: TransformedHit[] | undefined;
    const add = (l: TransformedLiteral): void => {
      if (hits === undefined) hits = [{ id: l.id, how: l.how }];
      else if (!hits.some((h) => h.id === l.id)) hits.push({ id: l.id, how: l.how });
    };
    for (const l of this.whole.get(text.trim()) ?? NO_TRANSFORMED) add(l);
    if (!wholeOnly) this.scan.scan(text, add);
    return hits ?? NO_HITS;
  }
}

/**
 * One TransformedLiterals per literal set, by content: every engine of one
 * bundle shares it, and the CLI's startup snapshot carries the shipped
 * bundle's (warm-up.ts builds it), so a render does not pay for the forms
 * (about 1 ms of a fresh process, base58 and base36 among them). A few sets
 * at most: a long-lived server sees one bundle after another.
 */
const built = new Map<string, TransformedLiterals>();
const KEPT_SETS = 4;

export function transformedLiteralsOf(literals: ReadonlyArray<{ readonly id: string; readonly value: string }>): TransformedLiterals {
  const key = literals.map((l) => `${l.id}\u0000${l.value}`).join('\u0001');
  let found = built.get(key);
  if (found === undefined) {
    found = new TransformedLiterals(literals);
    if (built.size >= KEPT_SETS) built.delete(built.keys().next().value ?? '');
    built.set(key, found);
  }
  return found;
}

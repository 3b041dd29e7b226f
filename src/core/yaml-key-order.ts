/**
 * Map key order as goyaml.v2 sorts it (keyList.Less): letters by code point,
 * a non-letter before a letter, digit runs compared as numbers. What the
 * writer derives from sorted keys is remembered by key set, since manifests
 * repeat the same shapes.
 */

/** Remembered key sets and keys are capped so a huge input cannot grow them without bound. */
const CACHE_LIMIT = 20_000;

/** goyaml.v2's keyList.Less: letters by code point, digit runs numerically. */
export function compareKeysNatural(a: string, b: string): number {
  if (a === b) return 0;
  return naturalLess(a, b) ? -1 : 1;
}

/**
 * Most keys first differ at two ASCII characters other than digits, or one is
 * a prefix of the other: those decide at once. Digit runs and other scripts
 * take the rune-by-rune comparison.
 */
function naturalLess(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === a.length || i === b.length) {
    // The shorter has fewer runes, unless its last unit pairs with the longer's next.
    if (!isHighSurrogate(a.charCodeAt(i - 1))) return a.length < b.length;
  } else {
    const ac = a.charCodeAt(i);
    const bc = b.charCodeAt(i);
    if (isAsciiNonDigit(ac) && isAsciiNonDigit(bc)) {
      const bl = isAsciiLetter(bc);
      return isAsciiLetter(ac) === bl ? ac < bc : bl;
    }
  }
  return naturalLessByRunes(codePoints(a), codePoints(b));
}

function isAsciiLetter(code: number): boolean {
  return (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
}

function isAsciiNonDigit(code: number): boolean {
  return code < 0x80 && !(code >= 0x30 && code <= 0x39);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

/** Unicode letters; ASCII is answered without the regex. */
function isLetter(code: number): boolean {
  if (code < 0x80) return isAsciiLetter(code);
  return LETTER.test(String.fromCodePoint(code));
}

/** Unicode decimal digits; ASCII is answered without the regex. */
function isDigit(code: number): boolean {
  if (code < 0x80) return code >= 0x30 && code <= 0x39;
  return DIGIT.test(String.fromCodePoint(code));
}

/** Go compares runes: a key's code points, remembered since the same keys are sorted in many sets. */
const keyCodePoints = new Map<string, readonly number[]>();

function codePoints(text: string): readonly number[] {
  let codes = keyCodePoints.get(text);
  if (codes === undefined) {
    codes = Array.from(text, (ch) => ch.codePointAt(0) ?? 0);
    if (keyCodePoints.size < CACHE_LIMIT) keyCodePoints.set(text, codes);
  }
  return codes;
}

function naturalLessByRunes(ar: readonly number[], br: readonly number[]): boolean {
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] ?? 0;
    const bc = br[i] ?? 0;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai] ?? 0); ai++) an = an * 10 + asciiDigitValue(ar[ai] ?? 0);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi] ?? 0); bi++) bn = bn * 10 + asciiDigitValue(br[bi] ?? 0);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ac < bc;
  }
  return ar.length < br.length;
}

/** A digit's value in a run: ASCII digits count, other Unicode digits add 0. */
function asciiDigitValue(code: number): number {
  return code >= 48 && code <= 57 ? code - 48 : 0;
}

interface KeySetNode<T> {
  onlyKey: string | undefined;
  only: KeySetNode<T> | undefined;
  more: Map<string, KeySetNode<T>> | undefined;
  value: T | undefined;
}

function keySetNode<T>(): KeySetNode<T> {
  return { onlyKey: undefined, only: undefined, more: undefined, value: undefined };
}

/**
 * Values worked out once per key set from its sorted keys: manifests repeat
 * the same shapes (containers, ports, probes) thousands of times, and natural
 * ordering is the costly part. A trie over the keys in insertion order, so a
 * lookup builds no string; most nodes have one child, kept inline to spare a
 * map per node.
 */
export class KeySetCache<T> {
  private readonly root = keySetNode<T>();
  private nodes = 0;

  constructor(private readonly build: (sortedKeys: string[]) => T) {}

  /** The value for the map's keys, built on first sight (every time once the cache is full). */
  get(map: object): T {
    const keys = Object.keys(map);
    let node: KeySetNode<T> | undefined = this.root;
    for (let i = 0; i < keys.length && node !== undefined; i++) {
      const key = keys[i] as string;
      node = node.onlyKey === key ? node.only : this.findOrAddChild(node, key);
    }
    if (node === undefined) return this.build(keys.sort(compareKeysNatural));
    node.value ??= this.build(keys.sort(compareKeysNatural));
    return node.value;
  }

  /** The node after `key` when it is not the first child's: found, added (first if none is), or undefined once full. */
  private findOrAddChild(node: KeySetNode<T>, key: string): KeySetNode<T> | undefined {
    const found = node.more?.get(key);
    if (found !== undefined || this.nodes >= CACHE_LIMIT) return found;
    const child = keySetNode<T>();
    this.nodes++;
    if (node.only === undefined) {
      node.onlyKey = key;
      node.only = child;
    } else {
      (node.more ??= new Map()).set(key, child);
    }
    return child;
  }
}

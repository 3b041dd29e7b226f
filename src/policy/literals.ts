/**
 * The chart's published literals (the bundle's data.chart_defaults) and the
 * matcher that says which of them a text is or contains.
 */
import { isJsonObject } from '../core/manifest.js';
import { transformedLiteralsOf, type TransformedHit, type TransformedLiterals } from './literal-transforms.js';
import { base64wsForm, CONSUMER_NORMALISATIONS, maySaslprep, normalisedBy, saslprep, type ConsumerNormalisation } from './consumer-normalise.js';

export interface Literal {
  readonly id: string;
  readonly value: string;
  /**
   * A fragment of a published key's base64 body: matched in the text with its
   * whitespace removed, so a key split in parts, re-wrapped or indented is still found.
   */
  readonly compact?: boolean;
  /** How the program reading it normalises what it reads (consumer-normalise.ts): spellings it folds back are the literal. */
  readonly normalise?: ConsumerNormalisation;
}

/** Below this length a literal is matched only as a whole value ("admin" in prose is no finding). */
const MIN_CONTAINS_LENGTH = 8;

/** The literals of the bundle's data.chart_defaults, validated (outside data enters as unknown). */
export function literalsOf(data: unknown): Literal[] {
  const defaults = isJsonObject(data) ? data['chart_defaults'] : undefined;
  const out: Literal[] = [];
  for (const [field, compact] of [
    ['literals', false],
    ['key_fragments', true],
  ] as const) {
    const list = isJsonObject(defaults) ? defaults[field] : undefined;
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (isJsonObject(item) && typeof item['id'] === 'string' && typeof item['value'] === 'string' && item['value'] !== '') {
        const how = CONSUMER_NORMALISATIONS.find((n) => n === item['consumer_normalises']);
        const literal: Literal = compact ? { id: item['id'], value: item['value'], compact } : { id: item['id'], value: item['value'] };
        out.push(how === undefined ? literal : { ...literal, normalise: how });
      }
    }
  }
  return out;
}

const NO_IDS: readonly string[] = [];

/** A literal in the form its consumer normalises it to, computed once when the matcher is built. */
interface Normalised {
  readonly id: string;
  readonly how: ConsumerNormalisation;
  readonly value: string;
  /** The literal as written: a blank-split spelling of it is found by removing blanks alone. */
  readonly raw: string;
}

/** A literal found only in the form its consumer normalises a text to. */
export interface NormalisedHit {
  readonly id: string;
  readonly how: ConsumerNormalisation;
}

export { rot13 } from './literal-transforms.js';

const NO_HITS: readonly NormalisedHit[] = [];

/**
 * A literal that is base64 text with characters of one alphabet (`+/` or `-_`), such as the
 * datastore key's hmacKeyString and aesKeyString: st2 reads the key with Python's
 * urlsafe_b64decode, which also accepts `+/` (it decodes without validating), so the same key
 * written in the other alphabet, or mixing both, is the published key. Found by a run of
 * letters and digits common to every spelling (the anchor), then compared with both alphabets
 * folded into one. Literals without such a run (a token like xoxb-...) are matched as written.
 */
interface Swappable {
  readonly id: string;
  readonly anchor: string;
  readonly folded: string;
}
const BASE64_SHAPED = /^[A-Za-z0-9+/_-]{16,}=*$/;
const MIN_ANCHOR = 12;

function foldAlphabet(text: string): string {
  return text.replace(/[-_]/g, (c) => (c === '-' ? '+' : '/'));
}

function swappableOf(l: Literal): Swappable | undefined {
  if (!BASE64_SHAPED.test(l.value) || !/[-_+/]/.test(l.value)) return undefined;
  const anchor = (l.value.match(/[A-Za-z0-9]+/g) ?? []).reduce((a, b) => (b.length > a.length ? b : a), '');
  if (anchor.length < MIN_ANCHOR) return undefined;
  return { id: l.id, anchor, folded: foldAlphabet(l.value.replace(/=+$/, '')) };
}

export class LiteralMatcher {
  private readonly whole = new Map<string, string[]>();
  private readonly long: Literal[];
  private readonly fragments: Literal[];
  private readonly swappable: Swappable[];
  private readonly shortest: number;
  private readonly shortestFragment: number;
  private readonly blankSplit: Normalised[];
  private readonly base64ws: Normalised[];
  private readonly sasl: Normalised[];
  /** Each literal ROT13-encoded, case-swapped, reversed (literal-transforms.ts), computed once: searched for as the literals are, no text is transformed. */
  private readonly transformed: TransformedLiterals;
  private readonly shortestBlankSplit: number;
  /** The characters key fragments are made of (ASCII), or undefined when one holds another. */
  private readonly fragmentChars: Uint8Array | undefined;
  private lastText = '';
  private lastCompact = '';

  constructor(literals: readonly Literal[]) {
    const plain = literals.filter((l) => l.compact !== true);
    for (const l of plain) this.whole.set(l.value, [...(this.whole.get(l.value) ?? []), l.id]);
    this.swappable = plain.map(swappableOf).filter((l): l is Swappable => l !== undefined);
    const swapped = new Set(this.swappable.map((l) => l.id));
    this.long = plain.filter((l) => l.value.length >= MIN_CONTAINS_LENGTH && !swapped.has(l.id));
    this.fragments = literals.filter((l) => l.compact === true);
    this.shortest = Math.min(...literals.map((l) => l.value.length));
    this.shortestFragment = Math.min(...this.fragments.map((l) => l.value.length));
    const normalised = plain.flatMap((l): Normalised[] => (l.normalise === undefined ? [] : [{ id: l.id, how: l.normalise, value: normalisedBy(l.normalise, l.value), raw: l.value }]));
    // mongod drops blanks from a keyfile; Base64WSDecode drops them (and more) from the datastore key.
    this.blankSplit = normalised.filter((l) => l.how !== 'saslprep');
    this.base64ws = normalised.filter((l) => l.how === 'st2-base64ws');
    this.sasl = normalised.filter((l) => l.how === 'saslprep');
    // Built once per literal list (the engine's), not per render.
    this.transformed = transformedLiteralsOf(plain);
    this.shortestBlankSplit = Math.min(...this.blankSplit.map((l) => l.raw.length));
    this.fragmentChars = asciiTable(this.fragments.map((l) => l.value).join(''));
  }

  /**
   * Ids of the literals a text shows only once normalised as their consumer
   * reads it (consumer-normalise.ts), with the normalisation: match() found
   * none of them as written. Only candidate texts are normalised: one with
   * blanks (keyfile, datastore key split up), one naming the datastore key
   * file's fields (Base64WSDecode), one with a non-ASCII character (SASLprep).
   */
  matchNormalised(text: string, wholeOnly: boolean): readonly NormalisedHit[] {
    let hits: NormalisedHit[] | undefined;
    const add = (l: Normalised): void => {
      if (hits === undefined) hits = [{ id: l.id, how: l.how }];
      else if (!hits.some((h) => h.id === l.id)) hits.push({ id: l.id, how: l.how });
    };
    // Every whitespace character is dropped (mongod drops 0x09-0x0D and spaces and refuses the
    // rest, so a wider cut only fails closed), sharing the fragments' compacted text.
    if (!wholeOnly && text.length >= this.shortestBlankSplit) {
      const compact = this.compacted(text);
      if (compact !== text) for (const l of this.blankSplit) if (compact.includes(l.raw)) add(l);
    }
    // st2 reads the datastore key from a JSON file's aesKeyString and hmacKey.hmacKeyString.
    if (!wholeOnly && this.base64ws.length > 0 && text.includes('KeyString')) {
      const folded = base64wsForm(text);
      for (const l of this.base64ws) if (folded.includes(l.value)) add(l);
    }
    if (this.sasl.length > 0 && maySaslprep(text)) {
      const prepped = saslprep(text);
      const whole = prepped.trim();
      for (const l of this.sasl) if (whole === l.value || (!wholeOnly && l.value.length >= MIN_CONTAINS_LENGTH && prepped.includes(l.value))) add(l);
    }
    return hits ?? NO_HITS;
  }

  /** Ids of the literals a text shows ROT13-encoded (matchTransformed, ROT13 alone). */
  matchRot13(text: string, wholeOnly: boolean): readonly string[] {
    return this.matchTransformed(text, wholeOnly)
      .filter((h) => h.how === 'rot13')
      .map((h) => h.id);
  }

  /**
   * The literals a text shows transformed (literal-transforms.ts: ROT13, case
   * swapped, reversed), each once with its first transform: whole, or contained
   * when long enough, as match() finds the literals.
   */
  matchTransformed(text: string, wholeOnly: boolean): readonly TransformedHit[] {
    return this.transformed.match(text, wholeOnly);
  }

  /**
   * Ids of the literals a text is or (for long ones) contains, each once, in
   * the order: whole values, contained literals, key fragments. Called for
   * every decoded form of every string, nearly always to find nothing, so it
   * allocates nothing until it finds something.
   */
  match(text: string, wholeOnly: boolean): readonly string[] {
    if (text.length < this.shortest) return NO_IDS;
    let ids: string[] | undefined;
    const add = (id: string): void => {
      if (ids === undefined) ids = [id];
      else if (!ids.includes(id)) ids.push(id);
    };
    for (const id of this.whole.get(text.trim()) ?? NO_IDS) add(id);
    if (!wholeOnly && text.length >= MIN_CONTAINS_LENGTH) {
      for (const l of this.long) if (text.includes(l.value)) add(l.id);
    }
    // These literals are looked for by their anchor instead of whole (no more searching than
    // for the others), then in either alphabet: folded only when the anchor is there (rarely).
    let folded: string | undefined;
    for (const l of this.swappable) {
      if (text.length < l.folded.length || !text.includes(l.anchor)) continue;
      folded ??= foldAlphabet(wholeOnly ? text.trim().replace(/=+$/, '') : text);
      if (wholeOnly ? folded === l.folded : folded.includes(l.folded)) add(l.id);
    }
    if (!wholeOnly && text.length >= this.shortestFragment) {
      const compact = this.compacted(text);
      if (this.mayHoldFragment(compact)) for (const l of this.fragments) if (compact.includes(l.value)) add(l.id);
    }
    return ids ?? NO_IDS;
  }

  /**
   * Whether the compacted text has a run of fragment characters as long as
   * the shortest fragment: a text holding a fragment has one, and most texts
   * (scripts, configs, paths with dots) have none, which one scan tells
   * cheaper than looking for each of the key's fragments.
   */
  private mayHoldFragment(compact: string): boolean {
    const table = this.fragmentChars;
    if (table === undefined) return true;
    let run = 0;
    for (let i = 0; i < compact.length; i++) {
      const c = compact.charCodeAt(i);
      run = c < 128 && table[c] === 1 ? run + 1 : 0;
      if (run >= this.shortestFragment) return true;
    }
    return false;
  }

  /** The text without whitespace, kept for the one text match() and matchNormalised() both read. */
  private compacted(text: string): string {
    if (text !== this.lastText) {
      this.lastText = text;
      this.lastCompact = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
    }
    return this.lastCompact;
  }
}

/** A table of the characters of `chars` (1 for each), or undefined when one is not ASCII. */
function asciiTable(chars: string): Uint8Array | undefined {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) {
    const c = chars.charCodeAt(i);
    if (c >= 128) return undefined;
    table[c] = 1;
  }
  return table;
}

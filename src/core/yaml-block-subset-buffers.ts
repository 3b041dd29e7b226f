/**
 * The buffers a parseBlockSubset call reads through: the text's code units
 * in a typed array and the line tables. They are needed only while a call
 * runs, so they are kept for the next call and reading many files allocates
 * (and frees) none. A call takes them (a nested call, from a resolver, finds
 * none and makes its own) and gives them back unless they are large.
 */

/** Ends the code units, so the last line ends like the others. */
const LINE_FEED = 10;

/** A Reader's line tables (`grow` replaces the arrays). */
export interface LineTables {
  starts: Int32Array;
  indents: Int32Array;
  kinds: Uint8Array;
}

let spareCodes: Uint8Array | undefined;
let spareTables: LineTables | undefined;
const MAX_KEPT_CHARACTERS = 1 << 20;

/**
 * The UTF-16 code units of `text`, then a line feed: the reader looks at
 * single characters through this array, which costs far less than
 * charCodeAt (above all before V8 optimises), and the extra line feed ends
 * the last line like the others. ASCII text, nearly every manifest, is
 * encoded natively.
 */
export function codeUnits(text: string): Uint8Array | Uint16Array {
  const size = text.length + 1;
  let bytes = spareCodes;
  spareCodes = undefined;
  if (bytes === undefined || bytes.length < size) bytes = new Uint8Array(size + (size >> 2));
  const { read, written } = ENCODER.encodeInto(text, bytes);
  if (read === text.length && written === text.length) {
    bytes[text.length] = LINE_FEED;
    return bytes;
  }
  spareCodes = bytes;
  const units = new Uint16Array(size);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  units[text.length] = LINE_FEED;
  return units;
}

const ENCODER = new TextEncoder();

/** Line tables for a text of `length` characters, sized for a guess at its line count (`grow` corrects it). */
export function lineTables(length: number): LineTables {
  const capacity = (length >> 4) + 16; // lines average well over 16 characters
  const tables = spareTables;
  spareTables = undefined;
  if (tables !== undefined && tables.indents.length >= capacity) return tables;
  return { starts: new Int32Array(capacity + 1), indents: new Int32Array(capacity), kinds: new Uint8Array(capacity) };
}

/** Gives a call's buffers back for the next call. */
export function keepForNextCall(codes: Uint8Array | Uint16Array, tables: LineTables): void {
  if (codes instanceof Uint8Array && codes.length <= MAX_KEPT_CHARACTERS) spareCodes = codes;
  if (tables.indents.length <= MAX_KEPT_CHARACTERS >> 4) spareTables = tables;
}

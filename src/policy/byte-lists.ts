/**
 * Bytes written as a list of numbers: separated hex pairs (`38:32:50`, as
 * openssl prints them, `0x38, 0x32`, `38-32`) and decimal byte values
 * (`[57, 106, 83]`, a JSON byte array, `57,106,83`). Lists separated by
 * blanks alone (`xxd -g1`, `57 106 83`) are not read: blanks are in most
 * texts, and the test before the scan (decode-layers.ts) would pass nearly all.
 * Read by one linear scan, each list of 8 bytes or more (the shortest
 * default is 8 characters); decode-layers.ts keeps what is readable text.
 */

const MIN_BYTES = 8;
const SEPARATORS = ':-,';

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isWordChar(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}
function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** One byte token at `at`, per `kind`: its value and where it ends; undefined when there is none. */
function tokenAt(text: string, at: number, kind: 'hex' | 'decimal'): { value: number; end: number } | undefined {
  if (at > 0 && isWordChar(text.charCodeAt(at - 1))) return undefined;
  let i = at;
  if (kind === 'hex') {
    if (text.charCodeAt(i) === 0x30 && (text.charCodeAt(i + 1) | 0x20) === 0x78) i += 2;
    if (!isHex(text.charCodeAt(i)) || !isHex(text.charCodeAt(i + 1)) || isWordChar(text.charCodeAt(i + 2))) return undefined;
    return { value: parseInt(text.slice(i, i + 2), 16), end: i + 2 };
  }
  let value = 0;
  while (i < text.length && i - at < 3 && isDigit(text.charCodeAt(i))) value = value * 10 + (text.charCodeAt(i++) - 0x30);
  if (i === at || value > 255 || isWordChar(text.charCodeAt(i))) return undefined;
  return { value, end: i };
}

/** Each list of `kind` byte tokens in the text that holds 8 bytes or more, one separator throughout. */
export function byteLists(text: string, kind: 'hex' | 'decimal'): Uint8Array[] {
  const out: Uint8Array[] = [];
  let i = 0;
  while (i < text.length) {
    const first = tokenAt(text, i, kind);
    if (first === undefined) {
      i++;
      continue;
    }
    const bytes = [first.value];
    let end = first.end;
    const separator = text[end] ?? '';
    if (SEPARATORS.includes(separator) && separator !== '') {
      for (;;) {
        let j = end + 1;
        // After a separator, blanks and line ends (a list wrapped over lines, `, ` between items).
        while (j < text.length && isBlank(text.charCodeAt(j))) j++;
        const next = text[end] === separator ? tokenAt(text, j, kind) : undefined;
        if (next === undefined) break;
        bytes.push(next.value);
        end = next.end;
      }
    }
    if (bytes.length >= MIN_BYTES) out.push(Uint8Array.from(bytes));
    i = end;
  }
  return out;
}

/**
 * Bytes written as numbers that byte-lists.ts leaves alone: lists separated
 * by blanks alone (`56 77 114`, `6A 43 34`, `0x38 0x4d`, one per line; what
 * `xxd -r -p`, `printf` over `$(...)` or Python's `bytes(int(x) for x in
 * s.split())` turn back into text; three-digit octal as `od -b` prints it,
 * `070 115 162`, which `printf "\\$n"` turns back; 8-bit binary, `01000011 01101000`, as
 * Python's `int(x, 2)` reads it; 16-bit hex words as `od -x` and `hexdump -x` print them on
 * little-endian machines, and in the other byte order as `xxd -g2` does, `od`'s offsets
 * skipped), and one big decimal integer of a text's
 * bytes (Python's `int.from_bytes(s, 'big')`; little-endian gives the
 * reversed text, which literal-transforms.ts finds).
 *
 * Each reader is behind a test a plain text rarely passes (four blank-separated
 * byte tokens in a row; a run of 19 digits or more), and its output counts only
 * when it is readable text (decode-layers.ts): a list of ports or a long
 * account number decodes to nothing readable and is dropped, never a finding.
 */

/** A list shorter than the shortest default (8 characters) cannot spell one. */
const MIN_BYTES = 8;
/** What may open or close a list (`[56 77 ...]`, `"6A 43 ..."`) around its first and last token. */
const OPENERS = /^["'[({]+/;
const CLOSERS = /["'\])},;]+$/;
const DECIMAL = /^[0-9]{1,3}$/;
const HEX_PAIR = /^(?:0[xX])?[0-9A-Fa-f]{2}$/;
/** `od -b`'s bytes: three octal digits, 000-377 (a leading 0 as in `0101` too). */
const OCTAL = /^0?[0-3][0-7]{2}$/;

/** 8 bytes of text are at least 0x2020202020202020: 19 digits. */
const MIN_DIGITS = 19;
/** A number longer than this is no text of a secret (BigInt parsing grows with the square of the length). */
const MAX_DIGITS = 4096;

/**
 * Four blank-separated tokens each led by a digit: every byte of printable
 * ASCII is a decimal number or a hex pair starting with a digit (0x20-0x7e),
 * and a 0x prefix starts with one too. A test starting with a digit is
 * tried at few positions of most texts.
 */
const HAS_BLANK_LIST = /\d[0-9A-Fa-fxX]{0,3}[ \t\r\n]+\d[0-9A-Fa-fxX]{0,3}[ \t\r\n]+\d[0-9A-Fa-fxX]{0,3}[ \t\r\n]+\d/;

/** Three 8-bit binary tokens in a row (no test above passes them: each token has 8 digits). */
const HAS_BINARY_LIST = /[01]{8}[ \t\r\n]+[01]{8}[ \t\r\n]+[01]{8}/;
/** 8 bytes in binary: eight 8-digit tokens and seven blanks. */
const MIN_BINARY_TEXT = 71;

export function mayHoldBlankList(text: string): boolean {
  // 8 bytes as four words (`6843 6e40 6567 654d`) take 19 characters.
  if (text.length < 19) return false;
  return HAS_BLANK_LIST.test(text) || (text.length >= MIN_BINARY_TEXT && HAS_BINARY_LIST.test(text));
}

const BINARY = /^[01]{8}$/;
const WORD = /^[0-9A-Fa-f]{4}$/;
/** `od`'s offset column (seven octal digits): skipped inside a run of words, not an end of it. */
const OD_OFFSET = /^[0-7]{7}$/;

/**
 * Each run of 8 or more blank-separated byte tokens: decimal (0-255), hex
 * pairs (with or without 0x) and three-digit octal read apart, so `56 77
 * 114`, `6A 43 34` and `070 115 162` are each one list; a token that fits
 * several readings counts in each.
 */
export function blankByteLists(text: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  let decimal: number[] = [];
  let hex: number[] = [];
  let octal: number[] = [];
  let binary: number[] = [];
  // 16-bit words, low byte first (od -x) and high byte first (xxd -g2).
  let little: number[] = [];
  let big: number[] = [];
  const end = (list: number[]): void => {
    // od pads an odd length with a zero byte.
    if (list.length > 0 && list[list.length - 1] === 0) list.pop();
    if (list.length >= MIN_BYTES) out.push(Uint8Array.from(list));
  };
  const flush = (): void => {
    for (const list of [decimal, hex, octal, binary, little, big]) end(list);
    decimal = [];
    hex = [];
    octal = [];
    binary = [];
    little = [];
    big = [];
  };
  for (const word of text.split(/[ \t\r\n]+/)) {
    if (word === '') continue;
    const afterOpen = word.replace(OPENERS, '');
    const core = afterOpen.replace(CLOSERS, '');
    if (afterOpen.length !== word.length) flush();
    if (DECIMAL.test(core) && Number(core) <= 255) {
      decimal.push(Number(core));
    } else {
      end(decimal);
      decimal = [];
    }
    if (HEX_PAIR.test(core)) {
      hex.push(parseInt(core.slice(-2), 16));
    } else {
      end(hex);
      hex = [];
    }
    if (OCTAL.test(core)) {
      octal.push(parseInt(core, 8));
    } else {
      end(octal);
      octal = [];
    }
    if (core.length === 8 && BINARY.test(core)) {
      binary.push(parseInt(core, 2));
    } else {
      end(binary);
      binary = [];
    }
    if (core.length === 4 && WORD.test(core)) {
      const w = parseInt(core, 16);
      little.push(w & 0xff, w >> 8);
      big.push(w >> 8, w & 0xff);
    } else if (!OD_OFFSET.test(core)) {
      end(little);
      end(big);
      little = [];
      big = [];
    }
    if (core.length !== afterOpen.length) flush();
  }
  flush();
  return out;
}

/** The bytes of each long decimal number, big-endian (`int.from_bytes(b, 'big')` inverted). */
export function bigIntegerBytes(text: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const m of text.matchAll(/[0-9]{19,}/g)) {
    const digits = m[0];
    if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) continue;
    let hex = BigInt(digits).toString(16);
    if (hex.length % 2 === 1) hex = `0${hex}`;
    if (hex.length / 2 >= MIN_BYTES) out.push(Uint8Array.from(Buffer.from(hex, 'hex')));
  }
  return out;
}

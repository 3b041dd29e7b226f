/**
 * The decodings of bytes written as numbers or uuencoded that the red-team's
 * one-line inverters undo (number-bytes.ts, uuencode.ts): one entry for
 * decode-layers.ts, each reader behind its own cheap test, each output kept
 * only when it is readable text.
 */
import type { DecodedForm, Encoding } from './decode-layers.js';
import { bigIntegerBytes, blankByteLists, mayHoldBlankList } from './number-bytes.js';
import { readableBytes } from './readable-bytes.js';
import { mayBeUuencoded, uudecodedBlocks } from './uuencode.js';

/** `longestHexRun`: the text's longest run of hex digits (text-runs.ts runLengths), 0 when not scanned. */
export function numberForms(text: string, longestHexRun: number): DecodedForm[] {
  const out: DecodedForm[] = [];
  const add = (lists: readonly Uint8Array[], encoding: Encoding): void => {
    for (const bytes of lists) {
      const decoded = readableBytes(Buffer.from(bytes));
      if (decoded !== undefined) out.push({ text: decoded.text, encoding: decoded.encoding === 'base64' ? encoding : decoded.encoding, whole: false });
    }
  };
  // Byte lists separated by blanks alone (`56 77 114`, `6A 43 34`).
  if (mayHoldBlankList(text)) add(blankByteLists(text), 'byte-list');
  // A decimal integer of a text's bytes has 19 digits or more (a digit run is a hex run).
  if (longestHexRun >= 19) add(bigIntegerBytes(text), 'big-integer');
  if (mayBeUuencoded(text)) add(uudecodedBlocks(text), 'uuencode');
  return out;
}

import { describe, expect, it } from 'vitest';
import { surelyUnreadable } from '../../src/policy/base64-peek.js';
import { prng } from './prng.js';

/**
 * What decode-layers.ts's readableBytes may accept: a signature it reads
 * past a control byte (gzip, zlib, UTF-16 either way; each needs as many
 * bytes as there), or text without control bytes that is UTF-8.
 */
function mayBeReadable(body: string): boolean {
  const bytes = Buffer.from(body, 'base64');
  const b = (i: number): number | undefined => bytes[i];
  if (bytes.length >= 18 && b(0) === 0x1f && b(1) === 0x8b) return true;
  if (bytes.length >= 8 && b(0) === 0x78) return true;
  if (bytes.length >= 8 && ((b(1) === 0 && b(3) === 0 && b(5) === 0) || (b(0) === 0 && b(2) === 0 && b(4) === 0))) return true;
  for (const x of bytes) if (x < 0x09 || (x > 0x0d && x < 0x20) || x === 0x7f) return false;
  return !bytes.toString('utf8').includes('\ufffd');
}

function bodies(count: number, seed: number): string[] {
  const next = prng(seed);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_';
  const texts = ['Ch@ngeMe', 'pässwörd-€uro', '密码🔑secret', 'line\nwith\ttab', 'ok'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = next();
    let body: string;
    if (kind < 0.4) {
      // Words and names, as most base64-looking runs of a render are.
      const length = 7 + Math.floor(next() * 40);
      body = '';
      for (let c = 0; c < length; c++) body += alphabet[Math.floor(next() * alphabet.length)] ?? '';
    } else if (kind < 0.7) {
      const text = texts[Math.floor(next() * texts.length)] ?? '';
      body = Buffer.from(text.repeat(1 + Math.floor(next() * 3)), 'utf8').toString(next() < 0.5 ? 'base64' : 'base64url');
    } else {
      const bytes = Buffer.alloc(5 + Math.floor(next() * 30));
      for (let j = 0; j < bytes.length; j++) bytes[j] = next() < 0.5 ? 0x20 + Math.floor(next() * 0x60) : Math.floor(next() * 256);
      body = bytes.toString('base64');
    }
    body = body.replace(/=+$/, '');
    if (body.length % 4 !== 1) out.push(body);
  }
  return out;
}

describe('base64-peek: refusing binary runs from their first bytes', () => {
  const all = bodies(50_000, 7);

  it('never refuses a run whose bytes may be readable', () => {
    for (const body of all) if (surelyUnreadable(body)) expect(mayBeReadable(body), body).toBe(false);
  });

  it('refuses most runs that are not readable (names and words decode to binary)', () => {
    const unreadable = all.filter((body) => !mayBeReadable(body));
    const refused = unreadable.filter(surelyUnreadable);
    expect(refused.length / unreadable.length).toBeGreaterThan(0.8);
  });

  it('leaves a text of another alphabet to Buffer', () => {
    expect(surelyUnreadable('ab.cdefgh')).toBe(false);
  });
});

/**
 * The layers the sixth red team found missing (test/policy/redteam/fresh6-encodings.ts):
 * brotli (no magic number: whole base64 values only), tar archives (plain,
 * gzipped, brotli'd), bytes as separated hex pairs or decimal numbers, a
 * base64 key in the other alphabet, DES crypt(3) htpasswd lines. Each
 * through collectStringFacts, as checkRender calls it, with a stand-in
 * default (never a published one); and the safe look-alikes of each.
 */
import { brotliCompressSync, gzipSync } from 'node:zlib';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { collectStringFacts } from '../../src/policy/string-facts.js';
import { mayBeBrotli } from '../../src/policy/brotli-peek.js';
import { byteLists } from '../../src/policy/byte-lists.js';
import { looksLikeTar, tarMembers } from '../../src/policy/tar-members.js';
import { desCrypt } from '../../src/policy/des-crypt.js';
import { base85Runs, decode85 } from '../../src/policy/base85.js';
import { framesWithinBudget, zstdDecompress } from '../../src/policy/zstd-frames.js';
import { zstdRawFrame } from './zstd-writer.js';
import { bzip2Of } from './bzip2-writer.js';
import { bunzip2 } from '../../src/policy/bzip2.js';
import { hexDumpBytes } from '../../src/policy/hex-dumps.js';
import { hexdumpCOf, xxdOf } from './xxd-writer.js';
import { decodedForms } from '../../src/policy/decode-layers.js';
import { prng } from './prng.js';
import { base85 } from './base85-writer.js';
import { NOW } from './support.js';
import { tarOf } from './tar-writer.js';

const SECRET = 'Tr0ub4dor&3xQ';
// A stand-in datastore key part: base64url with both - and _ in it.
const KEY = 'cP_R-zKgJu10OnA9SPP16lLfNcnphtbKpyi0KHoBr1w';
const literals = [
  { id: 'stand-in', value: SECRET },
  { id: 'stand-in-key', value: KEY },
];
const conf = `[database]\nusername = admin\npassword = ${SECRET}\n`;

const hitsIn = (data: Record<string, string>, field: 'data' | 'binaryData' = 'binaryData', kind = 'ConfigMap'): string[] =>
  collectStringFacts([{ kind, metadata: { name: 'c' }, [field]: data }], literals, NOW).literal_hits.map((h) => `${h.literal}/${h.encoding}`);
const hitsOf = (text: string): string[] => hitsIn({ k: text }, 'data');
const b64 = (b: Buffer): string => b.toString('base64');

describe('sixth red team layers: found', () => {
  const tar = tarOf([{ name: 'etc/', type: '5' }, { name: 'etc/st2/st2.secrets.conf', data: conf }]);
  it.each([
    ['brotli (default window) as binaryData', { 'a.br': b64(brotliCompressSync(Buffer.from(conf))) }, 'binaryData', 'stand-in/brotli'],
    ['brotli with a 16-bit window, in a Secret', { 'a.br': b64(brotliCompressSync(Buffer.from(conf), { params: { [2]: 16 } })) }, 'data', 'stand-in/brotli'],
    ['a ustar archive', { 'a.tar': b64(tar) }, 'binaryData', 'stand-in/tar'],
    ['a GNU tar archive', { 'a.tar': b64(tarOf([{ name: 'x', data: conf }], 'gnu')) }, 'binaryData', 'stand-in/tar'],
    ['a v7 tar archive (no magic)', { 'a.tar': b64(tarOf([{ name: 'x', data: conf }], 'v7')) }, 'binaryData', 'stand-in/tar'],
    ['a tar after a pax header and a binary member', { 'a.tar': b64(tarOf([{ name: 'pax', type: 'x', data: '30 mtime=1765000000.123456789\n' }, { name: 'bin', data: crypto.randomBytes(700) }, { name: 'c', data: conf }])) }, 'binaryData', 'stand-in/tar'],
    ['a .tar.gz', { 'a.tgz': b64(gzipSync(tar)) }, 'binaryData', 'stand-in/gzip'],
    ['a .tar.br', { 'a.tbr': b64(brotliCompressSync(tar)) }, 'binaryData', 'stand-in/brotli'],
  ] as const)('finds the stand-in default in %s', (_what, data, field, hit) => {
    expect(hitsIn(data, field)).toEqual([hit]);
  });

  const bytes = Buffer.from(SECRET);
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0'));
  it.each([
    ['colon-separated upper-case hex', hex.join(':').toUpperCase(), 'stand-in/byte-list'],
    ['openssl-style hex wrapped over lines', `key:\n    ${hex.slice(0, 6).join(':')}:\n    ${hex.slice(6).join(':')}\n`, 'stand-in/byte-list'],
    ['0x pairs with commas', `unsigned char k[] = { ${hex.map((h) => `0x${h}`).join(', ')} };`, 'stand-in/byte-list'],
    ['a JSON byte array', JSON.stringify({ password_bytes: [...bytes] }), 'stand-in/byte-list'],
    ['a decimal list over lines', `[\n  ${[...bytes].join(',\n  ')}\n]`, 'stand-in/byte-list'],
    ['comma-separated decimals without blanks', `bytes=${[...bytes].join(',')}`, 'stand-in/byte-list'],
    ['the key in the standard alphabet, padded', `{"aesKeyString": "${KEY.replace(/-/g, '+').replace(/_/g, '/')}="}`, 'stand-in-key/plain'],
    ['the key with both alphabets mixed', KEY.replace('-', '+'), 'stand-in-key/plain'],
    ['a DES crypt(3) htpasswd line', `st2admin:${desCrypt(SECRET, 'Zq') ?? ''}`, 'stand-in/crypt'],
    ['a DES crypt(3) line echoed into htpasswd', `echo 'st2admin:${desCrypt(SECRET, 'a.') ?? ''}' >> /etc/st2/htpasswd`, 'stand-in/crypt'],
  ] as const)('finds the stand-in default in %s', (_what, text, hit) => {
    expect(hitsOf(text)).toEqual([hit]);
  });

  it('finds the stand-in key in the standard alphabet inside a URL-credential whole value too', () => {
    expect(hitsOf(`https://u:${KEY.replace(/_/g, '/')}@example.com/`).length).toBeGreaterThan(0);
  });
});

/** Z85 (ZeroMQ's alphabet; Python has none in its standard library): four bytes, five digits. */
function z85(bytes: Buffer): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#';
  let out = '';
  for (let i = 0; i < bytes.length; i += 4) {
    let v = bytes.readUInt32BE(i);
    let group = '';
    for (let d = 0; d < 5; d++, v = Math.floor(v / 85)) group = (alphabet[v % 85] ?? '') + group;
    out += group;
  }
  return out;
}

describe('base85', () => {
  // Python 3's base64.a85encode / b85encode of PY_TEXT (2026-12-06).
  const PY_TEXT = `[database]\npassword = ${SECRET}\n`;
  const A85 = '>@_/a@:EYdAR,X^@<6L6DfTA24Wm^E0Qgh]A8cK81O)b(';
  const A85_ADOBE = '<~>@_/a@:EYdAR,X^@<6\nL6DfTA24Wm^E0Qgh]A8c\nK81O)b(~>'.replace(/\\n/g, '\n');
  const B85 = 'TV!E$VPau(WnBtzVRLhLZ*pWHJs?zaFm+-yWN&gNGk8%7';
  it.each([
    ['Ascii85 as a whole value', A85],
    ['Adobe Ascii85 wrapped over lines, in a script', `#!/bin/sh\ncat > /etc/st2/st2.secrets.conf <<EOF\n$(python3 -c 'import base64,sys; print(base64.a85decode(sys.stdin.read(), adobe=True).decode())' <<'X'\n${A85_ADOBE}\nX\n)\nEOF\n`],
    ['RFC 1924 base85 as a whole value', B85],
    ['a b85decode call in a command', `python3 -c "import base64; open('/etc/st2/st2.secrets.conf','wb').write(base64.b85decode(b'${B85}'))"`],
    ['Z85 as a whole value', z85(Buffer.from(conf.padEnd(Math.ceil(conf.length / 4) * 4, '\n')))],
  ])('finds the stand-in default in %s', (_what, text) => {
    expect(hitsOf(text)).toEqual(['stand-in/base85']);
  });

  it('the corpus writer writes what Python writes', () => {
    expect(base85(Buffer.from(PY_TEXT), 'ascii85')).toBe(A85);
    expect(base85(Buffer.from(PY_TEXT), 'rfc1924')).toBe(B85);
    expect(base85(Buffer.from(SECRET), 'rfc1924')).toBe('RB|wNVl-rLawao)Q2');
  });

  it('decodes text and padding, and stops at bytes no text has', () => {
    // The Z85 specification's vector is binary (86 4F D2 6F B5 59 F7 5B): refused at F7.
    expect(decode85('HelloWorld', 'z85')).toBeUndefined();
    expect(Buffer.from(decode85(z85(Buffer.from('abcdefgh')), 'z85') ?? []).toString()).toBe('abcdefgh');
    expect(Buffer.from(decode85('RB|wNVl-rLawao)Q2', 'rfc1924') ?? []).toString()).toBe(SECRET);
    expect(decode85('z@:E_W', 'ascii85')).toBeUndefined(); // four zero bytes: no text
    expect(decode85('RB|wNVl-rLawao)Q2x', 'rfc1924')).toBeUndefined(); // one digit left over
    expect(decode85('~~~~~', 'rfc1924')).toBeUndefined(); // over 32 bits
  });

  it('tries as a whole only values with both cases and a symbol, no blanks, 10 characters or more', () => {
    expect(base85Runs('stackstorm/st2api:3.8.1')).toEqual([]);
    expect(base85Runs('http://st2api:9101/')).toEqual([]);
    expect(base85Runs('QUJDREVGR0hJSktMTU5P')).toEqual([]);
    expect(base85Runs('RB|wNVl-rLawao)Q2').map((r) => r.alphabets.length)).toEqual([3]);
  });
});

describe('zstd', () => {
  // Written by the zstd 1.5.4 CLI (2026-12-06): `zstd -19` of `conf` (one raw block), `cat conf conf
  // conf | zstd` (a compressed block with sequences), and `zstd` of a 1.2 KB st2 config holding the
  // stand-in (Huffman-coded literals, FSE sequences, a checksum).
  const CLI_RAW = 'KLUv/SQ1qQEAW2RhdGFiYXNlXQp1c2VybmFtZSA9IGFkbWluCnBhc3N3b3JkID0gVHIwdWI0ZG9yJjN4UQrSZG6a';
  const CLI_SEQUENCES = 'KLUv/QRY7QEAVANbZGF0YWJhc2VdCnVzZXJuYW1lID0gYWRtaW4KcGFzc3dvcmQgPSBUcjB1YjRkb3ImM3hRCgEAdXCqoEy/sgc=';
  const CLI_HUFFMAN =
    'KLUv/WQXA5UHANLPMSFQafTYlySScMVpNsIvrzfCmlMc0BIHU8a3+3DQxOxGrwFfm0L9D+M5boIBwkEvNFwncsg2gTgsazEOqi39VZbPUXeI7YIgGGAasb7WmBasxcxGZNUoSKd1Ivki/u/IVuFxMFB3Am1KqIK645/nyhcdR5a0f9pFAUCSgOY8kh77uXFlx7bhWzyV4UI1yslmQNy2J6pQjWrYWPY6Up2YbXQIaTgjPxpZ6q/F/KxVUo2SL3rUH4dDyKskSoL6XCRRjarv0jpvMgsPALfAtoIDS4sUoqrczVTkvvWeOOy/wTIgGJhS892WQy8PamRaVuvqWOpa6w==';
  it.each([
    ['a raw block (zstd -19 of a small file)', CLI_RAW],
    ['a compressed block with sequences', CLI_SEQUENCES],
    ['Huffman literals and FSE sequences', CLI_HUFFMAN],
    ['a hand-built frame of raw blocks', zstdRawFrame(Buffer.from(conf)).toString('base64')],
    ['a hand-built frame, compressed block of raw literals', zstdRawFrame(Buffer.from(conf), 'literals').toString('base64')],
    ['a zstd tarball (.tar.zst)', zstdRawFrame(tarOf([{ name: 'st2.secrets.conf', data: conf }])).toString('base64')],
  ])('finds the stand-in default in %s', (_what, value) => {
    expect(hitsIn({ 'st2.conf.zst': value })).toEqual(['stand-in/zstd']);
  });

  it('refuses a frame asking for a window over 8 MiB, or a second frame that does, before decoding', () => {
    const ok = zstdRawFrame(Buffer.from('hello world, hello'));
    expect(framesWithinBudget(ok)).toBe(true);
    expect(framesWithinBudget(Buffer.concat([ok, ok]))).toBe(true);
    // The same blocks behind a header that is not single-segment, with window descriptor 0xF8 (2^41 bytes).
    const huge = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xf8]), ok.subarray(9)]);
    expect(framesWithinBudget(huge)).toBe(false);
    expect(framesWithinBudget(Buffer.concat([ok, huge]))).toBe(false);
    expect(zstdDecompress(Buffer.concat([ok, huge]), 1 << 20)).toBeUndefined();
    // A single-segment frame declaring 4 GiB of content.
    const declared = Buffer.from(ok);
    declared.writeUInt32LE(0xffffffff, 5);
    expect(framesWithinBudget(declared)).toBe(false);
  });

  it('stops at the output budget (a zstd bomb of RLE blocks)', () => {
    // RLE blocks of 128 KiB each (4 bytes of input apiece), window 2 MiB (descriptor 0x58).
    const block = (last: boolean): Buffer => {
      const h = ((128 * 1024) << 3) | (1 << 1) | (last ? 1 : 0);
      return Buffer.from([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff, 0x41]);
    };
    const frame = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58]), ...Array.from({ length: 15 }, () => block(false)), block(true)]);
    expect(zstdDecompress(frame, 4 << 20)?.length).toBe(16 * 128 * 1024);
    expect(zstdDecompress(frame, 1 << 20)).toBeUndefined();
  });
});

describe('bzip2', () => {
  // Python 3's bz2.compress (libbz2 1.0.8, 2026-12-06) of PY_TEXT, of a 1 KB st2 config holding
  // the stand-in, and of 104 'a's, a blank and the stand-in, three times (runs of the initial coding).
  const PY_TEXT = `[database]\npassword = ${SECRET}\n`;
  const PY_SHORT = 'QlpoOTFBWSZTWeUrDyMAAAXbgAAQQQBMAiQKNgDewCAAIpoBoAabUKADEaaaNJ1wfGTzQEe/RSqpZOrIXAI2SJXD4u5IpwoSHKVh5GA=';
  const PY_CONFIG = 'QlpoOTFBWSZTWTXjB2UAAKbfgAAQQQf/skEhpAq/7//AMAGYABgNGQ0GEA0A00AAYDRkNBhANANNAADeqoEYU2QnqaeknlGjI0DyTanm9mClucWxU5SPJ+W1VHm0jrH6erqviqKlyxqg6rRektZRS2OaTRJok8Gixe1qmbmxVL2DRiqcnNyXMXR4PFQ6q5Eni9FL0ejsqSfWJP66ObpF7R2e6lzVtGDzd7YsYrH8a3s4PV4rWpTEnwvdYuUMoofdrZty97xW+Ikra46O5ioUNqh3x2bXBUsZuDBa3PhYxbnk2qYkzYxqeLB2YvkocVK1xb2jiui5k1MGxk4s29WrVsozSb3+ixuUO5JcyZKlKhVEm+JNjcrd8SUtjk1uDe5xc+rNkwUtqmLnZ2UxiofON6lZGtseTBktUrVC2OTVHgoiuLI1KWa9W3ui2NyTWsYL34VP+LuSKcKEga8YOyg=';
  const PY_RUNS = 'QlpoOTFBWSZTWbEaKOMAAAubgEEATAAkADQAkkAgADEAAAj9VQaHqep+qWynD1GlsVUbMWiPkfi7kinChIWI0UcY';
  // bz2.compress(b'a' * 10_000_000): 68 bytes of base64 for 10 MB.
  const BOMB = 'QlpoOTFBWSZTWfmeIVEATJeBEKAAAAgACCAAMMwFKaaqRFGwFEUeLuSKcKEh8zxCog==';

  it('decodes what libbz2 writes', () => {
    expect(bunzip2(Buffer.from(PY_SHORT, 'base64'), 1 << 20)?.toString()).toBe(PY_TEXT);
    expect(bunzip2(Buffer.from(PY_CONFIG, 'base64'), 1 << 20)?.toString()).toContain(`password = ${SECRET}\n`);
    expect(bunzip2(Buffer.from(PY_RUNS, 'base64'), 1 << 20)?.toString()).toBe(`${'a'.repeat(104)} ${SECRET}`.repeat(3));
  });

  it.each([
    ['a libbz2 stream in binaryData', PY_CONFIG],
    ['the corpus writer\'s stream', bzip2Of(Buffer.from(conf)).toString('base64')],
    ['a .tar.bz2', bzip2Of(tarOf([{ name: 'st2.secrets.conf', data: conf }])).toString('base64')],
  ])('finds the stand-in default in %s', (_what, value) => {
    expect(hitsIn({ 'st2.conf.bz2': value })).toEqual(['stand-in/bzip2']);
  });

  it('the corpus writer round-trips, runs of the initial coding included', () => {
    for (const text of [conf, `${'='.repeat(300)}x${'y'.repeat(4)}z`, 'a']) expect(bunzip2(bzip2Of(Buffer.from(text)), 1 << 20)?.toString()).toBe(text);
  });

  it('stops at the output budget (10 MB in 50 bytes), refuses garbage after the magic', () => {
    expect(bunzip2(Buffer.from(BOMB, 'base64'), 256 * 1024)).toBeUndefined();
    expect(bunzip2(Buffer.from('BZh91AY&SY' + 'x'.repeat(40)), 1 << 20)).toBeUndefined();
    expect(bunzip2(Buffer.from(PY_SHORT, 'base64').subarray(0, 30), 1 << 20)).toBeUndefined();
  });
});

describe('sixth red team layers: left alone', () => {
  it.each([
    ['brotli CSS', { 'a.css.br': b64(brotliCompressSync(Buffer.from('body { color: #333; font-family: sans-serif }\n'))) }],
    ['brotli of binary bytes', { 'a.br': b64(brotliCompressSync(crypto.randomBytes(300))) }],
    ['random bytes', { 'a.bin': b64(crypto.randomBytes(300)) }],
    ['a tar of a schema', { 'p.tar': b64(tarOf([{ name: 'pack.yaml', data: 'name: mypack\nversion: 1.0.0\n' }])) }],
    ['zstd of a schema', { 'a.zst': zstdRawFrame(Buffer.from('name: mypack\nversion: 1.0.0\n')).toString('base64') }],
    ['a truncated zstd frame', { 'a.zst': zstdRawFrame(Buffer.from(conf)).subarray(0, 30).toString('base64') }],
    ['a tar whose checksum is wrong', { 'p.tar': b64(Buffer.concat([Buffer.from('x'), tarOf([{ name: 'c', data: conf }]).subarray(1)])) }],
  ] as const)('finds nothing in %s', (_what, data) => {
    expect(hitsIn(data)).toEqual([]);
  });

  it.each([
    ['a MAC address', 'hwaddr 52:54:00:12:34:56'],
    ['a certificate fingerprint of other bytes', 'sha1 Fingerprint=A1:B2:C3:D4:E5:F6:07:18:29:3A:4B:5C:6D:7E:8F:90:01:12:23:34'],
    ['a list of ports and ids', '[80, 443, 8080, 9101, 9102, 6379, 5672, 27017]'],
    ['a JSON array of small numbers', '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]'],
    ['a version list', 'versions: 3.8.1 3.8.0 3.7.1 3.7.0 3.6.0 3.5.0 3.4.1 3.4.0'],
    ['the key with one character changed', `{"aesKeyString": "${KEY.replace('cP', 'cQ').replace(/_/g, '/')}"}`],
    ['a 13-character word after a colon and a blank', 'image: ZqzM.qcOeBFpw'],
    ['a DES crypt line of another password', `st2admin:${desCrypt('fresh-and-random', 'Zq') ?? ''}`],
    ['base85 of a fresh config', 'a%FU7ZggpHZaN?{Fk~zsY-M(3Y&sxmZf0)'],
    ['a fresh token with symbols', 'Xk9#mQ2$vL8@pR4&wT6!'],
  ])('finds nothing in %s', (_what, text) => {
    expect(hitsOf(text)).toEqual([]);
  });
});

describe('the readers themselves', () => {
  it('tarMembers reads regular files in order, skips directories, caps the output', () => {
    const tar = tarOf([{ name: 'd/', type: '5' }, { name: 'a', data: 'one' }, { name: 'b', data: 'x'.repeat(1000) }]);
    expect(looksLikeTar(tar)).toBe(true);
    expect(tarMembers(tar, 1 << 20).map((m) => Buffer.from(m).toString())).toEqual(['one', 'x'.repeat(1000)]);
    expect(tarMembers(tar, 10).map((m) => m.length)).toEqual([3, 7]);
    expect(looksLikeTar(Buffer.alloc(1024))).toBe(false);
    expect(looksLikeTar(Buffer.from('ustar'.padEnd(600, ' ')))).toBe(false);
  });

  it('tarMembers stops at 512 members (a tar bomb of tiny files)', () => {
    const tar = tarOf(Array.from({ length: 600 }, (_, i) => ({ name: `f${i}`, data: 'a' })));
    expect(tarMembers(tar, 1 << 20)).toHaveLength(512);
  });

  it('byteLists needs 8 bytes and one separator throughout', () => {
    const read = (t: string, k: 'hex' | 'decimal'): string[] => byteLists(t, k).map((b) => Buffer.from(b).toString('hex'));
    expect(read('01:02:03:04:05:06:07', 'hex')).toEqual([]);
    expect(read('01:02:03:04:05:06:07:08', 'hex')).toEqual(['0102030405060708']);
    expect(read('01:02:03:04-05:06:07:08:09', 'hex')).toEqual([]);
    expect(read('x 1,2,3,4,5,6,7,256 y', 'decimal')).toEqual([]);
    expect(read('[1,2,3,4,5,6,7,255]', 'decimal')).toEqual(['01020304050607ff']);
    expect(read('a1:02:03:04:05:06:07:08', 'hex')).toEqual(['a102030405060708']);
    expect(read('za1:02:03:04:05:06:07:08:09', 'hex')).toEqual(['0203040506070809']);
  });

  it('mayBeBrotli accepts what brotli writes at every window size and refuses a reserved header', () => {
    for (let lgwin = 10; lgwin <= 24; lgwin++) {
      expect(mayBeBrotli(brotliCompressSync(Buffer.from(conf.repeat(3)), { params: { [2]: lgwin } })), `lgwin ${lgwin}`).toBe(true);
    }
    expect(mayBeBrotli(Buffer.from([0x11, 0, 0, 0]))).toBe(false); // WBITS reserved (1, 000, 001)
    expect(mayBeBrotli(Buffer.from([0x06, 0, 0, 0]))).toBe(false); // WBITS 16, ISLAST, ISLASTEMPTY
  });
});

describe('hex dumps', () => {
  // What xxd, xxd -g1, hexdump -C and od -tx1 (xxd 2022-01-14, util-linux, coreutils; 2026-12-06)
  // print for PY_TEXT, base64 here to keep their blanks.
  const PY_TEXT = `[database]\npassword = ${SECRET}\n`;
  const TOOLS: ReadonlyArray<readonly [string, string]> = [
    ['xxd', 'MDAwMDAwMDA6IDViNjQgNjE3NCA2MTYyIDYxNzMgNjU1ZCAwYTcwIDYxNzMgNzM3NyAgW2RhdGFiYXNlXS5wYXNzdwowMDAwMDAxMDogNmY3MiA2NDIwIDNkMjAgNTQ3MiAzMDc1IDYyMzQgNjQ2ZiA3MjI2ICBvcmQgPSBUcjB1YjRkb3ImCjAwMDAwMDIwOiAzMzc4IDUxMGEgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIDN4US4K'],
    ['xxd -g1', 'MDAwMDAwMDA6IDViIDY0IDYxIDc0IDYxIDYyIDYxIDczIDY1IDVkIDBhIDcwIDYxIDczIDczIDc3ICBbZGF0YWJhc2VdLnBhc3N3CjAwMDAwMDEwOiA2ZiA3MiA2NCAyMCAzZCAyMCA1NCA3MiAzMCA3NSA2MiAzNCA2NCA2ZiA3MiAyNiAgb3JkID0gVHIwdWI0ZG9yJgowMDAwMDAyMDogMzMgNzggNTEgMGEgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIDN4US4K'],
    ['hexdump -C', 'MDAwMDAwMDAgIDViIDY0IDYxIDc0IDYxIDYyIDYxIDczICA2NSA1ZCAwYSA3MCA2MSA3MyA3MyA3NyAgfFtkYXRhYmFzZV0ucGFzc3d8CjAwMDAwMDEwICA2ZiA3MiA2NCAyMCAzZCAyMCA1NCA3MiAgMzAgNzUgNjIgMzQgNjQgNmYgNzIgMjYgIHxvcmQgPSBUcjB1YjRkb3ImfAowMDAwMDAyMCAgMzMgNzggNTEgMGEgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICB8M3hRLnwKMDAwMDAwMjQK'],
    ['od -tx1', 'MDAwMDAwMCA1YiA2NCA2MSA3NCA2MSA2MiA2MSA3MyA2NSA1ZCAwYSA3MCA2MSA3MyA3MyA3NwowMDAwMDIwIDZmIDcyIDY0IDIwIDNkIDIwIDU0IDcyIDMwIDc1IDYyIDM0IDY0IDZmIDcyIDI2CjAwMDAwNDAgMzMgNzggNTEgMGEKMDAwMDA0NAo='],
  ];
  it.each(TOOLS)('reads %s output back to the file', (_tool, dump) => {
    expect(Buffer.from(hexDumpBytes(Buffer.from(dump, 'base64').toString()) ?? []).toString()).toBe(PY_TEXT);
    expect(hitsOf(Buffer.from(dump, 'base64').toString())).toEqual(['stand-in/hex-dump']);
  });

  it('the corpus writers print what xxd and hexdump -C print', () => {
    expect(xxdOf(Buffer.from(PY_TEXT))).toBe(Buffer.from('MDAwMDAwMDA6IDViNjQgNjE3NCA2MTYyIDYxNzMgNjU1ZCAwYTcwIDYxNzMgNzM3NyAgW2RhdGFiYXNlXS5wYXNzdwowMDAwMDAxMDogNmY3MiA2NDIwIDNkMjAgNTQ3MiAzMDc1IDYyMzQgNjQ2ZiA3MjI2ICBvcmQgPSBUcjB1YjRkb3ImCjAwMDAwMDIwOiAzMzc4IDUxMGEgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIDN4US4K', 'base64').toString());
    expect(hexdumpCOf(Buffer.from(PY_TEXT))).toBe(Buffer.from('MDAwMDAwMDAgIDViIDY0IDYxIDc0IDYxIDYyIDYxIDczICA2NSA1ZCAwYSA3MCA2MSA3MyA3MyA3NyAgfFtkYXRhYmFzZV0ucGFzc3d8CjAwMDAwMDEwICA2ZiA3MiA2NCAyMCAzZCAyMCA1NCA3MiAgMzAgNzUgNjIgMzQgNjQgNmYgNzIgMjYgIHxvcmQgPSBUcjB1YjRkb3ImfAowMDAwMDAyMCAgMzMgNzggNTEgMGEgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICB8M3hRLnwKMDAwMDAwMjQK', 'base64').toString());
  });

  it('finds the stand-in in a dump inside a script, and nothing in lines that only start like one', () => {
    expect(hitsOf(`#!/bin/sh\nxxd -r > /etc/st2/st2.secrets.conf <<'EOF'\n${xxdOf(Buffer.from(conf))}EOF\n`)).toEqual(['stand-in/hex-dump']);
    expect(hexDumpBytes('5f4112f One envRefValues\ndcb6cf2 Secret search reads\n')).toBeUndefined();
    expect(hitsOf(xxdOf(Buffer.from('name: mypack\nversion: 1.0.0\n')))).toEqual([]);
  });
});

describe('hostile bytes behind each signature', () => {
  it('never throws, and finds nothing, on random bytes after a zstd, bzip2, gzip, tar or brotli-like start', () => {
    const random = prng(66);
    const bytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
    const starts = [
      Buffer.from([0x28, 0xb5, 0x2f, 0xfd]),
      Buffer.from('BZh91AY&SY'),
      Buffer.from([0x1f, 0x8b, 8, 0]),
      tarOf([{ name: 'x', data: 'y' }]).subarray(0, 512),
      Buffer.from([0x1b]),
      Buffer.from([0x0b]),
    ];
    for (let n = 0; n < 400; n++) {
      const start = starts[n % starts.length] ?? Buffer.alloc(0);
      const value = Buffer.concat([start, bytes(Math.floor(random() * 700))]).toString('base64');
      expect(() => decodedForms(value)).not.toThrow();
      expect(hitsIn({ k: value })).toEqual([]);
    }
  });
});


/**
 * Base85 as Python's base64.b85encode (RFC 1924 alphabet) and a85encode
 * (Ascii85, `adobe=True` adds `<~ ~>`) write it: four bytes as five digits,
 * most significant first; a short last group padded with zero bytes and cut
 * to one digit more than its bytes. For the red-team corpus; the gate's
 * reader is src/policy/base85.ts (checked against Python's output in
 * decode-layers-6.test.ts).
 */
const RFC1924 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';

export function base85(bytes: Buffer, alphabet: 'rfc1924' | 'ascii85'): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4) {
    const chunk = Buffer.alloc(4);
    bytes.copy(chunk, 0, i, Math.min(i + 4, bytes.length));
    let v = chunk.readUInt32BE(0);
    if (alphabet === 'ascii85' && v === 0 && i + 4 <= bytes.length) {
      out += 'z';
      continue;
    }
    let group = '';
    for (let d = 0; d < 5; d++, v = Math.floor(v / 85)) group = (alphabet === 'rfc1924' ? RFC1924[v % 85] : String.fromCharCode(33 + (v % 85))) + group;
    out += group.slice(0, Math.min(4, bytes.length - i) + 1);
  }
  return out;
}

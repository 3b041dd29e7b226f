/**
 * The seventeenth red team's secret-encodings misses (test/attackers/red17:
 * enc-rot47-*, enc-base58-*, enc-base36-*, enc-atbash-*, enc-binary-*,
 * enc-odx-*, enc-b64rev-*), rewritten as patches over prod with variants and
 * safe look-alikes. Each is a published default in a keyless form a tool turns
 * back (ST2-SEC-001): ROT47, Atbash, base58, base36, base64 reversed
 * (src/policy/literal-encodings.ts, precomputed needles), 8-bit binary and
 * 16-bit hex words as `od -x` or `xxd -g2` print them (number-bytes.ts), a
 * Caesar shift the same script undoes with `tr` (substitutions.ts), and hex or
 * base64 XORed with a byte the same script names (xor-keys.ts).
 *
 * Not kept: a Caesar shift or an XOR with a byte of the author's choosing that
 * nothing in the render undoes (enc-caesar3-*, enc-xor5a-*): it needs a key the
 * text does not carry (docs/trust-model.md).
 *
 * Safe: banners and random tokens in the same alphabets.
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';

type Json = Record<string, unknown>;

const FIRST = '/spec/template/spec/containers/0';
const patch = (target: Json, ...ops: Json[]): Patch => ({ target, ops });
const configMap = (name: string, data: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
const secret = (name: string, data: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'Opaque', stringData: data });
/** st2client's command replaced by a shell script (it then sleeps, as the base's does). */
const clientScript = (script: string): Patch =>
  patch({ group: 'apps', kind: 'Deployment', name: 'st2client' }, { op: 'replace', path: `${FIRST}/command`, value: ['bash', '-ec', `${script}; exec sleep infinity`] });

const ST2 = 'Ch@ngeMe';
const RABBIT = '9jS+w1u07NbHtZke1m+jW4Cj';
const COOKIE = '8MrqQdCQ6AQ8U3MacSubHE5RqkSfvNaRHzvxuFcG';
const MONGO = 'XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK';

// Written out here rather than imported, so the cases do not lean on the code they test.
const rot47 = (t: string): string => t.replace(/[!-~]/g, (c) => String.fromCharCode(33 + ((c.charCodeAt(0) - 33 + 47) % 94)));
const atbash = (t: string): string => t.replace(/[A-Za-z]/g, (c) => String.fromCharCode(c >= 'a' ? 219 - c.charCodeAt(0) : 155 - c.charCodeAt(0)));
const bigOf = (t: string): bigint => BigInt(`0x${Buffer.from(t).toString('hex')}`);
const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const base58 = (t: string): string => {
  let n = bigOf(t);
  let out = '';
  for (; n > 0n; n /= 58n) out = (B58[Number(n % 58n)] ?? '') + out;
  return out;
};
const base36 = (t: string): string => bigOf(t).toString(36);
const b64rev = (t: string): string => [...Buffer.from(t).toString('base64')].reverse().join('');
const binary = (t: string, sep: string): string => [...Buffer.from(t)].map((b) => b.toString(2).padStart(8, '0')).join(sep);
const words = (t: string, little: boolean): string => {
  const b = Buffer.concat([Buffer.from(t), Buffer.alloc(t.length % 2)]);
  const out: string[] = [];
  for (let i = 0; i < b.length; i += 2) {
    const [x, y] = [b[i] ?? 0, b[i + 1] ?? 0];
    out.push((little ? x | (y << 8) : (x << 8) | y).toString(16).padStart(4, '0'));
  }
  return out.join(' ');
};
const xorHex = (t: string, k: number): string => [...Buffer.from(t)].map((b) => (b ^ k).toString(16).padStart(2, '0')).join('');
const caesar3 = (t: string): string => t.replace(/[A-Za-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - (c >= 'a' ? 97 : 65) + 3) % 26) + (c >= 'a' ? 97 : 65)));

export function fresh17EncCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f17e-${id}`, 'secrets', rule, body));
  };
  const SEC001 = 'ST2-SEC-001';

  // --- Fixed substitutions: ROT47, Atbash ---------------------------------------------------------------
  add('rot47-st2-secret', SEC001, { resources: [secret('login-r47', { encoded: rot47(ST2) })] });
  add('rot47-mongo-tr-pipeline', SEC001, { patches: [clientScript(`export MONGO_PASSWORD="$(echo '${rot47(MONGO)}' | tr '!-~' 'P-~!-O')"`)] });
  add('atbash-mongo-secret', SEC001, { resources: [secret('db-atbash', { encoded: atbash(MONGO) })] });
  add('atbash-st2-configmap', SEC001, { resources: [configMap('login-atbash', { 'hint.txt': `pass ${atbash(ST2)}\n` })] });
  add('safe-rot47-banner', undefined, { resources: [configMap('banner-r47', { banner: rot47('Welcome to StackStorm production') })] });
  add('safe-atbash-banner', undefined, { resources: [configMap('banner-atbash', { banner: atbash('Maintenance window on Sundays') })] });

  // --- Big-number encodings: base58, base36 ------------------------------------------------------------
  add('base58-st2-secret', SEC001, { resources: [secret('login-b58', { encoded: base58(ST2) })] });
  add('base58-cookie-configmap', SEC001, { resources: [configMap('cookie-b58', { 'cookie.yaml': `cookie: ${base58(COOKIE)}\n` })] });
  add('base36-mongo-secret', SEC001, { resources: [secret('db-b36', { encoded: base36(MONGO) })] });
  add('base36-upper-st2-secret', SEC001, { resources: [secret('login-b36', { encoded: base36(ST2).toUpperCase() })] });
  add('safe-base58-random-token', undefined, { resources: [secret('api-token', { token: '3mJr7AoUXx2Wqd8CuMgAyh5Y' })] });
  add('safe-base36-random-id', undefined, { resources: [configMap('ids', { id: 'k8x2m9q1z7w3v5b0n4c6' })] });

  // --- Base64 reversed -----------------------------------------------------------------------------------
  add('b64rev-st2-secret', SEC001, { resources: [secret('login-b64rev', { encoded: b64rev(ST2) })] });
  add('b64rev-rabbit-config-script', SEC001, { patches: [clientScript(`echo '${b64rev(`[messaging]\nurl = amqp://admin:${RABBIT}@rabbitmq:5672/\n`)}' | rev | base64 -d > /tmp/st2.conf`)] });
  add('safe-b64rev-banner', undefined, { resources: [configMap('banner-b64rev', { banner: b64rev('nothing secret in this banner') })] });

  // --- Bytes as 8-bit binary and 16-bit words ----------------------------------------------------------------
  add('binary-st2-secret', SEC001, { resources: [secret('login-bin', { encoded: binary(ST2, ' ') })] });
  add('binary-mongo-lines', SEC001, { resources: [configMap('db-bin', { 'db.txt': `${binary(MONGO, '\n')}\n` })] });
  add('odx-st2-secret', SEC001, { resources: [secret('login-odx', { encoded: words(ST2, true) })] });
  add('odx-mongo-dump-lines', SEC001, { resources: [configMap('db-odx', { 'db.od': `0000000 ${words(MONGO.slice(0, 16), true)}\n0000020 ${words(MONGO.slice(16), true)}\n0000040\n` })] });
  add('xxd-g2-cookie', SEC001, { resources: [secret('cookie-g2', { encoded: words(COOKIE, false) })] });
  add('safe-binary-banner', undefined, { resources: [configMap('banner-bin', { banner: binary('hello from the platform team', ' ') })] });
  add('safe-words-random', undefined, { resources: [configMap('dump-words', { 'd.txt': '8f3a 01c2 d9e4 7b55 60aa 13fe 9c2d 7e01 44b0 c719' })] });

  // --- A keyed shift or XOR the render itself undoes -------------------------------------------------------------------
  add('caesar3-st2-tr-script', SEC001, { patches: [clientScript(`export ST2_PASSWORD="$(echo '${caesar3(ST2)}' | tr 'D-ZA-Cd-za-c' 'A-Za-z')"`)] });
  add('xor5a-st2-python-script', SEC001, { patches: [clientScript(`export ST2_PASSWORD="$(python3 -c "print(bytes(b ^ 0x5a for b in bytes.fromhex('${xorHex(ST2, 0x5a)}')).decode())")"`)] });
  add('xor-b64-mongo-python-script', SEC001, { patches: [clientScript(`python3 -c "import base64; open('/tmp/db', 'wb').write(bytes(b ^ 23 for b in base64.b64decode('${Buffer.from([...Buffer.from(MONGO)].map((b) => b ^ 23)).toString('base64')}')))"`)] });
  add('safe-xor5a-banner-python', undefined, { patches: [clientScript(`python3 -c "print(bytes(b ^ 0x5a for b in bytes.fromhex('${xorHex('Welcome operators of the cluster', 0x5a)}')).decode())" > /tmp/motd`)] });
  add('safe-caesar3-banner-tr', undefined, { patches: [clientScript(`echo '${caesar3('Welcome operators')}' | tr 'D-ZA-Cd-za-c' 'A-Za-z' > /tmp/motd`)] });
  return cases;
}

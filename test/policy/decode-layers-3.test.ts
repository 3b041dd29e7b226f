/**
 * The layers the third red team found missing (test/policy/redteam/fresh3-secrets.ts):
 * base32, quoted-printable, HTML/XML character references, zlib and raw deflate,
 * UTF-16BE, a value split over list items, $(VAR) expansion, crypt(3) hashes;
 * st2 config read as oslo.config reads it; RabbitMQ guest clues. Each through
 * collectStringFacts, as checkRender calls it; only ids, kinds and encodings come out.
 */
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { guestClues } from '../../src/policy/rabbitmq-guest.js';
import { switchedOff } from '../../src/policy/st2-config.js';
import { collectStringFacts } from '../../src/policy/string-facts.js';
import { NOW } from './support.js';

const PASSWORD = 'Ch@ngeMe';
const literals = [{ id: 'st2-auth-password', value: PASSWORD }];

function base32(bytes: Buffer): string {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let v = 0;
  let out = '';
  for (const b of bytes) {
    v = ((v << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += a[(v >>> (bits - 5)) & 31] ?? '';
      bits -= 5;
    }
  }
  if (bits > 0) out += a[(v << (5 - bits)) & 31] ?? '';
  return out.padEnd(Math.ceil(out.length / 8) * 8, '=');
}

const facts = (resource: Manifest) => collectStringFacts([resource], literals, NOW);
const hitsOf = (text: string): string[] => facts({ kind: 'ConfigMap', metadata: { name: 'c' }, data: { k: text } }).literal_hits.map((h) => `${h.literal}/${h.encoding}`);

describe('more decoding layers', () => {
  const utf16be = Buffer.from(`pw=${PASSWORD}`, 'utf16le').swap16();
  it.each([
    ['base32 (coreutils base32)', `echo ${base32(Buffer.from(PASSWORD))} | base32 -d`, 'base32'],
    ['quoted-printable', `password: ${PASSWORD.replace('@', '=40')}`, 'quoted-printable'],
    ['a decimal character reference', `<user password="Ch&#64;ngeMe"/>`, 'html-entity'],
    ['a hex character reference', `<user password="Ch&#x40;ngeMe"/>`, 'html-entity'],
    ['zlib inside base64', `zlib.decompress(base64.b64decode("${deflateSync(Buffer.from(PASSWORD)).toString('base64')}"))`, 'zlib'],
    ['raw deflate as a whole base64 value', deflateRawSync(Buffer.from(`p=${PASSWORD}`)).toString('base64'), 'zlib'],
    ['UTF-16BE inside base64', utf16be.toString('base64'), 'utf-16'],
    ['an htpasswd MD5-crypt line', 'st2admin:$apr1$q9Xr2mLs$BPONqx77dA2J/nIxagijp.', 'crypt'],
  ])('finds the default in %s', (_what, text, encoding) => {
    expect(hitsOf(text)).toEqual([`st2-auth-password/${encoding}`]);
  });

  it('leaves a TOTP seed, prose with entities and benign zlib alone', () => {
    expect(hitsOf('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toEqual([]);
    expect(hitsOf('<p>ops&#64;example.com &amp; Ch&#97;nge requests</p>')).toEqual([]);
    expect(hitsOf(deflateSync(Buffer.from('retention 30d')).toString('base64'))).toEqual([]);
  });

  it('reads a value split over list items and assembled by $(VAR) expansion', () => {
    const pod: Manifest = {
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [
          { name: 'a', image: 'busybox:1.36.1', command: ['sh', '-c', 'printf "%s%s" "$0" "$1"', 'Ch@n', 'geMe'] },
          { name: 'b', image: 'busybox:1.36.1', command: ['sh', '-c', 'login -p "$(P1)$(P2)"'], env: [{ name: 'P1', value: 'Ch@n' }, { name: 'P2', value: 'geMe' }] },
        ],
      },
    };
    const hits = facts(pod).literal_hits.map((h) => `${h.path.join('.')}/${h.encoding}`);
    expect(hits).toEqual(['spec.containers.0.command/joined', 'spec.containers.1.command.2/k8s-var']);
  });

  it('reads st2 config in any layer as oslo.config does', () => {
    const off = (text: string): string[] => facts({ kind: 'ConfigMap', metadata: { name: 'c' }, binaryData: { k: gzipSync(Buffer.from(text)).toString('base64') } }).st2_config_off.map((o) => `${o.section}/${o.encoding}`);
    expect(off('[AUTH]\r\nenable = "False"\r\n')).toEqual(['auth/gzip']);
    expect(off('[auth]\napi_url = http://[fd00::1]:9101/\n# see [docs]\nenable = 0\n')).toEqual(['auth/gzip']);
    expect(off('[auth]\nenable = False\n[auth]\nenable = True\n')).toEqual([]);
  });

  it.each([
    ['[rbac]\nenable = off\n', ['rbac']],
    ["printf '[auth]\\nenable = False\\n' > /etc/st2/zz.conf", []],
    ["cat > f <<EOF\n[auth]\nenable = no\nEOF", ['auth']],
    ["echo '[rbac]' >> f; echo 'enable = False' >> f", []],
    ['[auth]\n# enable = False\nenable = True\n[timersengine]\nenable = False\n', []],
    ['[auth]\nlist = [x]\nenable = FALSE\n', ['auth']],
    ["[auth]\nenable = 'false'\n", ['auth']],
    // RBAC's noop backend grants everything, whatever enable says (fourth red team).
    ['[rbac]\nenable = True\nbackend = noop\n', ['rbac']],
    ['[RBAC]\r\nbackend = "noop"\r\n', ['rbac']],
    ['[rbac]\nbackend = noop\nbackend = default\nenable = True\n', []],
    ['[metrics]\ndriver = noop\n[rbac]\nenable = True\nbackend = default\n', []],
    ['[auth]\nbackend = noop\n', []],
  ])('switchedOff(%j)', (text, sections) => {
    expect(switchedOff(text)).toEqual(sections);
  });

  it.each([
    ['amqp://guest:guest@rabbitmq:5672/', ['credentials']],
    ['loopback_users.guest = false\n', ['loopback-open']],
    ['loopback_users = none\ndefault_user = guest\n', ['loopback-open', 'default-guest']],
    ['[{rabbit, [{loopback_users, []}, {default_user, <<"st2">>}]}].', ['loopback-open', 'default-user-set']],
    ['loopback_users.guest = true\n', []],
  ])('guestClues(%j)', (text, clues) => {
    expect(guestClues(text)).toEqual(clues);
  });
});

describe('values assembled from the render and by a shell', () => {
  it('expands env from ConfigMaps (valueFrom, envFrom) and $VAR/${VAR} in a shell script', () => {
    const resources: Manifest[] = [
      { kind: 'ConfigMap', metadata: { name: 'halves' }, data: { a: 'Ch@n', B: 'geMe' } },
      {
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: {
          containers: [
            { name: 'a', image: 'busybox:1.36.1', command: ['sh', '-c', 'login -p "$(P1)$(P2)"'], env: [{ name: 'P1', valueFrom: { configMapKeyRef: { name: 'halves', key: 'a' } } }, { name: 'P2', value: 'geMe' }] },
            { name: 'b', image: 'busybox:1.36.1', command: ['sh', '-c', 'login -p "${a}$B"'], envFrom: [{ configMapRef: { name: 'halves' } }] },
          ],
        },
      },
    ];
    const hits = collectStringFacts(resources, literals, NOW).literal_hits.map((h) => `${h.resource}:${h.path.join('.')}/${h.encoding}`);
    expect(hits).toEqual(['1:spec.containers.0.command.2/k8s-var', '1:spec.containers.1.command.2/k8s-var']);
  });

  it('does not report again, in every script reading it, a default a Secret holds whole', () => {
    const resources: Manifest[] = [
      { kind: 'Secret', metadata: { name: 'auth' }, stringData: { password: PASSWORD } },
      { kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'busybox:1.36.1', command: ['sh', '-c', 'login -p "$PW"'], env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'auth', key: 'password' } } }] }] } },
    ];
    expect(collectStringFacts(resources, literals, NOW).literal_hits.map((h) => h.resource)).toEqual([0]);
  });
});

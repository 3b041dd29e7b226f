/**
 * The sixth red team (issue 12, "a fresh adversarial corpus that you did not
 * write"), its encoding and hash cases: an attacker who had not read the
 * gate's code wrote 120 overlays (75 unsafe) and ran them through
 * dist/st2-gitops against main at 5f4112f; 11 of its secret cases were
 * allowed because the string search did not read brotli (which has no magic
 * number), tar archives (plain or gzipped), bytes written as colon-separated
 * hex or a JSON array of decimals, the dev datastore key in the standard
 * base64 alphabet, or an htpasswd line in DES crypt(3). Those 11 are kept
 * here as the attacker wrote them (ids without the `red6-` prefix), with
 * more variants of each layer and safe look-alikes written for this set:
 * brotli CSS, a tarred pack, a fresh key in a .tar.gz, a certificate
 * fingerprint in colon hex, a fresh password as bytes, a fresh datastore key
 * in the standard alphabet, a fresh DES htpasswd. The defaults are read from
 * the repository at run time (published.ts), never written here.
 */
import crypto from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import YAML from 'yaml';
import { desCrypt } from '../../../src/policy/des-crypt.js';
import { tarOf } from '../tar-writer.js';
import { zstdRawFrame } from '../zstd-writer.js';
import { base85 } from '../base85-writer.js';
import { bzip2Of } from '../bzip2-writer.js';
import { hexdumpCOf, xxdOf } from '../xxd-writer.js';
import type { CaseClass, RedTeamCase, Verdict, Wrapped } from './corpus.js';
import { publishedLiteral, publishedSecretData } from './published.js';

type Json = Record<string, unknown>;

const b64 = (b: Buffer | string): string => (typeof b === 'string' ? Buffer.from(b) : b).toString('base64');
const brotli = (text: string | Buffer, lgwin = 22): Buffer => brotliCompressSync(typeof text === 'string' ? Buffer.from(text) : text, { params: { [zlib.BROTLI_PARAM_LGWIN]: lgwin } });
const std = (urlsafe: string): string => urlsafe.replace(/-/g, '+').replace(/_/g, '/');
const hexColons = (text: string, sep = ':'): string => [...Buffer.from(text)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(sep);

function configMap(name: string, fields: { data?: Record<string, string>; binaryData?: Record<string, string> }): Json {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { app: 'st2', release: 'st2' } }, ...fields };
}
function secret(name: string, fields: { data?: Record<string, string>; stringData?: Record<string, string> }): Json {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'Opaque', ...fields };
}

export function fresh6EncodingCorpus(root: string): RedTeamCase[] {
  const lit = publishedLiteral(root);
  const MONGO = lit('mongodb-admin-password');
  const RMQ = lit('rabbitmq-password');
  const COOKIE = lit('rabbitmq-erlang-cookie');
  const KEYFILE = lit('mongodb-keyfile');
  const ADMIN = lit('st2-auth-password');
  const AES = lit('repo-datastore-aes-key');
  const HMAC = lit('repo-datastore-hmac-key');
  const SSH_KEY = publishedSecretData(root)('components/default-secrets/st2-ssh.yaml', 'private_key');
  // The DES crypt(3) hash of the st2admin default, computed here (des-crypt.test.ts checks
  // the implementation against glibc's crypt) rather than written down.
  const des = (password: string, salt: string): string => {
    const hash = desCrypt(password, salt);
    if (hash === undefined) throw new Error(`bad salt ${salt}`);
    return hash;
  };
  const dsKey = (hmac: string, aes: string): string => JSON.stringify({ hmacKey: { hmacKeyString: hmac, size: 256 }, aesKeyString: aes, mode: 'CBC', size: 256 });
  const confMongo = `[database]\nhost = mongodb://mongodb-0.mongodb,mongodb-1.mongodb,mongodb-2.mongodb/?replicaSet=rs0\nusername = admin\npassword = ${MONGO}\n`;
  const freshKey = crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const freshPassword = crypto.randomBytes(18).toString('base64');

  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: CaseClass, expect: Verdict, wraps: Wrapped, why: string, docs: readonly Json[], denyRule?: string): void => {
    const kustomization = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [`../../${wraps}`, 'extra.yaml'] };
    const files = {
      'kustomization.yaml': `# ${why}\n${YAML.stringify(kustomization)}`,
      'extra.yaml': docs.map((d) => YAML.stringify(d, { lineWidth: 0 })).join('---\n'),
    };
    const rule = expect === 'deny' ? (denyRule ?? (cls === 'key-material' ? 'ST2-SEC-003' : 'ST2-SEC-001')) : undefined;
    cases.push({ id: `fresh6-${id}`, cls, wraps, expect, ...(rule ? { rule } : {}), files });
  };

  // --- As the attacker wrote them (allowed on main at 5f4112f) ---
  add('sec-brotli-b64', 'secrets', 'deny', 'prod', "the MongoDB admin default in a brotli-compressed st2 config in binaryData",
    [configMap('st2-secrets-packed', { binaryData: { 'st2.secrets.conf.br': b64(brotli(confMongo)) } })]);
  add('sec-brotli-staging', 'secrets', 'deny', 'staging', 'a brotli-packed st2 config with the RabbitMQ default, in staging',
    [configMap('st2-secrets-packed', { binaryData: { 'st2.secrets.conf.br': b64(brotli(`[messaging]\nurl = amqp://admin:${RMQ}@rabbitmq:5672\n`)) } })]);
  add('sec-brotli-in-secret-data', 'secrets', 'deny', 'prod', 'a Secret whose data value is brotli bytes of an st2 config with the MongoDB default',
    [secret('st2-secrets-br', { data: { 'st2.secrets.conf.br': b64(brotli(confMongo)) } })]);
  add('sec-tgz-b64', 'secrets', 'deny', 'prod', 'the Erlang cookie default in a .tar.gz (.erlang.cookie) in binaryData',
    [configMap('rabbitmq-cookie-bundle', { binaryData: { 'cookie.tgz': b64(gzipSync(tarOf([{ name: '.erlang.cookie', data: COOKIE }]))) } })]);
  add('sec-tar-b64', 'secrets', 'deny', 'prod', 'the MongoDB keyfile default in an uncompressed tar in binaryData',
    [configMap('mongodb-key-bundle', { binaryData: { 'key.tar': b64(tarOf([{ name: 'key.txt', data: `${KEYFILE}\n` }])) } })]);
  add('key-ssh-in-tgz', 'key-material', 'deny', 'prod', "the repository's dev SSH key for stanley inside a .tar.gz (ssh/id_rsa) in binaryData",
    [configMap('stanley-ssh-bundle', { binaryData: { 'ssh.tgz': b64(gzipSync(tarOf([{ name: 'ssh/id_rsa', data: SSH_KEY }]))) } })]);
  add('sec-hex-colons', 'secrets', 'deny', 'prod', 'the MongoDB keyfile default as colon-separated upper-case hex (openssl-dump style)',
    [configMap('mongodb-keyfile-dump', { data: { 'keyfile.hex': `${hexColons(KEYFILE)}\n` } })]);
  add('sec-decimal-bytes', 'secrets', 'deny', 'prod', 'the RabbitMQ default as a JSON array of decimal byte values in an app config',
    [configMap('st2-bridge-config', { data: { 'bridge.json': `${JSON.stringify({ amqp: { host: 'rabbitmq', user: 'admin', password_bytes: [...Buffer.from(RMQ)] } })}\n` } })]);
  add('sec-datastore-key-std-alphabet', 'secrets', 'deny', 'prod', "the repository's dev datastore key in the standard base64 alphabet (st2's urlsafe decode accepts it) as prod's key",
    [secret('st2-datastore-crypto-key-v2', { stringData: { datastore_crypto_key: dsKey(`${std(HMAC)}=`, `${std(AES)}=`) } })]);
  add('sec-htpasswd-descrypt', 'secrets', 'deny', 'prod', "an st2auth htpasswd line in DES crypt(3) (passlib's htpasswd context accepts it) of the st2admin default",
    [secret('st2-htpasswd-static', { stringData: { htpasswd: `st2admin:${des(ADMIN, 'Zq')}` } })]);
  add('sec-staging-htpasswd-descrypt', 'secrets', 'deny', 'staging', 'the same DES crypt(3) htpasswd line, in staging',
    [secret('st2-htpasswd-static', { stringData: { htpasswd: `st2admin:${des(ADMIN, 'Zq')}` } })]);

  // --- More variants of each layer ---
  add('sec-tar-in-brotli', 'secrets', 'deny', 'prod', 'a .tar.br (a tar of the st2 configs, brotli-compressed) with the MongoDB default',
    [configMap('st2-conf-tbr', { binaryData: { 'conf.tar.br': b64(brotli(tarOf([{ name: 'etc/st2/', type: '5' }, { name: 'etc/st2/st2.secrets.conf', data: confMongo }]))) } })]);
  add('sec-brotli-small-window-annotation', 'secrets', 'deny', 'prod', 'brotli with a 16-bit window, base64 in an annotation an init container decodes',
    [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'st2-bootstrap', annotations: { 'st2.example.com/conf': b64(brotli(`[messaging]\nurl = amqp://admin:${RMQ}@rabbitmq:5672\n`, 16)) } }, data: { a: 'b' } }]);
  add('sec-v7-tar-in-secret', 'secrets', 'deny', 'prod', 'an old-style (v7, no ustar magic) tar with the Erlang cookie default as Secret data',
    [secret('rabbitmq-cookie-tar', { data: { 'cookie.tar': b64(tarOf([{ name: 'cookie', data: COOKIE }], 'v7')) } })]);
  add('sec-hex-0x-commas', 'secrets', 'deny', 'prod', 'the MongoDB default as a C array of 0x bytes in a ConfigMap',
    [configMap('bridge-header', { data: { 'secret.h': `static const unsigned char k[] = {\n  ${[...Buffer.from(MONGO)].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ')}\n};\n` } })]);
  add('sec-hex-dashes-wrapped', 'secrets', 'deny', 'staging', 'the RabbitMQ default as dash-separated hex, in staging',
    [configMap('mq-dump', { data: { 'mq.txt': `password bytes: ${hexColons(RMQ, '-')}\n` } })]);
  add('sec-decimal-lines-secret', 'secrets', 'deny', 'prod', 'the st2admin default as a JSON byte array over lines in a Secret',
    [secret('st2-admin-bytes', { stringData: { 'admin.json': `{\n  "user": "st2admin",\n  "password": [\n    ${[...Buffer.from(ADMIN)].join(',\n    ')}\n  ]\n}\n` } })]);
  add('sec-datastore-key-mixed-alphabet', 'secrets', 'deny', 'prod', 'the dev datastore key with one alphabet for the HMAC key and both mixed in the AES key',
    [secret('st2-datastore-crypto-key-v3', { stringData: { datastore_crypto_key: dsKey(std(HMAC), AES.replace('_', '/')) } })]);
  add('sec-htpasswd-descrypt-init', 'secrets', 'deny', 'prod', 'a DES crypt(3) line of the st2admin default echoed into the htpasswd file by a Job',
    [{ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'st2-htpasswd-seed' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'seed', image: 'busybox:1.36.1', command: ['sh', '-c', `echo 'st2admin:${des(ADMIN, 'k9')}' >> /etc/st2/htpasswd`], resources: { limits: { cpu: '100m', memory: '64Mi' }, requests: { cpu: '10m', memory: '16Mi' } } }] } } } }]);

  // --- From README's open list, closed with them (written for this set, not by the attacker) ---
  add('sec-zstd-conf', 'secrets', 'deny', 'prod', 'a zstd frame (a compressed block) of an st2 config with the MongoDB default in binaryData',
    [configMap('st2-conf-zst', { binaryData: { 'st2.secrets.conf.zst': b64(zstdRawFrame(Buffer.from(confMongo), 'literals')) } })]);
  add('sec-tar-zst-staging', 'secrets', 'deny', 'staging', 'a .tar.zst with the MongoDB keyfile default, in staging',
    [configMap('mongodb-key-bundle', { binaryData: { 'key.tar.zst': b64(zstdRawFrame(tarOf([{ name: 'keyfile', data: KEYFILE }]))) } })]);
  add('sec-b85-conf', 'secrets', 'deny', 'prod', "an st2 config with the RabbitMQ default in Python's b85encode, as a ConfigMap value",
    [configMap('st2-conf-b85', { data: { 'st2.secrets.conf.b85': base85(Buffer.from(`[messaging]\nurl = amqp://admin:${RMQ}@rabbitmq:5672\n`), 'rfc1924') } })]);
  add('sec-a85-adobe-script', 'secrets', 'deny', 'prod', "the st2admin default in Adobe Ascii85 (<~ ~>) in a script that decodes it",
    [configMap('st2-bootstrap-script', { data: { 'boot.sh': `#!/bin/sh\nP=$(python3 -c 'import base64,sys; print(base64.a85decode(sys.argv[1], adobe=True).decode())' '<~${base85(Buffer.from(`st2admin:${ADMIN}`), 'ascii85')}~>')\nst2 login st2admin -p "\${P#*:}"\n` } })]);

  add('sec-bzip2-conf', 'secrets', 'deny', 'prod', 'a bzip2 st2 config with the MongoDB default in a Secret',
    [secret('st2-secrets-bz2', { data: { 'st2.secrets.conf.bz2': b64(bzip2Of(Buffer.from(confMongo))) } })]);
  add('sec-tar-bz2-cookie', 'secrets', 'deny', 'prod', 'a .tar.bz2 with the Erlang cookie default in binaryData',
    [configMap('rabbitmq-cookie-tbz', { binaryData: { 'cookie.tar.bz2': b64(bzip2Of(tarOf([{ name: '.erlang.cookie', data: COOKIE }]))) } })]);

  add('sec-xxd-keyfile', 'secrets', 'deny', 'prod', 'the MongoDB keyfile default as an xxd dump an init container turns back with xxd -r',
    [configMap('mongodb-keyfile-xxd', { data: { 'keyfile.xxd': xxdOf(Buffer.from(`${KEYFILE}\n`)) } })]);
  add('sec-hexdump-c-staging', 'secrets', 'deny', 'staging', 'an st2 config with the RabbitMQ default as hexdump -C output, in staging',
    [configMap('st2-conf-dump', { data: { 'st2.secrets.conf.hex': hexdumpCOf(Buffer.from(`[messaging]\nurl = amqp://admin:${RMQ}@rabbitmq:5672\n`)) } })]);

  // --- Safe look-alikes ---
  add('safe-sec-brotli-assets', 'secrets', 'allow', 'prod', 'brotli-compressed st2web branding CSS in binaryData',
    [configMap('st2web-branding', { binaryData: { 'brand.css.br': b64(brotli('.st2-header{background:#1b2a3a}\n.st2-logo{height:32px}\n'.repeat(6))) } })]);
  add('safe-sec-brotli-fresh-conf', 'secrets', 'allow', 'prod', 'a brotli st2 config holding a fresh password in a Secret',
    [secret('st2-secrets-br', { data: { 'st2.secrets.conf.br': b64(brotli(`[database]\nusername = admin\npassword = ${freshPassword}\n`)) } })]);
  add('safe-sec-tar-pack', 'secrets', 'allow', 'prod', 'a tarred pack (pack.yaml, README) shipped as binaryData',
    [configMap('mypack-tar', { binaryData: { 'mypack.tar': b64(tarOf([{ name: 'mypack/', type: '5' }, { name: 'mypack/pack.yaml', data: 'ref: mypack\nname: mypack\nversion: 1.0.0\n' }, { name: 'mypack/README.md', data: '# mypack\n' }])) } })]);
  // A fresh private key committed in production: ST2-SEC-021 by design since the holes piece.
  add('safe-key-fresh-in-tgz', 'key-material', 'deny', 'prod', 'a freshly generated key for stanley in a .tar.gz',
    [configMap('stanley-ssh-bundle', { binaryData: { 'ssh.tgz': b64(gzipSync(tarOf([{ name: 'ssh/id_ed25519', data: freshKey }]))) } })], 'ST2-SEC-021');
  add('safe-sec-hex-fingerprint', 'secrets', 'allow', 'prod', "a fresh certificate's SHA-256 fingerprint in colon hex, for pinning",
    [configMap('st2-pins', { data: { 'pin.txt': `sha256 Fingerprint=${[...crypto.randomBytes(32)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':')}\n` } })]);
  add('safe-sec-decimal-fresh', 'secrets', 'allow', 'prod', 'a fresh password as a JSON byte array, ports and ids as number lists',
    [configMap('st2-bridge-config', { data: { 'bridge.json': JSON.stringify({ password_bytes: [...Buffer.from(freshPassword)], ports: [9101, 9102, 9100, 5672, 27017, 2379, 6379, 443], ids: [1, 2, 3, 4, 5, 6, 7, 8, 9] }) } })]);
  add('safe-sec-datastore-key-fresh-std', 'secrets', 'allow', 'prod', 'a fresh datastore key written in the standard alphabet',
    [secret('st2-datastore-crypto-key-v2', { stringData: { datastore_crypto_key: dsKey(crypto.randomBytes(32).toString('base64'), crypto.randomBytes(32).toString('base64')) } })]);
  add('safe-sec-htpasswd-descrypt-fresh', 'secrets', 'allow', 'prod', 'an htpasswd line in DES crypt(3) of a fresh password',
    [secret('st2-htpasswd-static', { stringData: { htpasswd: `st2admin:${des(freshPassword, 'Zq')}` } })]);
  add('safe-sec-zstd-pack', 'secrets', 'allow', 'prod', 'a zstd-compressed pack tarball (no secret) in binaryData',
    [configMap('mypack-zst', { binaryData: { 'mypack.tar.zst': b64(zstdRawFrame(tarOf([{ name: 'mypack/pack.yaml', data: 'ref: mypack\nname: mypack\nversion: 1.0.0\n' }]))) } })]);
  add('safe-sec-bzip2-pack', 'secrets', 'allow', 'prod', 'a bzip2 pack tarball (no secret) in binaryData',
    [configMap('mypack-bz2', { binaryData: { 'mypack.tar.bz2': b64(bzip2Of(tarOf([{ name: 'mypack/pack.yaml', data: 'ref: mypack\nname: mypack\nversion: 1.0.0\n' }]))) } })]);
  add('safe-sec-xxd-pack', 'secrets', 'allow', 'prod', 'an xxd dump of a pack file and of fresh random bytes',
    [configMap('mypack-xxd', { data: { 'pack.xxd': xxdOf(Buffer.from('ref: mypack\nname: mypack\nversion: 1.0.0\n')), 'seed.xxd': xxdOf(crypto.randomBytes(48)) } })]);
  add('safe-sec-b85-fresh', 'secrets', 'allow', 'prod', 'a fresh password in base85, and a fresh token with symbols',
    [configMap('st2-conf-b85', { data: { 'pw.b85': base85(Buffer.from(`password = ${freshPassword}\n`), 'rfc1924'), token: 'Xk9#mQ2$vL8@pR4&wT6!' } })]);
  return cases;
}

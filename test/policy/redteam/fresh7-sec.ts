/**
 * The seventh red team (issue 12): its open secrets holes and secret copies,
 * kept. An attacker who had not read the gate's tests wrote 210 overlays
 * against main at 1b2a486; 13 of these were allowed: published keys spelt
 * the way their consumer normalises back (blanks in the MongoDB keyfile,
 * which mongod strips, and in the datastore key, which st2's Base64WSDecode
 * strips), published MongoDB passwords under SCRAM-SHA-256's SASLprep (soft
 * hyphens, fullwidth letters), values the search skipped at its budgets (a
 * gzip past 256 KiB, a Secret value past it, a fifth base64 layer), and
 * st2's Secrets copied to other namespaces (reflector, replicator, a
 * ClusterExternalSecret, an ExternalSecret in `monitoring`). They are kept
 * here rewritten (`r7-*`, the defaults read from the repository at run time,
 * published.ts), with variants written for this set (tabs, CR, vertical
 * tab and form feed, the YAML key list, a script; dots and mixed alphabets
 * in the datastore key; joiners, variation selectors and mathematical
 * letters under SASLprep, a URI; budget blow-ups by nested compression,
 * archive entries, bzip2, mixed layers, decoy forms; kubed, patterns,
 * selectors, mirrors pulling st2's Secrets, other stores, PushSecret,
 * SealedSecret) and safe look-alikes (fresh values spelt the same ways, a
 * big dashboard, a compressed blob and nesting within the budgets, other
 * teams' copies of their own Secrets).
 */
import crypto from 'node:crypto';
import { deflateRawSync, gzipSync } from 'node:zlib';
import YAML from 'yaml';
import { bzip2Of } from '../bzip2-writer.js';
import type { CaseClass, RedTeamCase, Verdict, Wrapped } from './corpus.js';
import { publishedLiteral } from './published.js';

type Json = Record<string, unknown>;

const b64 = (b: Buffer | string): string => (typeof b === 'string' ? Buffer.from(b) : b).toString('base64');
const chunks = (text: string, n: number): string[] => text.match(new RegExp(`.{1,${n}}`, 'gs')) ?? [];
const KiB = 1024;

function configMap(name: string, fields: { data?: Record<string, string>; binaryData?: Record<string, string> }, namespace?: string): Json {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(namespace ? { namespace } : {}) }, ...fields };
}
function secret(name: string, fields: { data?: Record<string, string>; stringData?: Record<string, string> }, metadata: Json = {}): Json {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, ...metadata }, type: 'Opaque', ...fields };
}
function externalSecret(name: string, namespace: string | undefined, store: string, keys: ReadonlyArray<readonly [string, string]>, extra: Json = {}): Json {
  return {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: { refreshInterval: '1h', secretStoreRef: { kind: 'ClusterSecretStore', name: store }, target: { name, ...extra }, data: keys.map(([secretKey, key]) => ({ secretKey, remoteRef: { key, property: secretKey } })) },
  };
}
/** A JSON patch adding a template with these annotations to one of prod's ExternalSecrets. */
function templateAnnotations(es: string, annotations: Record<string, string>): Json {
  return { target: { group: 'external-secrets.io', kind: 'ExternalSecret', name: es }, ops: [{ op: 'add', path: '/spec/target/template', value: { metadata: { annotations } } }] };
}

/** A zip archive's local headers (what an init container's unzip reads), entries stored or deflated. */
function zipOf(entries: ReadonlyArray<readonly [string, string]>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, text] of entries) {
    const data = deflateRawSync(Buffer.from(text));
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(text.length, 22);
    header.writeUInt16LE(name.length, 26);
    parts.push(header, Buffer.from(name), data);
  }
  return Buffer.concat(parts);
}

/** A zip of stored entries given as bytes (an entry that is itself compressed). */
function zipOfBytes(entries: ReadonlyArray<readonly [string, Buffer]>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, data] of entries) {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(10, 4);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(name.length, 26);
    parts.push(header, Buffer.from(name), data);
  }
  return Buffer.concat(parts);
}

/** Fullwidth forms (U+FF01..U+FF5E) of ASCII letters and digits: NFKC maps them back. */
const fullwidth = (t: string): string => t.replace(/[A-Za-z0-9]/g, (c) => String.fromCodePoint((c.codePointAt(0) ?? 0) + 0xfee0));
/** Mathematical bold letters and digits (U+1D400.., U+1D7CE..): NFKC maps them back. */
const mathBold = (t: string): string =>
  t.replace(/[A-Za-z0-9]/g, (c) => {
    const code = c.codePointAt(0) ?? 0;
    if (code <= 0x39) return String.fromCodePoint(0x1d7ce + code - 0x30);
    return String.fromCodePoint(code <= 0x5a ? 0x1d400 + code - 0x41 : 0x1d41a + code - 0x61);
  });
/** The text with `sep` after every `n` characters. */
const every = (t: string, n: number, sep: string): string => chunks(t, n).join(sep);

export function fresh7SecCorpus(root: string): RedTeamCase[] {
  const lit = publishedLiteral(root);
  const KEYFILE = lit('mongodb-keyfile');
  const MONGO = lit('mongodb-admin-password');
  const ROOT = lit('mongodb-root-password');
  const AES = lit('repo-datastore-aes-key');
  const HMAC = lit('repo-datastore-hmac-key');
  const dsKey = (hmac: string, aes: string): string => JSON.stringify({ hmacKey: { hmacKeyString: hmac, size: 256 }, aesKeyString: aes, mode: 'CBC', size: 256 });
  const freshKeyfile = crypto.randomBytes(24).toString('base64');
  const freshB64ws = (): string => crypto.randomBytes(32).toString('base64url');
  const freshPassword = crypto.randomBytes(24).toString('base64').replace(/[+/=]/g, 'x');

  const cases: RedTeamCase[] = [];
  const add = (
    id: string,
    cls: CaseClass,
    expect: Verdict,
    wraps: Wrapped,
    why: string,
    docs: readonly Json[],
    options: { rule?: string; deleteEs?: string; patches?: readonly Json[] } = {},
  ): void => {
    const patches: Json[] = [...(options.patches ?? [])];
    if (options.deleteEs) {
      patches.push({ target: { group: 'external-secrets.io', kind: 'ExternalSecret', name: options.deleteEs }, patch: YAML.stringify({ $patch: 'delete', apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: options.deleteEs } }) });
    }
    const kustomization: Json = {
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: [`../../${wraps}`, ...(docs.length > 0 ? ['extra.yaml'] : [])],
      ...(patches.length > 0 ? { patches: patches.map((p) => ('ops' in p ? { target: p['target'], patch: YAML.stringify(p['ops']) } : p)) } : {}),
    };
    const files: Record<string, string> = { 'kustomization.yaml': `# ${why}\n${YAML.stringify(kustomization, { lineWidth: 0 })}` };
    if (docs.length > 0) files['extra.yaml'] = docs.map((d) => YAML.stringify(d, { lineWidth: 0 })).join('---\n');
    const rule = expect === 'deny' ? (options.rule ?? 'ST2-SEC-001') : undefined;
    cases.push({ id: `fresh7-${id}`, cls, wraps, expect, ...(rule ? { rule } : {}), files });
  };
  const SEC009 = { rule: 'ST2-SEC-009' };
  const SEC010 = { rule: 'ST2-SEC-010' };

  // --- The attacker's cases (allowed on main at 1b2a486), rewritten ---
  add('r7-sec-dskey-spaces', 'secrets', 'deny', 'prod', "prod's datastore key = the repository's dev key with a space every 8 characters (Base64WSDecode strips them)",
    [secret('st2-datastore-crypto-key', { stringData: { datastore_crypto_key: dsKey(every(HMAC, 8, ' '), every(AES, 8, ' ')) } })], { deleteEs: 'st2-datastore-crypto-key' });
  add('r7-sec-dskey-newlines', 'secrets', 'deny', 'prod', 'the dev datastore key with a JSON \\n every 8 characters (Base64WSDecode joins splitlines())',
    [secret('st2-datastore-crypto-key', { stringData: { datastore_crypto_key: dsKey(every(HMAC, 8, '\n'), every(AES, 8, '\n')) } })], { deleteEs: 'st2-datastore-crypto-key' });
  add('r7-sec-mongo-keyfile-spaces', 'secrets', 'deny', 'prod', "the chart's keyfile with a space every 4 characters (mongod strips blanks)",
    [secret('mongodb-keyfile', { stringData: { 'key.txt': every(KEYFILE, 4, ' ') } })], { deleteEs: 'mongodb-keyfile' });
  add('r7-sec-mongo-keyfile-newlines', 'secrets', 'deny', 'prod', "the chart's keyfile over lines of 8 characters",
    [secret('mongodb-keyfile', { stringData: { 'key.txt': `${every(KEYFILE, 8, '\n')}\n` } })], { deleteEs: 'mongodb-keyfile' });
  add('r7-sec-mongo-pw-saslprep-softhyphen', 'secrets', 'deny', 'prod', "the chart's MongoDB password with soft hyphens (SASLprep maps them to nothing)",
    [secret('mongodb-admin', { stringData: { user: 'admin', password: every(MONGO, 8, '\u00ad') } })], { deleteEs: 'mongodb-admin' });
  add('r7-sec-mongo-pw-saslprep-fullwidth', 'secrets', 'deny', 'prod', "the chart's MongoDB password in fullwidth letters (SASLprep's NFKC folds them back)",
    [secret('mongodb-admin', { stringData: { user: 'admin', password: fullwidth(MONGO) } })], { deleteEs: 'mongodb-admin' });
  add('r7-sec-gzip-over-cap-keyfile', 'secrets', 'deny', 'prod', "a gzip blob of 300 KiB of comment padding, then the chart's keyfile (past the decode budget)",
    [configMap('mongodb-keyblob', { binaryData: { 'key.gz': b64(gzipSync(`${'#'.repeat(300 * KiB)}\n${KEYFILE}\n`)) } })], SEC009);
  add('r7-sec-large-secret-dskey', 'secrets', 'deny', 'prod', 'Secret data: 300 KiB of spaces, then the dev datastore key JSON (json.loads ignores them)',
    [secret('st2-datastore-crypto-key', { data: { datastore_crypto_key: b64(`${' '.repeat(300 * KiB)}${dsKey(HMAC, AES)}`) } })], { deleteEs: 'st2-datastore-crypto-key' });
  add('r7-sec-b64-nested5-keyfile', 'secrets', 'deny', 'prod', "the chart's keyfile base64-encoded five times (one layer past the search's depth)",
    [configMap('mongodb-keyblob', { data: { key: [1, 2, 3, 4, 5].reduce((t) => b64(t), KEYFILE) } })], SEC009);

  // --- Variants: blanks the consumer strips ---
  add('sec-keyfile-tabs', 'secrets', 'deny', 'prod', "the chart's keyfile with tabs every 5 characters",
    [secret('mongodb-keyfile-v2', { stringData: { 'key.txt': every(KEYFILE, 5, '\t') } })]);
  add('sec-keyfile-crlf', 'secrets', 'deny', 'prod', "the chart's keyfile over CRLF lines of 6 characters",
    [secret('mongodb-keyfile-v2', { stringData: { 'key.txt': `${every(KEYFILE, 6, '\r\n')}\r\n` } })]);
  add('sec-keyfile-vt-ff', 'secrets', 'deny', 'prod', "the chart's keyfile split by vertical tabs and form feeds (mongod strips 0x09-0x0D)",
    [secret('mongodb-keyfile-v2', { stringData: { 'key.txt': chunks(KEYFILE, 7).map((c, i) => `${c}${i % 2 ? '\f' : '\v'}`).join('') } })]);
  add('sec-keyfile-yaml-list-spaced', 'secrets', 'deny', 'prod', "mongod 4.2+'s YAML key list, the chart's keyfile (spaced) as the second key",
    [secret('mongodb-keyfile-v2', { stringData: { 'key.txt': `- ${freshKeyfile}\n- ${every(KEYFILE, 3, ' ')}\n` } })]);
  add('sec-keyfile-script-spaced', 'secrets', 'deny', 'prod', "an init script writing the chart's keyfile with blanks into the keyfile path",
    [configMap('mongodb-keyfile-init', { data: { 'init.sh': `#!/bin/sh\nprintf '%s\\n' '${every(KEYFILE, 4, ' ')}' > /data/configdb/key.txt\nchmod 0400 /data/configdb/key.txt\n` } })]);
  add('sec-keyfile-staging-spaces', 'secrets', 'deny', 'staging', "the chart's keyfile with blanks, in staging",
    [secret('mongodb-keyfile-v2', { stringData: { 'key.txt': every(KEYFILE, 2, ' ') } })]);
  add('sec-dskey-tabs', 'secrets', 'deny', 'prod', 'the dev datastore key with JSON \\t escapes every 6 characters',
    [secret('st2-datastore-crypto-key-v2', { stringData: { datastore_crypto_key: dsKey(every(HMAC, 6, '\t'), every(AES, 6, '\t')) } })]);
  add('sec-dskey-crlf', 'secrets', 'deny', 'prod', 'the dev datastore key with \\r\\n every 7 characters',
    [secret('st2-datastore-crypto-key-v2', { stringData: { datastore_crypto_key: dsKey(every(HMAC, 7, '\r\n'), every(AES, 7, '\r\n')) } })]);
  add('sec-dskey-dots', 'secrets', 'deny', 'prod', 'the dev datastore key with a dot every 6 characters (urlsafe_b64decode discards characters outside the alphabet)',
    [secret('st2-datastore-crypto-key-v2', { stringData: { datastore_crypto_key: dsKey(every(HMAC, 6, '.'), every(AES, 6, '.')) } })]);
  add('sec-dskey-mixed-alphabet-spaced', 'secrets', 'deny', 'prod', 'the dev datastore key in the standard alphabet with spaces',
    [secret('st2-datastore-crypto-key-v2', { stringData: { datastore_crypto_key: dsKey(every(HMAC.replace(/-/g, '+').replace(/_/g, '/'), 5, ' '), every(AES.replace(/-/g, '+').replace(/_/g, '/'), 5, ' ')) } })]);
  add('sec-dskey-unicode-escaped-spaces', 'secrets', 'deny', 'prod', 'the dev datastore key with \\u0020 escapes between chunks (json.loads decodes them)',
    [configMap('st2-keys', { data: { 'datastore_key.json': dsKey(every(HMAC, 9, ' '), every(AES, 9, ' ')).replace(/ (?=[A-Za-z0-9_-])/g, '\\u0020') } })]);
  add('sec-dskey-leading-spaces-plain', 'secrets', 'deny', 'prod', 'plain stringData: 300 KiB of spaces, then the dev datastore key JSON',
    [secret('st2-datastore-crypto-key-v2', { stringData: { datastore_crypto_key: `${' '.repeat(300 * KiB)}${dsKey(HMAC, AES)}` } })]);
  add('sec-dskey-leading-spaces-configmap', 'secrets', 'deny', 'prod', 'a ConfigMap value: base64 of 300 KiB of newlines, then the dev datastore key with spaces',
    [configMap('st2-keys', { data: { 'key.b64': b64(`${'\n'.repeat(300 * KiB)}${dsKey(every(HMAC, 8, ' '), AES)}`) } })]);

  // --- Variants: SASLprep ---
  add('sec-mongo-root-zwj', 'secrets', 'deny', 'prod', "the chart's MongoDB root password with zero-width joiners, word joiners and a BOM",
    [secret('mongodb-root-v2', { stringData: { 'mongodb-root-password': chunks(ROOT, 5).map((c, i) => `${c}${['\u200d', '\u2060', '\ufeff'][i % 3] ?? ''}`).join('') } })]);
  add('sec-mongo-pw-zwsp-variation', 'secrets', 'deny', 'prod', "the chart's MongoDB password with zero-width spaces and variation selectors in st2's config",
    [configMap('st2-db-conf', { data: { 'st2.user.conf': `[database]\nusername = admin\npassword = ${chunks(MONGO, 4).join('\u200b\ufe0f')}\n` } })]);
  add('sec-mongo-pw-math-bold', 'secrets', 'deny', 'prod', "the chart's MongoDB password in mathematical bold letters and digits (NFKC)",
    [secret('mongodb-admin-v2', { stringData: { password: mathBold(MONGO) } })]);
  add('sec-mongo-pw-fullwidth-uri', 'secrets', 'deny', 'prod', "a mongodb:// URI whose password is the chart's in fullwidth letters, percent-encoded",
    [secret('st2-db-uri', { stringData: { uri: `mongodb://admin:${encodeURIComponent(fullwidth(MONGO))}@mongodb-0.mongodb:27017/st2?authSource=admin` } })]);
  add('sec-mongo-root-fullwidth-staging', 'secrets', 'deny', 'staging', "the chart's MongoDB root password half in fullwidth letters, in staging",
    [secret('mongodb-root-v2', { stringData: { 'mongodb-root-password': `${fullwidth(ROOT.slice(0, 15))}${ROOT.slice(15)}` } })]);

  // --- Variants: budgets reached fail closed ---
  add('sec-gzip-in-gzip-over-cap', 'secrets', 'deny', 'prod', 'gzip inside gzip: the inner stream decompresses past 256 KiB, the keyfile at its end',
    [configMap('mongodb-keyblob', { binaryData: { 'key.gz.gz': b64(gzipSync(gzipSync(`${' '.repeat(280 * KiB)}${KEYFILE}\n`))) } })], SEC009);
  add('sec-gzip-in-gzip-keyfile', 'secrets', 'deny', 'prod', "the chart's keyfile in a gzip inside a gzip (nested compression is followed)",
    [configMap('mongodb-keyblob', { binaryData: { 'key.gz.gz': b64(gzipSync(gzipSync(`${KEYFILE}\n`))) } })]);
  add('sec-gz-in-zip-keyfile', 'secrets', 'deny', 'prod', "a zip whose entry is a .gz of the chart's keyfile (an archive member that is itself compressed)",
    [configMap('mongodb-keyblob', { binaryData: { 'keys.zip': b64(zipOfBytes([['key.txt.gz', gzipSync(`${KEYFILE}\n`)]])) } })]);
  add('sec-zip-entry-520', 'secrets', 'deny', 'prod', "a zip of 520 entries, the chart's keyfile in the last (past the archive's entry cap)",
    [configMap('mongodb-keyblob', { binaryData: { 'keys.zip': b64(zipOf([...Array.from({ length: 519 }, (_, i) => [`pad-${i}.txt`, `padding ${i}\n`] as const), ['key.txt', `${KEYFILE}\n`]])) } })], SEC009);
  add('sec-bzip2-over-cap', 'secrets', 'deny', 'prod', "bzip2 of 300 KiB of padding and the chart's keyfile",
    [configMap('mongodb-keyblob', { binaryData: { 'key.bz2': b64(bzip2Of(Buffer.from(`${'='.repeat(300 * KiB)}\n${KEYFILE}\n`))) } })], SEC009);
  add('sec-mixed-layers-5', 'secrets', 'deny', 'prod', "the chart's keyfile under five mixed layers: base64, hex, base64, percent-encoding, base64",
    [configMap('mongodb-keyblob', { data: { key: b64(encodeURIComponent(b64(Buffer.from(b64(KEYFILE)).toString('hex'))).replace(/[A-Za-z0-9]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)) } })], SEC009);
  add('sec-decoy-forms', 'secrets', 'deny', 'prod', "40 base64 decoys that each decode to text before the base64 of the chart's keyfile (past the form cap)",
    [configMap('mongodb-keyblob', { data: { 'keys.txt': [...Array.from({ length: 40 }, (_, i) => b64(`decoy line number ${i} of the bundle`)), b64(`key ${KEYFILE}`)].join('\n') } })], SEC009);

  // --- Safe look-alikes ---
  add('safe-keyfile-fresh-spaced', 'secrets', 'allow', 'prod', 'a freshly generated keyfile over lines of 8 with spaces',
    [secret('mongodb-keyfile-v2', { stringData: { 'key.txt': `${every(every(freshKeyfile, 4, ' '), 10, '\n')}\n` } })]);
  add('safe-dskey-fresh-newlines', 'secrets', 'allow', 'prod', 'a freshly generated datastore key with newlines and dots',
    [secret('st2-datastore-crypto-key-v2', { stringData: { datastore_crypto_key: dsKey(every(freshB64ws(), 8, '\n'), every(freshB64ws(), 6, '.')) } })]);
  add('safe-mongo-pw-unicode', 'secrets', 'allow', 'prod', 'a rotated MongoDB password with non-ASCII letters',
    [secret('mongodb-admin-v2', { stringData: { password: `Zürich-Ölberg-${freshPassword.slice(0, 8)}-ß` } })]);
  add('safe-mongo-pw-fresh-fullwidth', 'secrets', 'allow', 'prod', 'a fresh random password written in fullwidth letters with soft hyphens',
    [secret('mongodb-admin-v2', { stringData: { password: every(fullwidth(freshPassword), 6, '\u00ad') } })]);
  add('safe-large-dashboard', 'secrets', 'allow', 'prod', 'a 600 KiB Grafana dashboard (JSON with escaped quotes and newlines) in a ConfigMap',
    [configMap('st2-dashboards', {
      data: {
        'st2.json': JSON.stringify({
          title: 'StackStorm',
          panels: Array.from({ length: 3000 }, (_, i) => ({ id: i, type: 'timeseries', title: `Executions ${i}`, targets: [{ expr: `sum(rate(st2_action_executions_total{status="failed",runner="${i % 7}"}[5m]))`, legendFormat: '{{runner}}' }], description: `Panel ${i}\nfailed executions by runner` })),
        }),
      },
    })]);
  add('safe-large-plain-text', 'secrets', 'allow', 'prod', 'a 700 KiB runbook in a ConfigMap (plain text is searched at any size)',
    [configMap('st2-runbook', { data: { 'runbook.md': Array.from({ length: 9000 }, (_, i) => `${i}. Check the st2 services, then rotate the keys if a node was lost.\n`).join('') } })]);
  add('safe-gzip-within-budget', 'secrets', 'allow', 'prod', 'a gzip of 200 KiB of pack data (within the decode budget)',
    [configMap('st2-pack-blob', { binaryData: { 'pack.json.gz': b64(gzipSync(JSON.stringify({ actions: Array.from({ length: 2500 }, (_, i) => ({ name: `action_${i}`, runner: 'python-script', enabled: i % 2 === 0 })) }).slice(0, 200 * KiB))) } })]);
  add('safe-base64-nested-4', 'secrets', 'allow', 'prod', 'a fresh value base64-encoded four times (within the depth)',
    [configMap('st2-blob', { data: { token: [1, 2, 3, 4].reduce((t) => b64(t), `fresh ${freshPassword}`) } })]);
  add('safe-base64-snippets', 'secrets', 'allow', 'prod', '20 base64-encoded readable snippets in one value (within the form cap)',
    [configMap('st2-snippets', { data: { 'snippets.txt': Array.from({ length: 20 }, (_, i) => b64(`snippet ${i}: echo hello from st2`)).join('\n') } })]);

  // --- Secret copies: the attacker's cases, rewritten ---
  add('r7-priv-reflector-st2-auth', 'access', 'deny', 'prod', "reflector annotations in st2-auth's ExternalSecret template: mirrored into every namespace", [], {
    ...SEC010,
    patches: [templateAnnotations('st2-auth', {
      'reflector.v1.k8s.emberstack.com/reflection-allowed': 'true',
      'reflector.v1.k8s.emberstack.com/reflection-auto-enabled': 'true',
      'reflector.v1.k8s.emberstack.com/reflection-allowed-namespaces': '.*',
      'reflector.v1.k8s.emberstack.com/reflection-auto-namespaces': '.*',
    })],
  });
  add('r7-priv-replicator-dskey', 'access', 'deny', 'prod', 'replicator replicate-to ".*" on the datastore key', [], { ...SEC010, patches: [templateAnnotations('st2-datastore-crypto-key', { 'replicator.v1.mittwald.de/replicate-to': '.*' })] });
  add('r7-priv-clusterexternalsecret-all-ns', 'access', 'deny', 'prod', "a ClusterExternalSecret copying st2's passwords from the production store into every namespace",
    [{ apiVersion: 'external-secrets.io/v1', kind: 'ClusterExternalSecret', metadata: { name: 'st2-shared-credentials' }, spec: { namespaceSelectors: [{ matchLabels: {} }], refreshTime: '1h', externalSecretSpec: externalSecret('x', undefined, 'st2-production', [['st2-password', 'stackstorm/st2-auth'], ['mongodb-password', 'stackstorm/mongodb']])['spec'] } }], SEC010);
  add('r7-priv-secret-copy-other-ns', 'access', 'deny', 'prod', "an ExternalSecret in monitoring copying production st2's admin and RabbitMQ passwords",
    [externalSecret('st2-probe-credentials', 'monitoring', 'st2-production', [['password', 'stackstorm/st2-auth'], ['rabbitmq', 'stackstorm/rabbitmq']])], SEC010);

  // --- Variants ---
  add('copy-kubed-sync', 'access', 'deny', 'prod', 'kubed sync (empty selector: every namespace) on st2-auth', [], { ...SEC010, patches: [templateAnnotations('st2-auth', { 'kubed.appscode.com/sync': '' })] });
  add('copy-kubed-contexts', 'access', 'deny', 'prod', 'config-syncer sync-contexts copying the keyfile to other clusters', [], { ...SEC010, patches: [templateAnnotations('mongodb-keyfile', { 'kubed.appscode.com/sync-contexts': 'edge-1,edge-2' })] });
  add('copy-replicate-to-matching', 'access', 'deny', 'prod', 'replicator replicate-to-matching a label selector', [], { ...SEC010, patches: [templateAnnotations('rabbitmq', { 'replicator.v1.mittwald.de/replicate-to-matching': 'team=observability' })] });
  add('copy-replication-allowed-open', 'access', 'deny', 'prod', 'replicator replication-allowed without a namespace list (anyone may pull)', [], { ...SEC010, patches: [templateAnnotations('mongodb-admin', { 'replicator.v1.mittwald.de/replication-allowed': 'true' })] });
  add('copy-reflector-monitoring', 'access', 'deny', 'prod', 'reflector allowed into monitoring beside st2-prod', [], {
    ...SEC010,
    patches: [templateAnnotations('st2-auth', { 'reflector.v1.k8s.emberstack.com/reflection-allowed': 'true', 'reflector.v1.k8s.emberstack.com/reflection-allowed-namespaces': 'st2-prod,monitoring' })],
  });
  add('copy-reflector-pattern', 'access', 'deny', 'prod', 'reflector auto-mirroring into every namespace matching st2-.* (st2-dev too)', [], {
    ...SEC010,
    patches: [templateAnnotations('st2-ssh', { 'reflector.v1.k8s.emberstack.com/reflection-allowed': 'true', 'reflector.v1.k8s.emberstack.com/reflection-auto-enabled': 'true', 'reflector.v1.k8s.emberstack.com/reflection-allowed-namespaces': 'st2-.*' })],
  });
  add('copy-mirror-reflects', 'access', 'deny', 'prod', "a Secret in monitoring mirroring st2-prod/st2-auth (reflects)",
    [secret('st2-auth-mirror', {}, { namespace: 'monitoring', annotations: { 'reflector.v1.k8s.emberstack.com/reflects': 'st2-prod/st2-auth' } })], SEC010);
  add('copy-mirror-replicate-from', 'access', 'deny', 'prod', 'a Secret in monitoring pulling the datastore key (replicate-from)',
    [secret('dskey-copy', {}, { namespace: 'monitoring', annotations: { 'replicator.v1.mittwald.de/replicate-from': 'st2-prod/st2-datastore-crypto-key' } })], SEC010);
  add('copy-other-store-st2-keys', 'access', 'deny', 'prod', "an ExternalSecret in monitoring reading st2's remote keys through a store of another name",
    [externalSecret('st2-creds', 'monitoring', 'vault-shared', [['password', 'stackstorm/st2-auth']])], SEC010);
  add('copy-prod-store-into-dev', 'access', 'deny', 'prod', "an ExternalSecret in st2-dev reading the production store, in a production render",
    [externalSecret('prod-creds', 'st2-dev', 'st2-production', [['password', 'stackstorm/mongodb']])], SEC010);
  add('copy-ces-listed-namespace', 'access', 'deny', 'prod', 'a ClusterExternalSecret listing monitoring by name',
    [{ apiVersion: 'external-secrets.io/v1', kind: 'ClusterExternalSecret', metadata: { name: 'st2-to-monitoring' }, spec: { namespaces: ['monitoring'], externalSecretSpec: externalSecret('x', undefined, 'st2-production', [['password', 'stackstorm/st2-auth']])['spec'] } }], SEC010);
  add('copy-pushsecret-into-st2-store', 'access', 'deny', 'prod', "a PushSecret in monitoring writing over st2's production store",
    [{ apiVersion: 'external-secrets.io/v1alpha1', kind: 'PushSecret', metadata: { name: 'overwrite', namespace: 'monitoring' }, spec: { secretStoreRefs: [{ name: 'st2-production', kind: 'ClusterSecretStore' }], selector: { secret: { name: 'known-password' } }, data: [{ match: { secretKey: 'password', remoteRef: { remoteKey: 'stackstorm/st2-auth', property: 'password' } } }] } }], SEC010);
  add('copy-sealedsecret-template', 'access', 'deny', 'prod', "a SealedSecret whose template replicates st2's RabbitMQ credentials to every namespace",
    [{ apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'rabbitmq-sealed' }, spec: { encryptedData: { password: b64(crypto.randomBytes(64)) }, template: { metadata: { annotations: { 'replicator.v1.mittwald.de/replicate-to': '.*' } } } } }], SEC010);
  add('copy-configmap-reflector', 'access', 'deny', 'prod', "st2's config ConfigMap auto-reflected into every namespace",
    [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'st2-extra-config', annotations: { 'reflector.v1.k8s.emberstack.com/reflection-allowed': 'true', 'reflector.v1.k8s.emberstack.com/reflection-auto-enabled': 'true' } }, data: { 'st2.extra.conf': '[api]\nallow_origin = https://st2.example.com\n' } }], SEC010);
  add('copy-kyverno-clone', 'access', 'deny', 'prod', "a Kyverno generate rule cloning st2-prod's st2-auth into every new namespace",
    [{ apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'sync-st2-auth' }, spec: { rules: [{ name: 'clone', match: { any: [{ resources: { kinds: ['Namespace'] } }] }, generate: { apiVersion: 'v1', kind: 'Secret', name: 'st2-auth', namespace: '{{request.object.metadata.name}}', synchronize: true, clone: { namespace: 'st2-prod', name: 'st2-auth' } } }] } }], SEC010);
  add('copy-fake-store-in-monitoring', 'access', 'deny', 'prod', "a MongoDB pod started in monitoring (so that it looks like st2's), then st2-auth replicated there",
    [{ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'mongodb-shadow', namespace: 'monitoring' }, spec: { replicas: 3, serviceName: 'mongodb-shadow', selector: { matchLabels: { app: 'mongodb-shadow' } }, template: { metadata: { labels: { app: 'mongodb-shadow' } }, spec: { containers: [{ name: 'mongod', image: 'mongo:7.0.14', args: ['--replSet', 'rs0', '--keyFile', '/k/key'], resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '100m', memory: '256Mi' } } }] } } } }],
    { ...SEC010, patches: [templateAnnotations('st2-auth', { 'replicator.v1.mittwald.de/replicate-to': 'monitoring' })] });
  add('copy-staging-replicate-to', 'access', 'deny', 'staging', "staging's st2-auth replicated into monitoring", [], { ...SEC010, patches: [templateAnnotations('st2-auth', { 'replicator.v1.mittwald.de/replicate-to': 'monitoring' })] });

  // --- Safe look-alikes ---
  // Not st2's secrets, but namespace monitoring is not one the bundle lists: ST2-OPS-015 (objects outside st2's namespaces).
  add('copy-monitoring-own-store-unlisted-ns', 'access', 'deny', 'prod', "an ExternalSecret in monitoring reading its own store's Grafana password: monitoring is not a namespace the bundle lists",
    [externalSecret('grafana-admin', 'monitoring', 'monitoring-vault', [['password', 'grafana/admin']])], { rule: 'ST2-OPS-015' });
  add('safe-copy-ces-registry', 'access', 'allow', 'prod', "a ClusterExternalSecret spreading the registry pull secret (not st2's) to every namespace",
    [{ apiVersion: 'external-secrets.io/v1', kind: 'ClusterExternalSecret', metadata: { name: 'registry-pull' }, spec: { namespaceSelectors: [{ matchLabels: {} }], externalSecretSpec: externalSecret('x', undefined, 'registry-creds', [['.dockerconfigjson', 'registry/pull']])['spec'] } }]);
  add('copy-monitoring-reflects-own-unlisted-ns', 'access', 'deny', 'prod', "monitoring's own Secret reflected to its other namespaces: monitoring is not a namespace the bundle lists",
    [secret('alertmanager-webhook', { stringData: { url: 'https://hooks.example.com/T0/B0' } }, { namespace: 'monitoring', annotations: { 'reflector.v1.k8s.emberstack.com/reflection-allowed': 'true', 'reflector.v1.k8s.emberstack.com/reflection-auto-enabled': 'true' } })], { rule: 'ST2-OPS-015' });
  add('safe-copy-reflector-own-namespace', 'access', 'allow', 'prod', 'reflection allowed only into st2-prod itself', [], {
    patches: [templateAnnotations('st2-auth', { 'reflector.v1.k8s.emberstack.com/reflection-allowed': 'true', 'reflector.v1.k8s.emberstack.com/reflection-allowed-namespaces': 'st2-prod' })],
  });
  add('safe-copy-extra-es-own-namespace', 'access', 'allow', 'prod', 'another ExternalSecret in st2-prod reading the production store',
    [externalSecret('st2-chatops-token', undefined, 'st2-production', [['token', 'stackstorm/chatops']])]);
  return cases;
}

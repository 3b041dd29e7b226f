/**
 * Facts about Secret values that wasm policies cannot compute (no crypto.* or
 * time.* builtins there): sha256 of each decoded value, X.509 certificate
 * fingerprints, self-signature and expiry, and private-key fingerprints.
 * Only hashes and booleans leave this module, never a value.
 */
import { createHash, createPrivateKey, createPublicKey, X509Certificate, type JsonWebKey, type KeyObject } from 'node:crypto';
import { getObject, kindOf, type Manifest } from '../core/manifest.js';

export interface CertificateFact {
  readonly fingerprint: string;
  readonly self_signed: boolean;
  readonly expired: boolean;
  /** basicConstraints CA:TRUE: a trust anchor when nothing serves it. */
  readonly ca: boolean;
  /** sha256 of the certificate's SPKI, to pair it with a private key. */
  readonly spki_sha256: string;
  /** Served with its own key (the key in the same resource) or under a serving-certificate key name. */
  readonly served: boolean;
}

export interface PrivateKeyFact {
  readonly ssh_fingerprint: string | null;
  readonly spki_sha256: string | null;
}

export interface SecretValueFact {
  readonly resource: number;
  /** Where the value sits in the resource, e.g. ["data", "tls.crt"] or a container env value. */
  readonly path: ReadonlyArray<string | number>;
  /** The last key of the path (the name a finding shows). */
  readonly key: string;
  readonly sha256: string;
  readonly empty: boolean;
  readonly certificates: readonly CertificateFact[];
  readonly private_key: PrivateKeyFact | null;
  /** The value holds a PEM or OpenSSH private key block, parsable or not (ST2-SEC-021: committed key material). */
  readonly private_block: boolean;
}

const PRIVATE_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const PEM_KEY = /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----[\s\S]+?-----END \1-----/;
const OPENSSH_KEY = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]+?)-----END OPENSSH PRIVATE KEY-----/;
/** An OpenSSH public key line (authorized_keys, known_hosts): its blob is the key's identity. */
const SSH_PUBLIC = /\b(?:ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp256) (AAAA[A-Za-z0-9+/]+={0,2})/;

/**
 * Facts of every Secret value (hash, certificates, key) plus key material
 * found anywhere else (see string-facts.ts), certificates paired with the
 * private keys of the same resource.
 */
export function collectSecretFacts(resources: readonly Manifest[], now: Date, elsewhere: readonly SecretValueFact[] = []): SecretValueFact[] {
  const facts: SecretValueFact[] = [];
  resources.forEach((manifest, index) => {
    const kind = kindOf(manifest);
    if (kind !== 'Secret' && kind !== 'ConfigMap') return;
    const texts: Array<{ path: [string, string]; text: string }> = [];
    for (const field of ['data', 'stringData'] as const) {
      const values = getObject(manifest, field);
      if (!values) continue;
      for (const [key, raw] of Object.entries(values)) {
        if (typeof raw !== 'string') continue;
        const bytes = field === 'data' && kind === 'Secret' ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
        if (kind === 'Secret') facts.push(describeValue(index, [field, key], key, bytes, now));
        texts.push({ path: [field, key], text: bytes.toString('utf8') });
      }
    }
    facts.push(...unlockedKeys(index, texts));
  });
  return pairCertificates([...facts, ...elsewhere]);
}

/** Passphrases tried per encrypted key: the other short values of its resource. */
const MAX_PASSPHRASES = 16;
const ENCRYPTED_PEM = /-----BEGIN ENCRYPTED PRIVATE KEY-----[\s\S]+?-----END ENCRYPTED PRIVATE KEY-----|-----BEGIN (RSA|EC) PRIVATE KEY-----\s*Proc-Type: 4,ENCRYPTED[\s\S]+?-----END \1 PRIVATE KEY-----/;

/**
 * An encrypted private key shipped with its passphrase (another value of the
 * same Secret or ConfigMap) is that key in the clear: unlocked with each
 * short sibling value and fingerprinted.
 */
function unlockedKeys(resource: number, texts: ReadonlyArray<{ path: [string, string]; text: string }>): SecretValueFact[] {
  const out: SecretValueFact[] = [];
  for (const { path, text } of texts) {
    if (!text.includes('ENCRYPTED')) continue;
    const pem = ENCRYPTED_PEM.exec(text);
    if (!pem) continue;
    const candidates = texts.filter((t) => t.text !== text && t.text.trim() !== '' && t.text.length <= 256).slice(0, MAX_PASSPHRASES);
    for (const candidate of candidates) {
      for (const passphrase of new Set([candidate.text, candidate.text.trim()])) {
        try {
          const publicKey = createPublicKey(createPrivateKey({ key: pem[0], passphrase }));
          out.push({
            resource,
            path,
            key: path[1],
            sha256: createHash('sha256').update(text).digest('hex'),
            empty: false,
            certificates: [],
            private_key: { ssh_fingerprint: sshFingerprintOf(publicKey), spki_sha256: spkiSha256(publicKey) },
            private_block: true,
          });
          return out;
        } catch {
          // Not its passphrase.
        }
      }
    }
  }
  return out;
}

/** Marks certificates whose private key sits in the same resource as served. */
function pairCertificates(facts: SecretValueFact[]): SecretValueFact[] {
  const keys = new Set<string>();
  for (const f of facts) if (f.private_key?.spki_sha256) keys.add(`${f.resource}:${f.private_key.spki_sha256}`);
  return facts.map((f) =>
    f.certificates.length === 0
      ? f
      : { ...f, certificates: f.certificates.map((c) => ({ ...c, served: c.served || keys.has(`${f.resource}:${c.spki_sha256}`) })) },
  );
}

/** Key names Kubernetes and the chart use for a serving certificate. */
const SERVING_KEYS = new Set(['tls.crt', 'ssl_certificate', 'ssl_certificate.crt', 'server.crt']);

export function describeValue(resource: number, path: ReadonlyArray<string | number>, key: string, bytes: Buffer, now: Date): SecretValueFact {
  const text = bytes.toString('utf8');
  return {
    resource,
    path,
    key,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    empty: text.trim() === '',
    certificates: text.includes('-----BEGIN CERTIFICATE-----') ? describeCertificates(text, now, SERVING_KEYS.has(key.toLowerCase())) : [],
    private_key: hasPrivateKey(text) ? describePrivateKey(text) : null,
    private_block: text.includes('PRIVATE KEY-----') && PRIVATE_BLOCK.test(text),
  };
}

/** True when a text holds a PEM or OpenSSH body worth fingerprinting. */
export function holdsKeyMaterial(text: string): boolean {
  return text.includes('-----BEGIN CERTIFICATE-----') || hasPrivateKey(text);
}

function hasPrivateKey(text: string): boolean {
  return text.includes('PRIVATE KEY-----') || SSH_PUBLIC.test(text);
}

function describeCertificates(text: string, now: Date, servingKey: boolean): CertificateFact[] {
  const out: CertificateFact[] = [];
  for (const pem of text.match(PEM_CERT) ?? []) {
    try {
      const cert = new X509Certificate(pem);
      out.push({
        fingerprint: cert.fingerprint256,
        self_signed: cert.issuer === cert.subject && cert.verify(cert.publicKey),
        expired: new Date(cert.validTo).getTime() < now.getTime(),
        ca: cert.ca,
        spki_sha256: spkiSha256(cert.publicKey),
        served: servingKey,
      });
    } catch {
      // Not a parsable certificate: nothing to say about it.
    }
  }
  return out;
}

function describePrivateKey(text: string): PrivateKeyFact | null {
  const openssh = OPENSSH_KEY.exec(text);
  if (openssh) return describeOpenSshKey(openssh[1] ?? '');
  const pem = PEM_KEY.exec(text);
  if (!pem) {
    const ssh = SSH_PUBLIC.exec(text);
    if (!ssh) return null;
    const blob = Buffer.from(ssh[1] ?? '', 'base64');
    try {
      return { ssh_fingerprint: fingerprintOfBlob(blob), spki_sha256: spkiOfSshBlob(blob) };
    } catch {
      return null;
    }
  }
  try {
    const publicKey = createPublicKey(createPrivateKey(pem[0]));
    return { ssh_fingerprint: sshFingerprintOf(publicKey), spki_sha256: spkiSha256(publicKey) };
  } catch {
    return null;
  }
}

function spkiSha256(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** OpenSSH `SHA256:` fingerprint of a public key blob. */
function fingerprintOfBlob(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

function sshString(value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** An unsigned big-endian integer as SSH's mpint (a leading zero when the top bit is set). */
function sshMpint(unsigned: Buffer): Buffer {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  const trimmed = unsigned.subarray(start);
  return sshString((trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function sshFingerprintOf(publicKey: KeyObject): string | null {
  const blob = sshBlobOf(publicKey);
  return blob === null ? null : fingerprintOfBlob(blob);
}

/** The OpenSSH public key blob of a key (RSA, Ed25519, P-256), else null. */
function sshBlobOf(publicKey: KeyObject): Buffer | null {
  const jwk = publicKey.export({ format: 'jwk' });
  const b64 = (v: string | undefined): Buffer => Buffer.from(v ?? '', 'base64url');
  if (jwk.kty === 'RSA') return Buffer.concat([sshString('ssh-rsa'), sshMpint(b64(jwk.e)), sshMpint(b64(jwk.n))]);
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return Buffer.concat([sshString('ssh-ed25519'), sshString(b64(jwk.x))]);
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') {
    const point = Buffer.concat([Buffer.from([4]), b64(jwk.x), b64(jwk.y)]);
    return Buffer.concat([sshString('ecdsa-sha2-nistp256'), sshString('nistp256'), sshString(point)]);
  }
  return null;
}

/**
 * A JWK (public or private) as the OpenSSH public line of its key, which
 * describeValue fingerprints like any authorized_keys entry; undefined when
 * it is no key node:crypto reads.
 */
export function sshPublicLineOfJwk(jwk: Record<string, unknown>): string | undefined {
  const pub: Record<string, unknown> = {};
  for (const k of ['kty', 'crv', 'n', 'e', 'x', 'y']) if (typeof jwk[k] === 'string') pub[k] = jwk[k];
  try {
    const blob = sshBlobOf(createPublicKey({ key: pub as JsonWebKey, format: 'jwk' }));
    if (blob === null) return undefined;
    const type = blob.subarray(4, 4 + blob.readUInt32BE(0)).toString('latin1');
    return `${type} ${blob.toString('base64')}`;
  } catch {
    return undefined;
  }
}

/** The public key blob sits unencrypted in an openssh-key-v1 file: fingerprint it directly. */
function describeOpenSshKey(body: string): PrivateKeyFact | null {
  const bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  const magic = 'openssh-key-v1\0';
  if (bytes.subarray(0, magic.length).toString('latin1') !== magic) return null;
  let offset = magic.length;
  const readString = (): Buffer => {
    const length = bytes.readUInt32BE(offset);
    const value = bytes.subarray(offset + 4, offset + 4 + length);
    offset += 4 + length;
    return value;
  };
  try {
    readString(); // cipher
    readString(); // kdf
    readString(); // kdf options
    offset += 4; // number of keys
    const blob = readString();
    return { ssh_fingerprint: fingerprintOfBlob(blob), spki_sha256: spkiOfSshBlob(blob) };
  } catch {
    return null;
  }
}

function spkiOfSshBlob(blob: Buffer): string | null {
  let offset = 0;
  const read = (): Buffer => {
    const length = blob.readUInt32BE(offset);
    const value = blob.subarray(offset + 4, offset + 4 + length);
    offset += 4 + length;
    return value;
  };
  const type = read().toString('latin1');
  try {
    if (type === 'ssh-rsa') {
      const e = read();
      const n = read();
      const key = createPublicKey({ key: { kty: 'RSA', e: e.toString('base64url'), n: n.toString('base64url') }, format: 'jwk' });
      return spkiSha256(key);
    }
    if (type === 'ssh-ed25519') {
      const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: read().toString('base64url') }, format: 'jwk' });
      return spkiSha256(key);
    }
  } catch {
    return null;
  }
  return null;
}

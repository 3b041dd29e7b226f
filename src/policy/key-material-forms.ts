/**
 * Key material written in forms other than a PEM block in plain sight: the
 * decoded forms of a text that hold one, JWKs, RFC 4716 public keys, `openssl
 * rsa -text` moduli and bare DER bodies, each as a text describeValue
 * (secret-facts.ts) fingerprints. Nothing here leaves the policy module.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { isJsonObject } from '../core/manifest.js';
import { decodedForms } from './decode-layers.js';
import { holdsKeyMaterial, sshPublicLineOfJwk } from './secret-facts.js';

/** The decoded forms of a text that hold a PEM or OpenSSH body (usually none). */
export function keyMaterialForms(text: string): string[] {
  if (text.length < 64) return [];
  const quick = text.includes('-----BEGIN') || text.includes('ssh-') || text.includes('LS0tLS1CRUdJT') || text.includes('\\n') || text.includes('kty') || text.includes('---- BEGIN SSH2') || text.includes('odulus:');
  if (!quick && !/^[A-Za-z0-9+/=\s]{64,}$/.test(text)) return [];
  const forms = decodedForms(text).filter((form) => !form.whole);
  return [
    ...forms.filter((form) => holdsKeyMaterial(form.text)).map((form) => form.text),
    ...forms.flatMap((form) => jwkLines(form.text)),
    ...forms.flatMap((form) => rfc4716Lines(form.text)),
    ...forms.flatMap((form) => rsaTextLines(form.text)),
    ...armouredDer(text),
  ];
}

const RSA_TEXT = /odulus:\s*((?:[0-9a-fA-F]{2}:?\s*)+)[\s\S]*?(?:publicExponent|Exponent):\s*(\d+)/g;

/**
 * An RSA key as `openssl rsa -text` (or `openssl x509 -text`) prints it: the
 * modulus in colon-separated hex and the public exponent in decimal, which
 * are the public key; returned as its OpenSSH line to be fingerprinted.
 */
function rsaTextLines(text: string): string[] {
  if (!text.includes('odulus:')) return [];
  const out: string[] = [];
  for (const m of text.matchAll(RSA_TEXT)) {
    const n = Buffer.from((m[1] ?? '').replace(/[^0-9a-fA-F]/g, ''), 'hex');
    const e = BigInt(m[2] ?? '0');
    if (n.length < 64 || e <= 0n) continue;
    let eHex = e.toString(16);
    if (eHex.length % 2) eHex = `0${eHex}`;
    const line = sshPublicLineOfJwk({ kty: 'RSA', n: n.toString('base64url'), e: Buffer.from(eHex, 'hex').toString('base64url') });
    if (line) out.push(line);
  }
  return out;
}

const SSH2_PUBLIC = /---- BEGIN SSH2 PUBLIC KEY ----([\s\S]+?)---- END SSH2 PUBLIC KEY ----/g;

/**
 * Public keys in the RFC 4716 (SECSH) format ssh-keygen -e writes: header
 * lines (`Comment: ...`, continued with a trailing backslash) then the same
 * base64 blob an authorized_keys line carries, wrapped; returned as that line.
 */
function rfc4716Lines(text: string): string[] {
  if (!text.includes('---- BEGIN SSH2')) return [];
  const out: string[] = [];
  for (const m of text.matchAll(SSH2_PUBLIC)) {
    let continued = false;
    const body: string[] = [];
    for (const raw of (m[1] ?? '').split(/\r?\n|\r/)) {
      const line = raw.trim();
      if (continued || /^[A-Za-z0-9-]+:/.test(line)) {
        continued = line.endsWith('\\');
        continue;
      }
      body.push(line);
    }
    const blob = Buffer.from(body.join(''), 'base64');
    const len = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
    const type = len > 0 && len < 64 ? blob.subarray(4, 4 + len).toString('latin1') : '';
    if (/^(?:ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp256)$/.test(type)) out.push(`${type} ${blob.toString('base64')}`);
  }
  return out;
}

/**
 * Keys written as JWK (a JWKS, a JSON key file): each RSA, Ed25519 or P-256
 * key as the OpenSSH public line it is, so it is fingerprinted like any key.
 */
function jwkLines(text: string): string[] {
  if (!text.includes('"kty"')) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  const out: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
    } else if (isJsonObject(value)) {
      if (typeof value['kty'] === 'string') {
        const line = sshPublicLineOfJwk(value);
        if (line !== undefined) out.push(line);
      }
      for (const k in value) visit(value[k], depth + 1);
    }
  };
  visit(doc, 0);
  return out;
}

function isCertificateDer(der: Buffer): boolean {
  try {
    new X509Certificate(der);
    return true;
  } catch {
    return false;
  }
}

/** The PEM labels a short DER body (under 256 bytes: an EC or Ed25519 key) really parses as. */
function shortKeyLabels(der: Buffer): string[] {
  const labels: string[] = [];
  for (const [type, label] of [['pkcs8', 'PRIVATE KEY'], ['pkcs1', 'RSA PRIVATE KEY'], ['sec1', 'EC PRIVATE KEY']] as const) {
    try {
      createPrivateKey({ key: der, format: 'der', type });
      labels.push(label);
    } catch {
      // Not this encoding.
    }
  }
  return labels;
}

/**
 * A key or certificate written as its bare base64 DER body (the PEM without
 * its armour lines, a binary file kustomize put in binaryData): armoured
 * again so it is fingerprinted like any PEM.
 */
function armouredDer(text: string): string[] {
  let compact = text.replace(/\s+/g, '');
  // The DER as hex (xxd -p, openssl ... | od): the same body, another alphabet.
  if (/^(?:30|3082)[0-9A-Fa-f]+$/.test(compact) && compact.length % 2 === 0) compact = Buffer.from(compact, 'hex').toString('base64');
  if (compact[0] !== 'M' || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return [];
  const der = Buffer.from(compact, 'base64');
  if (der[0] !== 0x30) return [];
  const body = (compact.match(/.{1,64}/g) ?? []).join('\n');
  const armour = (labels: readonly string[]): string[] => labels.map((label) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`);
  // Long bodies (an RSA key, a certificate) count as key material parsable or not; a certificate is never a key.
  if (der[1] === 0x82 && text.length >= 200) return armour(isCertificateDer(der) ? ['CERTIFICATE'] : ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'CERTIFICATE']);
  // Short ones only when they parse as a private key: many short base64 texts start with 0x30.
  return armour(shortKeyLabels(der));
}

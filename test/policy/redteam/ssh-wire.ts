/** SSH wire encoding (RFC 4251 §5) for building published keys' public halves in attacks. */
export function sshString(b: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}

/** An mpint from a JWK's base64url field: a leading zero byte keeps it positive. */
export function mpint(b64url: string | undefined): Buffer {
  let b = Buffer.from(b64url ?? '', 'base64url');
  if ((b[0] ?? 0) & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return sshString(b);
}

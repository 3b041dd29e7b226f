/**
 * What a credential is, by its name and its value: the shared tests of
 * store-credentials.ts and store-users.ts.
 */

/**
 * A name whose last word says it holds a credential: `password`, `ST2_API_KEY`,
 * `clientSecret`, `auth_token`, RabbitMQ's `RABBITMQ_ERLANG_COOKIE` (the Erlang distribution's
 * shared secret: whoever holds it runs code on the nodes); not `secret_name`, `token_ttl`, `password_file`.
 */
const CREDENTIAL_TAIL = /(?:^|[^a-z])(?:pass|passwd|password|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|credentials?|erlang[_-]?cookie)$/i;
const CAMEL_TAIL = /[a-z0-9](?:Password|Passwd|Pwd|Secret|Token|ApiKey|AccessKey|SecretKey|PrivateKey|Credentials?|ErlangCookie)$/;

export function isCredentialName(name: string): boolean {
  // `existingSecret: st2-auth` names a Secret, it holds none.
  if (/^existing/i.test(name)) return false;
  return CREDENTIAL_TAIL.test(name) || CAMEL_TAIL.test(name);
}

/** A literal credential value: not empty, a placeholder, a path, a number or a switch. */
export function isLiteralCredential(value: string): boolean {
  const v = value.trim();
  if (v === '' || v.includes('{{') || /\$\{?[A-Za-z_]|\$\(/.test(v)) return false;
  if (/^(?:\/|\.\/|~\/|file:)/.test(v)) return false;
  if (/^[0-9.]+$/.test(v) || /^(?:true|false|yes|no|on|off|none|null)$/i.test(v)) return false;
  return true;
}


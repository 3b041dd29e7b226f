/**
 * How st2auth (StackStorm 3.8.1) checks a login, from the last word of its
 * chain of config files (st2-chains.ts) on `[auth] mode`, `backend` and
 * `backend_kwargs` (st2auth/config.py registers them as CLI options too:
 * `--auth-mode proxy` on the command line wins over every file):
 *
 * - `mode`: `standalone` (the default) asks the backend for the password;
 *   `proxy` (st2auth/handlers.py ProxyAuthHandler) mints a token for the user
 *   named in any Basic header or `X-Forwarded-User` without checking any
 *   password; any other value (compared as written, `Proxy` too) makes
 *   st2auth refuse to start (validation.py, VALID_MODES).
 * - `backend = ldap` (st2-auth-ldap): each login's password goes in a simple
 *   bind to `host` (comma-separated hosts) over `ldap://` unless `use_ssl`
 *   (ldaps://) or `use_tls` (StartTLS) is truthy as Python reads the JSON
 *   value; `backend = keystone`: to `keystone_url`, in clear over `http://`.
 *   A loopback host (a sidecar in the pod) never crosses the network.
 *
 * Only states and file paths leave this module, never a value.
 */

import type { ChainWord as Word } from './st2-config-files.js';

/** standalone; proxy; invalid (a mode st2auth refuses); unreadable (a file the gate cannot read may decide). */
export type AuthMode = 'standalone' | 'proxy' | 'invalid' | 'unreadable';

/** Why st2auth's backend receives passwords in clear text ('' when it does not, or the gate cannot tell). */
export type AuthClear = '' | 'ldap-without-tls' | 'keystone-over-http' | 'backend-kwargs-unreadable';

export interface AuthFacts {
  readonly auth_mode: AuthMode;
  readonly auth_mode_file: string;
  readonly auth_clear: AuthClear;
  readonly auth_clear_file: string;
}

const VALID_MODES = new Set(['standalone', 'proxy']);

/** Python's truth value of a JSON value (json.loads): "false" is a non-empty string, so true. */
function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** Loopback names and addresses: a backend in the same pod. */
function loopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

function kwargsOf(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Why this backend and its arguments send passwords in clear ('' when they do not). */
export function clearBackend(backend: string, kwargsText: string | undefined): AuthClear {
  const name = backend.trim();
  if (name !== 'ldap' && name !== 'keystone') return '';
  const kwargs = kwargsText === undefined ? {} : kwargsOf(kwargsText);
  // st2auth refuses arguments that are no JSON object; a placeholder may write anything.
  if (kwargs === undefined) return 'backend-kwargs-unreadable';
  if (name === 'ldap') {
    if (truthy(kwargs['use_ssl']) || truthy(kwargs['use_tls'])) return '';
    const hosts = typeof kwargs['host'] === 'string' ? kwargs['host'].split(',') : [];
    return hosts.length > 0 && hosts.every(loopback) ? '' : 'ldap-without-tls';
  }
  const url = typeof kwargs['keystone_url'] === 'string' ? kwargs['keystone_url'].trim() : '';
  const m = /^http:\/\/(\[[^\]]*\]|[^/:?#]+)/i.exec(url);
  return m !== null && !loopback(m[1] ?? '') ? 'keystone-over-http' : '';
}

/** The auth facts of one chain's last words (`cli`: values given on the command line, which win). */
export function authFacts(words: Readonly<Record<string, Word | undefined>>, cli: ReadonlyMap<string, string>): AuthFacts {
  const word = (key: string): Word => {
    const given = cli.get(key);
    if (given !== undefined) return { value: given, unknown: undefined, file: '(command line)' };
    return words[key] ?? { value: undefined, unknown: undefined, file: '' };
  };
  const mode = word('auth.mode');
  let authMode: AuthMode = 'standalone';
  let modeFile = '';
  if (mode.unknown !== undefined) [authMode, modeFile] = ['unreadable', mode.unknown];
  else if (mode.value !== undefined && mode.value !== 'standalone') [authMode, modeFile] = [VALID_MODES.has(mode.value) ? 'proxy' : 'invalid', mode.file];
  const backend = word('auth.backend');
  const kwargs = word('auth.backend_kwargs');
  let clear: AuthClear = '';
  let clearFile = '';
  if (backend.unknown === undefined && kwargs.unknown === undefined && backend.value !== undefined) {
    clear = clearBackend(backend.value, kwargs.value);
    if (clear !== '') clearFile = kwargs.value !== undefined ? kwargs.file : backend.file;
  }
  return { auth_mode: authMode, auth_mode_file: modeFile, auth_clear: clear, auth_clear_file: clearFile };
}

/** The st2auth options its command line may set (oslo CLI options of group auth: `--auth-mode proxy`, `--auth-mode=proxy`). */
export const AUTH_CLI_OPTIONS: Readonly<Record<string, string>> = { '--auth-mode': 'auth.mode', '--auth-backend': 'auth.backend', '--auth-backend_kwargs': 'auth.backend_kwargs' };

/**
 * RabbitMQ's own default account, guest/guest, is refused from anywhere but
 * localhost unless loopback_users lets it out. The base opens loopback_users
 * for guest but replaces the default user (RABBITMQ_DEFAULT_USER), so guest
 * never exists; a change that brings guest back (the default user set to
 * guest, or no default user at all) or that logs in as guest:guest over the
 * network gives anyone on the cluster network the message bus. These are the
 * clues, by kind, found in any string of any decoded layer; the policy
 * (secrets.rego, ST2-SEC-008) combines them. Only kinds leave this module.
 */
import { hashHits } from './hash-verifiers.js';

export type GuestClue = 'credentials' | 'loopback-open' | 'default-guest' | 'default-user-set';

const CREDENTIALS = /:\/\/guest:guest@|"name"\s*:\s*"guest"[^{}]*"password"\s*:\s*"guest"|"password"\s*:\s*"guest"[^{}]*"name"\s*:\s*"guest"|-u\s+['"]?guest:guest\b|--user\s+['"]?guest:guest\b/;
const LOOPBACK_OPEN = /^[ \t]*loopback_users(?:\.guest)?[ \t]*=[ \t]*(?:false|none)[ \t]*$|\{\s*loopback_users\s*,\s*\[\s*\]\s*\}/m;
const DEFAULT_GUEST = /^[ \t]*default_user[ \t]*=[ \t]*guest[ \t]*$|\{\s*default_user\s*,\s*<<\s*"guest"\s*>>\s*\}/m;
const DEFAULT_SET = /^[ \t]*default_user[ \t]*=[ \t]*(?!guest[ \t]*$)\S|\{\s*default_user\s*,\s*<<\s*"(?!guest")[^"]+"\s*>>\s*\}/m;

export function guestClues(text: string): GuestClue[] {
  const guest = text.includes('guest');
  const loopback = text.includes('loopback_users');
  const defaultUser = text.includes('default_user');
  if (!guest && !loopback && !defaultUser) return [];
  const out: GuestClue[] = [];
  if (guest && (CREDENTIALS.test(text) || guestHash(text))) out.push('credentials');
  if (loopback && LOOPBACK_OPEN.test(text)) out.push('loopback-open');
  if (defaultUser && DEFAULT_GUEST.test(text)) out.push('default-guest');
  if (defaultUser && DEFAULT_SET.test(text)) out.push('default-user-set');
  return out;
}

/** A container env entry naming RabbitMQ's default user: its value, or a reference (set elsewhere). */
export function envClue(entry: Record<string, unknown>): GuestClue | undefined {
  if (entry['name'] !== 'RABBITMQ_DEFAULT_USER') return undefined;
  const value = entry['value'];
  if (typeof value === 'string') return value.trim() === 'guest' ? 'default-guest' : 'default-user-set';
  return entry['valueFrom'] !== undefined ? 'default-user-set' : undefined;
}

/** A definitions file whose password_hash verifies "guest" (salted SHA-256, SHA-512 or MD5). */
function guestHash(text: string): boolean {
  return text.includes('password_hash') && hashHits(text, [{ id: 'guest', value: 'guest' }]).length > 0;
}

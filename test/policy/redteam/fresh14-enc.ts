/**
 * The thirteenth red team's encoded-default misses (test/attackers/red13:
 * sec-ascii-decimal-csv, sec-base58, sec-punycode-ish-hex-spaces,
 * sec-uuencode, sec-xor-python, sec-sed-subst), rewritten as patches over
 * prod with variants and safe look-alikes. Each is a published default in a
 * form one ordinary command turns back (ST2-SEC-001):
 *
 * - case swapped (Python's `.swapcase()`, an XOR of 0x20 over the letters),
 *   reversed, or both after ROT13 (src/policy/literal-transforms.ts);
 * - bytes as decimal or hex numbers separated by blanks alone, or one big
 *   decimal integer (`int.from_bytes`), src/policy/number-bytes.ts;
 * - uuencoded, with or without its `begin` line (src/policy/uuencode.ts);
 * - committed with a placeholder the same script fixes up with `sed`, `tr`,
 *   `${v//A/B}` or `.replace` (src/policy/substitutions.ts).
 *
 * Safe: numbers, hex dumps, uuencoded text and substitutions that make no
 * default (ports, an account number, another file, quoting fix-ups).
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { uuencodeOf } from '../uuencode-writer.js';

type Json = Record<string, unknown>;

const FIRST = '/spec/template/spec/containers/0';
const DEPLOY = (name: string): Json => ({ group: 'apps', kind: 'Deployment', name });
const patch = (target: Json, ...ops: Json[]): Patch => ({ target, ops });
const configMap = (name: string, data: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
/** st2client's command replaced by a shell script (it then sleeps, as the base's does). */
const clientScript = (script: string): Patch => patch(DEPLOY('st2client'), { op: 'replace', path: `${FIRST}/command`, value: ['bash', '-ec', `${script}; exec sleep infinity`] });
const addEnv = (app: string, name: string, value: string): Patch => patch(DEPLOY(app), { op: 'add', path: `${FIRST}/env/-`, value: { name, value } });

const ST2 = 'Ch@ngeMe';
const RABBIT = '9jS+w1u07NbHtZke1m+jW4Cj';
const COOKIE = '8MrqQdCQ6AQ8U3MacSubHE5RqkSfvNaRHzvxuFcG';
const MONGO = 'XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK';
const KEYFILE = '82PItDpqroti5RngOA7UqbHH7c6bFUwy';

const reverse = (t: string): string => [...t].reverse().join('');
const swapcase = (t: string): string => t.replace(/[A-Za-z]/g, (c) => (c >= 'a' ? c.toUpperCase() : c.toLowerCase()));
const decimals = (t: string, sep: string): string => [...Buffer.from(t)].map(String).join(sep);
const hexPairs = (t: string, sep: string): string => [...Buffer.from(t)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(sep);
const bigInt = (t: string): string => BigInt(`0x${Buffer.from(t).toString('hex')}`).toString(10);
const uuencode = (t: string, header: boolean): string => (header ? uuencodeOf(t, { mode: '600', name: 'payload' }) : `${uuencodeOf(t, undefined)}\n`);

export function fresh14EncCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f14e-${id}`, 'secrets', rule, body));
  };
  const SEC001 = 'ST2-SEC-001';

  // --- Case swapped, reversed ------------------------------------------------------------------------
  add('swapcase-mongo-env-python', SEC001, {
    patches: [addEnv('st2client', 'DBX', swapcase(MONGO)), clientScript(`export MONGO_PASSWORD="$(python3 -c 'import os; print(os.environ["DBX"].swapcase())')"`)],
  });
  add('swapcase-st2-password-configmap', SEC001, { resources: [configMap('login-hint', { 'login.txt': `user st2admin\npass ${swapcase(ST2)}\n` })] });
  add('reversed-cookie-configmap', SEC001, { resources: [configMap('cookie-hint', { cookie: reverse(COOKIE) })] });
  add('reversed-swapcase-rabbit-env', SEC001, { patches: [addEnv('st2client', 'BUS', reverse(swapcase(RABBIT)))] });
  add('safe-swapcase-ordinary-text', undefined, { resources: [configMap('banner', { 'motd.txt': swapcase('Welcome to the StackStorm cluster, operators') })] });
  add('safe-reversed-ordinary-text', undefined, { resources: [configMap('banner-rev', { 'motd.txt': reverse('Maintenance window: Sundays 02:00-04:00 UTC') })] });

  // --- Numbers: blank-separated byte lists, big integers -------------------------------------------------
  add('decimal-codes-cookie-spaces', SEC001, { resources: [configMap('cookie-codes', { 'c.txt': decimals(COOKIE, ' ') })] });
  add('decimal-codes-st2-lines', SEC001, { resources: [configMap('login-codes', { 'p.txt': `${decimals(ST2, '\n')}\n` })] });
  add('hex-pairs-reversed-rabbit', SEC001, { resources: [configMap('bus-hex', { 'h.txt': hexPairs(reverse(RABBIT), ' ') })] });
  add('hex-pairs-mongo-in-script', SEC001, { patches: [clientScript(`export MONGO_PASSWORD="$(echo '${hexPairs(MONGO, ' ')}' | xxd -r -p)"`)] });
  add('big-integer-keyfile', SEC001, { resources: [configMap('key-int', { 'k.yaml': `key_int: ${bigInt(KEYFILE)}\n` })] });
  add('big-integer-little-endian-mongo', SEC001, { resources: [configMap('db-int', { 'd.txt': bigInt(reverse(MONGO)) })] });
  add('safe-port-list', undefined, { resources: [configMap('ports', { 'ports.txt': '22 80 443 8080 8443 9100 9101 9102 27017 5672 15672 25672' })] });
  add('safe-decimal-codes-other-text', undefined, { resources: [configMap('codes', { 'c.txt': decimals('hello from the platform team', ' ') })] });
  add('safe-hex-dump-random', undefined, { resources: [configMap('dump', { 'd.txt': '8F 3A 01 C2 D9 E4 7B 55 60 AA 13 FE 9C 2D 7E 01 44 B0 C7 19' })] });
  add('safe-long-account-number', undefined, { resources: [configMap('billing', { 'billing.yaml': 'account: 4929123456789012345678901234567890\ninvoice: 20261207000000000000123\n' })] });

  // --- uuencode ---------------------------------------------------------------------------------------
  add('uuencode-cookie', SEC001, { resources: [configMap('cookie-uu', { 'cookie.uu': uuencode(COOKIE, true) })] });
  add('uuencode-st2-config', SEC001, { resources: [configMap('cli-uu', { 'config.uu': uuencode(`[credentials]\nusername = st2admin\npassword = ${ST2}\n`, true) })] });
  add('uuencode-headerless-rabbit', SEC001, { resources: [configMap('bus-uu', { 'bus.uu': uuencode(RABBIT, false) })] });
  add('safe-uuencode-other-file', undefined, { resources: [configMap('notes-uu', { 'notes.uu': uuencode('rotation runbook: ask the platform team for the vault path', true) })] });
  add('safe-uppercase-notice', undefined, { resources: [configMap('notice', { 'NOTICE': 'WARNING: MANAGED BY ARGO CD, DO NOT EDIT BY HAND\n' })] });

  // --- Placeholders fixed up by the script's own substitution ----------------------------------------------
  add('sed-placeholder-st2-config', SEC001, { patches: [clientScript(`P=$(echo 'ChXngeMe' | sed 's/X/@/'); printf '[credentials]\\nusername=st2admin\\npassword=%s\\n' "$P" > /root/.st2/config`)] });
  add('sed-global-rabbit', SEC001, { patches: [clientScript(`export RABBITMQ_PASSWORD=$(echo '${RABBIT.replace(/\+/g, '_')}' | sed -e 's|_|+|g')`)] });
  add('tr-placeholder-env', SEC001, { patches: [addEnv('st2client', 'RAW', ST2.replace('@', '%')), clientScript(`export ST2_PASSWORD="$(echo "$RAW" | tr '%' '@')"`)] });
  add('bash-replace-mongo', SEC001, { patches: [clientScript(`v='${MONGO.slice(0, -2)}__'; export MONGO_PASSWORD="\${v//__/${MONGO.slice(-2)}}"`)] });
  add('python-replace-cookie', SEC001, { patches: [clientScript(`python3 -c 'print("${COOKIE.slice(0, 20)}#${COOKIE.slice(21)}".replace("#", "${COOKIE[20] ?? ''}"))' > /tmp/cookie`)] });
  add('safe-sed-quoting-fixup', undefined, { patches: [clientScript(`pass="$(printf '%s' "\${ST2_AUTH_PASSWORD:-}" | sed -e 's/\\\\/\\\\\\\\/g' -e 's/"/\\\\"/g')"; echo "$pass" > /dev/null`)] });
  add('safe-sed-placeholder-other-word', undefined, { patches: [clientScript(`echo 'ChXngeMf' | sed 's/X/@/' > /tmp/hint`)] });
  add('safe-tr-uppercase-hostname', undefined, { patches: [clientScript(`echo "$HOSTNAME" | tr 'a-z' 'A-Z' > /tmp/host`)] });
  return cases;
}

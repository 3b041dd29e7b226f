/**
 * The st2 option values the policies read (st2-option-values.ts) are what oslo.config reads from
 * each text (oslo_config/iniparser.py and cfg.py's MultiConfigParser: a `#` or `;` line is a
 * comment whatever it holds, the last value of an option wins, sections are lower-cased, option
 * names compared as written, an indented line continues the value, one pair of quotes is shed,
 * an inline `#` is part of the value). The policy's fallback (operations_availability.rego's
 * option_value, evaluated by the real opa without facts) reads a text the same way line by line;
 * it splits lines on \n alone, so the two must agree on every text without a lone \r.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeFileReader } from '../../src/io/file-system.js';
import { collectOptionFacts, coordinationSchemes, ST2_OPTION_KEYS } from '../../src/policy/st2-option-values.js';
import { renderOverlay } from '../../src/render/index.js';
import { repoRoot } from './support.js';

const OPA = path.join(repoRoot, '.tools/bin/opa');
// Locally, no opa means skip; in CI (CI=true) its absence fails the suite.
const skip = !existsSync(OPA) && process.env['CI'] !== 'true';

const configMap = (texts: readonly string[]) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'st2' }, data: Object.fromEntries(texts.map((t, i) => [`f${i}`, t])) });

const CRAFTED = [
  '[database]\nhost = mongodb://a,b/?replicaSet=rs0\n[messaging]\nurl = amqp://u@rabbitmq:5672\n',
  '[DataBase]\n  HOST: mongodb-0   \t\n',
  '[database]\n[DataBase]\n  HOST: mongodb-1\n',
  '[messaging]\nssl = True\nurl = amqps://x\n\n[messaging]\nurl = amqp://second\n',
  '# [coordination]\n[coordination]\n\n\nurl = etcd3+http://etcd:2379\n',
  '[coordination]\nbackend = x [y]\nurl = zake://\n',
  '[database]\n[database]\nhost = twice\n',
  '[messaging]\ncluster_urls = amqp://a:5672, amqp://b:5672\n[database]\nssl=\n',
  '[api]\nport = 9101\n[database]\nhost=db\t \n',
  '   [messaging]   \nurl=amqp://indented-header\n',
  '[messaging]\n url = amqp://indented-option\n',
  '[database]\nhost = a # comment\n',
  '[coordination]\nurl = redis://x:6379?sentinel=m\n',
  'no sections here [database] host = inline\n',
  '[auth]\nenable = False\n[rbac]\nenable = true\n',
  '[RBAC]\n  Enable=off\n[auth]\nmode = standalone\n',
  '[rbac]\nbackend: "noop"\n',
  '[auth]\nenable = true\n[rbac]\nenable=0\nbackend = default\n',
  '[coordination]\nurl = ETCD3+HTTP://etcd:2379\n[coordination]\nurl: zake://\n',
  '[coordination]\n\n  url=redis://r:6379\n',
  '[coordination]\n# [tmp] local\nurl = redis://r:6379\n',
  '[messaging]\nurl = amqp://a\nurl = amqp://b\n[database]\nhost = a,\n  b\n\tc\n\nssl: "true"\n',
  '[database]\r\nhost = crlf\r\n# [x]\r\nhost = crlf2\r\n',
  '[database]\nhost = ünïcode\u3000\n',
  '[database]\nhost\v= vt\n',
  '[DATABASE]\nhost = \'x\'\n[database]\nssl = \'\n',
];

describe('st2 option values as oslo.config reads them', () => {
  const read = (text: string): Record<string, string> | undefined => collectOptionFacts([configMap([text])]).st2_option_values[text];
  it.each([
    ['a comment holding "[" before the option', '[coordination]\n# [tmp] local locks\nurl = redis://r:6379\n', { 'coordination.url': 'redis://r:6379' }],
    ['a ";" comment holding "["', '[database]\n; [x]\nhost = mongodb-0.mongodb\n', { 'database.host': 'mongodb-0.mongodb' }],
    ['the same option twice: the last wins', '[messaging]\nurl = amqp://rabbitmq:5672\nurl = amqp://rabbitmq-0.rabbitmq:5672\n', { 'messaging.url': 'amqp://rabbitmq-0.rabbitmq:5672' }],
    ['a section written twice: the last value wins', '[database]\nhost = a\n[api]\nx = 1\n[database]\nhost = b\n', { 'database.host': 'b' }],
    ['sections lower-cased, DataBase is database', '[database]\nhost = a\n[DataBase]\nhost = b\n', { 'database.host': 'b' }],
    ['option names as written: HOST is not host', '[database]\nHOST = a\n', {}],
    ['an inline "#" is part of the value', '[database]\nhost = a # primary\n', { 'database.host': 'a # primary' }],
    ['indented lines continue the value until a blank line', '[database]\nhost = a,\n  b\n\tc\n\nssl = true\n', { 'database.host': 'a,\nb\nc', 'database.ssl': 'true' }],
    ['an indented option line continues the previous value', '[messaging]\nssl = false\n url = amqps://r\n', { 'messaging.ssl': 'false\nurl = amqps://r' }],
    ['one pair of quotes shed', '[database]\nhost = "a"\nssl: \'True\'\n', { 'database.host': 'a', 'database.ssl': 'True' }],
    ['a commented-out value', '[database]\n# ssl = false\nssl = true\n', { 'database.ssl': 'true' }],
    ['a value written empty', '[database]\nssl =\n', { 'database.ssl': '' }],
    ['a templated value, as written', '[database]\nhost = {{ .host }}\n', { 'database.host': '{{ .host }}' }],
    ['a CRLF file', '[database]\r\n# [x]\r\nhost = b\r\n', { 'database.host': 'b' }],
    ['a lone CR ends a line too (universal newlines)', '[database]\rhost = a\rhost = b\r', { 'database.host': 'b' }],
    ['non-ASCII text', '[database]\nhost = ünïcode\u3000\n', { 'database.host': 'ünïcode' }],
    ['an option before any section', 'host = a\n[database]\n', {}],
    ['no section of the options', '[api]\nhost = a\n', {}],
  ])('%s', (_, text, options) => {
    expect(read(text)).toEqual(options);
  });

  it('reads no text without "["', () => {
    expect(collectOptionFacts([configMap(['host = a'])]).st2_option_values).toEqual({});
  });

  it('leaves to the policy the switched-off sections of texts the two engines\' patterns could read differently', () => {
    const texts = ['[rbac]\r\nenable = false\r\n', '[rbac]\nenable = ünïcode\n', '[rbac]\nenable\v= false\n'];
    expect(Object.keys(collectOptionFacts([configMap(texts)]).st2_switched_off)).toEqual([]);
  });

  it.skipIf(skip)('GIVEN the overlays and the crafted texts WHEN read here and by the policy without facts THEN every option agrees', () => {
    const fs = createNodeFileReader(repoRoot);
    const rendered = ['dev', 'staging', 'prod'].flatMap((env) => renderOverlay(fs, `overlays/${env}`).resources.map((r) => r.manifest));
    const { st2_option_values: values } = collectOptionFacts([...rendered, configMap(CRAFTED)]);
    // The fallback splits lines on \n alone: a lone \r is where it still differs from oslo.
    const texts = Object.keys(values).filter((t) => !/\r(?!\n)/.test(t));
    expect(texts.length).toBeGreaterThan(CRAFTED.length);
    const query = '{[t, k]: v | some t in input.texts; some k in input.keys; parts := split(k, "."); v := data.st2.operations.option_value(t, parts[0], parts[1])}';
    const out = execFileSync(OPA, ['eval', '--format', 'json', '--stdin-input', '-d', path.join(repoRoot, 'policies'), query], { input: JSON.stringify({ texts, keys: ST2_OPTION_KEYS }), encoding: 'utf8', maxBuffer: 1 << 26 });
    const pairs = (JSON.parse(out) as { result: Array<{ expressions: Array<{ value: Record<string, string> }> }> }).result[0]?.expressions[0]?.value ?? {};
    // opa prints the object's array keys as JSON strings.
    const byPolicy = Object.entries(pairs).map(([k, v]) => [...(JSON.parse(k) as [string, string]), v].join('\u0000'));
    const byModule = texts.flatMap((t) => Object.entries(values[t] ?? {}).map(([k, v]) => [t, k, v].join('\u0000')));
    expect(byModule.sort()).toEqual(byPolicy.sort());
    expect(byModule.length).toBeGreaterThan(15);
  });

  it.skipIf(skip)('GIVEN the same texts WHEN read here and by the policy THEN the switched-off sections agree', () => {
    const fs = createNodeFileReader(repoRoot);
    const rendered = ['dev', 'staging', 'prod'].flatMap((env) => renderOverlay(fs, `overlays/${env}`).resources.map((r) => r.manifest));
    const facts = collectOptionFacts([...rendered, configMap(CRAFTED)]);
    const texts = Object.keys(facts.st2_switched_off);
    // Each text alone in a render, as the policy reads it without facts (only texts it takes for st2 config).
    const alone = 'with input as {"resources": [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"f": t}}]}';
    const query = `{t: off | some t in input.texts; data.st2.lib.st2_config_texts[t] ${alone}; off := data.st2.hardening.st2_switched_off(t)}`;
    const out = execFileSync(OPA, ['eval', '--format', 'json', '--stdin-input', '-d', path.join(repoRoot, 'policies'), query], { input: JSON.stringify({ texts }), encoding: 'utf8', maxBuffer: 1 << 26 });
    const byPolicy = (JSON.parse(out) as { result: Array<{ expressions: Array<{ value: Record<string, string[]> }> }> }).result[0]?.expressions[0]?.value ?? {};
    const read = Object.keys(byPolicy);
    expect(read.length).toBeGreaterThan(10);
    for (const t of read) expect([...(facts.st2_switched_off[t] ?? [])].sort(), t).toEqual([...(byPolicy[t] ?? [])].sort());
    expect(read.filter((t) => (byPolicy[t]?.length ?? 0) > 0).length).toBeGreaterThanOrEqual(4);
  });
});

/**
 * replicas.rego's coordination schemes are oslo.config's reading of each text (oslo_config/iniparser.py:
 * a line starting with # or ; is a comment whatever it holds; the last value of an option wins),
 * not a pattern's: a comment holding "[" or a second url line must not hide a backend.
 */
describe('coordination schemes as oslo.config reads them', () => {
  it.each([
    ['a plain etcd url', '[coordination]\nurl = etcd://etcd:2379\n', ['etcd']],
    ['a comment holding "[" before the url', '[coordination]\n# [temp] local locks\nurl = zake://\n', ['zake']],
    ['a ";" comment holding "["', '[coordination]\n; [x]\nurl = file:///tmp/locks\n', ['file']],
    ['the same option twice: the last wins', '[coordination]\nurl = etcd://etcd:2379\nurl = zake://\n', ['zake']],
    ['two sections: the last url wins', '[coordination]\nurl = zake://\n[api]\nx = 1\n[coordination]\nurl = redis://r:6379\n', ['redis']],
    ['the same url twice', '[coordination]\nurl = etcd://etcd:2379\nurl = etcd://etcd:2379\n', ['etcd']],
    ['a colon separator, upper-case scheme', '[coordination]\nurl: ETCD3+HTTP://etcd:2379\n', ['etcd3+http']],
    ['a quoted value (oslo sheds one pair of quotes)', "[coordination]\nurl = 'zake://'\n", ['zake']],
    ['written empty: tooz NoOpDriver', '[coordination]\n# [x]\nurl =\n', ['']],
    ['an indented url line continues the previous value', '[coordination]\nlock_timeout = 30\n url = zake://\n', []],
    ['a commented-out url', '[coordination]\n# url = zake://\nurl = etcd://etcd:2379\n', ['etcd']],
    ['a header named in another case', '[Coordination]\nurl = zake://\n', ['zake']],
    ['a templated url', '[coordination]\nurl = {{ .url }}\n', []],
    ['no coordination section', '[api]\nurl = zake://\n', []],
    ['a CRLF file', '[coordination]\r\n# [x]\r\nurl = zake://\r\n', ['zake']],
  ])('%s', (_, text, schemes) => {
    expect(coordinationSchemes(text)).toEqual(schemes);
    expect(collectOptionFacts([configMap([text])]).st2_coordination_schemes[text]).toEqual(schemes);
  });
});

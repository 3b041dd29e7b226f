/**
 * The tenth attacker's pod-level findings (docs/red-team.md, "Tenth attacker",
 * pods piece), rewritten as overlays over prod with variants and safe
 * look-alikes. Part 1, false denials: a binary file in a generator (kustomize
 * writes it to binaryData; a certificate is no key, a private key in DER still
 * is one), a program's argument built at run time (not its name: ST2-REP-013),
 * and st2garbagecollector scaled out (st2's ha.rst: no benefit, no harm).
 * Part 2, pods that never run or changes the cluster refuses (ST2-OPS-062..066,
 * ST2-REP-031, ST2-HRD-015's unpublished 3.8 tags).
 */
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { wrapOverlay } from './kustomization-text.js';
import { SPEC, FIRST, DEPLOY, patch, type Json } from './targets.js';

/** A whole overlay wrapping `wraps` with its own kustomization lines and files. */
function overlay(id: string, wraps: Wrapped, lines: readonly string[], files: Record<string, string | Uint8Array>): Record<string, string | Uint8Array> {
  return { 'kustomization.yaml': `${wrapOverlay(id, wraps, [], lines.join('\n'))}\n`, ...files };
}

/** A generator of one file mounted into the action runners (the attacker's corp CA in DER). */
function generated(id: string, generator: 'configMapGenerator' | 'secretGenerator', file: string, bytes: Uint8Array): Record<string, string | Uint8Array> {
  const source = generator === 'configMapGenerator' ? `configMap: {name: ${id}}` : `secret: {secretName: ${id}}`;
  return overlay(id, 'prod', [
    // No hash suffix: the patch below names the object as written, and kustomize does not rename a patch's reference.
    `${generator}:`, `  - name: ${id}`, '    options: {disableNameSuffixHash: true}', '    files:', `      - ${file}`,
    'patches:', '  - target: {kind: Deployment, name: st2actionrunner}', '    patch: |-',
    '      - op: add', '        path: /spec/template/spec/volumes/-', `        value: {name: ${id}, ${source}}`,
    '      - op: add', '        path: /spec/template/spec/containers/0/volumeMounts/-', `        value: {name: ${id}, mountPath: /etc/ssl/${id}, readOnly: true}`,
  ], { [file]: bytes });
}

const MAINT_MOUNTS = [
  { name: 'st2-config-vol', mountPath: '/etc/st2/st2.docker.conf', subPath: 'st2.docker.conf' },
  { name: 'st2-config-vol', mountPath: '/etc/st2/st2.user.conf', subPath: 'st2.user.conf' },
];
const CONF = '--config-file=/etc/st2/st2.conf --config-file=/etc/st2/st2.docker.conf --config-file=/etc/st2/st2.user.conf';

/** A nightly CronJob in the action runner's image running one shell script. */
function cron(name: string, script: string): Json {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule: '15 3 * * *',
      concurrencyPolicy: 'Forbid',
      jobTemplate: { spec: { template: { spec: {
        restartPolicy: 'OnFailure',
        securityContext: { runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{
          name: 'maint',
          image: 'stackstorm/st2actionrunner:3.8.1',
          command: ['sh', '-c'],
          args: [script],
          resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
          volumeMounts: MAINT_MOUNTS,
        }],
        volumes: [{ name: 'st2-config-vol', configMap: { name: 'st2-config' } }],
      } } } },
    },
  };
}

/** `ca`: a CA certificate (PEM) made at test time. */
export function fresh11PodsCorpus(ca: string): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f11-${id}`, cls, rule, body));
  };

  // --- Binary files in generators: binaryData, and key material read in it (ST2-SEC-021) -------------
  const caDer = new X509Certificate(ca).raw;
  const der = (type: 'rsa' | 'ec' | 'ed25519', encoding: 'pkcs8' | 'pkcs1' | 'sec1'): Uint8Array => {
    const pair = type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : type === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('ed25519');
    return pair.privateKey.export({ format: 'der', type: encoding });
  };
  add('safe-der-ca-in-configmap', 'key-material', undefined, { files: generated('f11-safe-der-ca-in-configmap', 'configMapGenerator', 'corp-root.der', caDer) });
  add('safe-der-ca-in-secret', 'key-material', undefined, { files: generated('f11-safe-der-ca-in-secret', 'secretGenerator', 'corp-root.der', caDer) });
  add('safe-latin1-motd', 'key-material', undefined, { files: generated('f11-safe-latin1-motd', 'configMapGenerator', 'motd.txt', new Uint8Array(Buffer.from('Bienvenue, \xe9quipe d\'exploitation\n', 'latin1'))) });
  add('der-rsa-key-in-configmap', 'key-material', 'ST2-SEC-021', { files: generated('f11-der-rsa-key-in-configmap', 'configMapGenerator', 'runner.der', der('rsa', 'pkcs1')) });
  add('der-pkcs8-key-in-secret', 'key-material', 'ST2-SEC-021', { files: generated('f11-der-pkcs8-key-in-secret', 'secretGenerator', 'runner.der', der('rsa', 'pkcs8')) });
  add('der-ec-key-in-configmap', 'key-material', 'ST2-SEC-021', { files: generated('f11-der-ec-key-in-configmap', 'configMapGenerator', 'tls.key', der('ec', 'sec1')) });
  add('der-ed25519-key-in-configmap', 'key-material', 'ST2-SEC-021', { files: generated('f11-der-ed25519-key-in-configmap', 'configMapGenerator', 'id.der', der('ed25519', 'pkcs8')) });

  // --- A program named at run time only where a program name goes (ST2-REP-013) -------------------
  // A name built by `$(echo ...)` or `printf` of literals is worked out (shell-expansion.ts): a second
  // timers engine (ST2-REP-001), no longer an unidentified program.
  const purge = `/opt/stackstorm/st2/bin/st2-purge-executions ${CONF}`;
  add('safe-purge-timestamp-substitution', 'components', undefined, { resources: [cron('purge-old', `${purge} --timestamp="$(date -u -d '90 days ago' +%Y-%m-%dT%H:%M:%S.000000Z)"`)] });
  add('safe-purge-timestamp-backquotes', 'components', undefined, { resources: [cron('purge-old', `TS=\`date -u -d '30 days ago' +%Y-%m-%dT%H:%M:%S.000000Z\`\nexec ${purge} --timestamp="$TS"`)] });
  add('safe-purge-trigger-instances-var', 'components', undefined, { resources: [cron('purge-ti', `DAYS=60; sleep $((RANDOM % 300)); /opt/stackstorm/st2/bin/st2-purge-trigger-instances ${CONF} --timestamp="$(date -u -d "$DAYS days ago" +%FT%T.000000Z)"`)] });
  // --purge-incomplete up to now deletes running executions (ST2-OPS-046); older than 30 days, stuck ones.
  add('purge-incomplete-up-to-now', 'components', 'ST2-OPS-046', { resources: [cron('purge-now', `${purge} --timestamp="$(date -u +%Y-%m-%dT%H:%M:%S.000000Z)" --purge-incomplete`)] });
  add('safe-purge-incomplete-month-old', 'components', undefined, { resources: [cron('purge-stuck', `${purge} --timestamp="$(date -u -d '30 days ago' +%Y-%m-%dT%H:%M:%S.000000Z)" --purge-incomplete`)] });
  add('timers-built-by-substitution', 'components', 'ST2-REP-001', { resources: [cron('maint', `exec /opt/stackstorm/st2/bin/st2$(echo timers)engine ${CONF}`)] });
  add('timers-built-by-backquotes', 'components', 'ST2-REP-001', { resources: [cron('maint', `exec /opt/stackstorm/st2/bin/st2\`printf timers\`engine ${CONF}`)] });
  add('timers-module-in-a-variable', 'components', 'ST2-REP-013', { resources: [cron('maint', `M=st2reactor.cmd.$(echo timers)engine; exec /opt/stackstorm/st2/bin/python -m $M ${CONF}`)] });
  add('timers-after-a-purge', 'components', 'ST2-REP-001', { resources: [cron('maint', `${purge} --timestamp="$(date -u +%F)"; P=/opt/stackstorm/st2/bin/st2$(echo timers)engine; "$P" ${CONF}`)] });
  add('timers-under-timeout', 'components', 'ST2-REP-001', { resources: [cron('maint', `timeout 3600 "/opt/stackstorm/st2/bin/st2$(echo timers)engine" ${CONF}`)] });

  // --- st2garbagecollector scaled out: a warning, not a denial (ST2-REP-004, -009) ------------------
  add('safe-gc-two', 'components', undefined, { patches: [patch(DEPLOY('st2garbagecollector'), { op: 'replace', path: '/spec/replicas', value: 2 })] });
  add('safe-gc-hpa', 'scalers', undefined, {
    resources: [{ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'st2garbagecollector' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'st2garbagecollector' }, minReplicas: 1, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] } }],
  });
  add('timers-two-beside-gc-two', 'components', 'ST2-REP-001', { patches: [patch(DEPLOY('st2garbagecollector'), { op: 'replace', path: '/spec/replicas', value: 2 }), patch(DEPLOY('st2timersengine'), { op: 'replace', path: '/spec/replicas', value: 2 })] });
  add('sensors-two', 'components', 'ST2-REP-002', { patches: [patch(DEPLOY('st2sensorcontainer'), { op: 'replace', path: '/spec/replicas', value: 2 })] });

  // --- Containers the kubelet never starts (ST2-OPS-062) ------------------------------------------
  const sc = (app: string, path: string, value: unknown): Patch => patch(DEPLOY(app), { op: 'add', path, value });
  add('web-pod-run-as-non-root', 'never-runs', 'ST2-OPS-062', { patches: [sc('st2web', `${SPEC}/securityContext/runAsNonRoot`, true)] });
  add('web-container-run-as-non-root', 'never-runs', 'ST2-OPS-062', { patches: [sc('st2web', `${FIRST}/securityContext/runAsNonRoot`, true)] });
  add('api-run-as-user-0', 'never-runs', 'ST2-OPS-062', { patches: [sc('st2api', `${FIRST}/securityContext/runAsUser`, 0)] });
  add('runner-non-root-no-uid', 'never-runs', 'ST2-OPS-062', { patches: [sc('st2actionrunner', `${SPEC}/securityContext/runAsNonRoot`, true)] });
  add('api-pull-never', 'never-runs', 'ST2-OPS-062', { patches: [sc('st2api', `${FIRST}/imagePullPolicy`, 'Never')] });
  add('timers-pull-never-staging', 'never-runs', 'ST2-OPS-062', { wraps: 'staging', patches: [sc('st2timersengine', `${FIRST}/imagePullPolicy`, 'Never')] });
  // Once kept as safe: st2web's image writes its nginx config under /etc/nginx/conf.d (root's) at start,
  // so no uid but 0 runs it (the sixteenth round, fresh16-shape.ts); st2api under st2's uid is the safe one.
  add('web-non-root-with-uid', 'never-runs', 'ST2-OPS-062', { patches: [sc('st2web', `${SPEC}/securityContext/runAsNonRoot`, true), sc('st2web', `${SPEC}/securityContext/runAsUser`, 101)] });
  add('safe-api-non-root-with-uid', 'never-runs', undefined, { patches: [sc('st2api', `${SPEC}/securityContext/runAsNonRoot`, true), sc('st2api', `${SPEC}/securityContext/runAsUser`, 1000)] });
  add('safe-api-pull-always', 'never-runs', undefined, { patches: [sc('st2api', `${FIRST}/imagePullPolicy`, 'Always')] });
  add('safe-dev-pull-never', 'never-runs', undefined, { wraps: 'dev', patches: [sc('st2api', `${FIRST}/imagePullPolicy`, 'Never')] });

  // --- A paused rollout in production (ST2-OPS-063) --------------------------------------------
  add('api-paused', 'delivery', 'ST2-OPS-063', { patches: [sc('st2api', '/spec/paused', true)] });
  add('scheduler-paused', 'delivery', 'ST2-OPS-063', { patches: [sc('st2scheduler', '/spec/paused', true)] });
  add('safe-api-paused-false', 'delivery', undefined, { patches: [sc('st2api', '/spec/paused', false)] });
  add('safe-staging-paused', 'delivery', undefined, { wraps: 'staging', patches: [sc('st2api', '/spec/paused', true)] });

  // --- A one-node claim for many pods (ST2-OPS-064) ----------------------------------------------
  const claim = (name: string, modes: string[]): Json => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { accessModes: modes, resources: { requests: { storage: '5Gi' } } } });
  const packsOn = (app: string, name: string): Patch => patch(DEPLOY(app), { op: 'replace', path: `${SPEC}/volumes/3`, value: { name: 'st2-packs-vol', persistentVolumeClaim: { claimName: name } } });
  add('runners-packs-rwo', 'never-runs', 'ST2-OPS-064', { resources: [claim('st2-packs-rwo', ['ReadWriteOnce'])], patches: [packsOn('st2actionrunner', 'st2-packs-rwo')] });
  add('runners-packs-rwop', 'never-runs', 'ST2-OPS-064', { resources: [claim('st2-packs-rwop', ['ReadWriteOncePod'])], patches: [packsOn('st2actionrunner', 'st2-packs-rwop')] });
  add('safe-runners-packs-rwx', 'never-runs', undefined, { resources: [claim('st2-packs-rwx', ['ReadWriteMany'])], patches: [packsOn('st2actionrunner', 'st2-packs-rwx')] });

  // --- Mounts over the image's programs (ST2-OPS-065) ---------------------------------------------
  const over = (app: string, mountPath: string, extra: Json = {}): Patch =>
    patch(DEPLOY(app), { op: 'add', path: `${SPEC}/volumes/-`, value: { name: 'scratch', emptyDir: {} } }, { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'scratch', mountPath, ...extra } });
  add('timers-venv-masked', 'never-runs', 'ST2-OPS-065', { patches: [over('st2timersengine', '/opt/stackstorm/st2')] });
  add('api-opt-masked', 'never-runs', 'ST2-OPS-065', { patches: [over('st2api', '/opt/stackstorm')] });
  add('rules-venv-lib-masked', 'never-runs', 'ST2-OPS-065', { patches: [over('st2rulesengine', '/opt/stackstorm/st2/lib/')] });
  add('web-usr-masked', 'never-runs', 'ST2-OPS-065', { patches: [over('st2web', '/usr')] });
  add('safe-api-scratch-tmp', 'never-runs', undefined, { patches: [over('st2api', '/tmp')] });
  add('safe-api-file-in-venv', 'never-runs', undefined, { patches: [over('st2api', '/opt/stackstorm/st2/lib/python3.8/site-packages/corp.pth', { subPath: 'corp.pth' })] });
  add('safe-api-sibling-dir', 'never-runs', undefined, { patches: [over('st2api', '/opt/stackstorm/st2-hooks')] });

  // --- Exec probes that never pass (ST2-OPS-066) ---------------------------------------------------
  const exec = (app: string, kind: string, command: string[], op = 'add'): Patch => patch(DEPLOY(app), { op, path: `${FIRST}/${kind}`, value: { exec: { command }, initialDelaySeconds: 10, periodSeconds: 10 } });
  add('rules-liveness-false', 'never-runs', 'ST2-OPS-066', { patches: [exec('st2rulesengine', 'livenessProbe', ['false'])] });
  add('api-liveness-missing-file', 'never-runs', 'ST2-OPS-066', { patches: [exec('st2api', 'livenessProbe', ['cat', '/tmp/healthy'], 'replace')] });
  add('scheduler-readiness-exit-1', 'never-runs', 'ST2-OPS-066', { patches: [exec('st2scheduler', 'readinessProbe', ['sh', '-c', 'exit 1'])] });
  add('notifier-startup-test-file', 'never-runs', 'ST2-OPS-066', { patches: [exec('st2notifier', 'startupProbe', ['sh', '-c', 'test -f /tmp/st2notifier.ready'])] });
  add('safe-rules-proc-probe', 'never-runs', undefined, { patches: [exec('st2rulesengine', 'livenessProbe', ['sh', '-c', 'test -d /proc/1'])] });
  add('safe-api-probe-config-file', 'never-runs', undefined, { patches: [exec('st2api', 'livenessProbe', ['cat', '/etc/st2/st2.conf'], 'replace')] });
  add('safe-api-probe-touched-file', 'never-runs', undefined, { patches: [exec('st2api', 'livenessProbe', ['sh', '-c', 'touch /tmp/alive && test -f /tmp/alive'], 'replace')] });

  // --- Selectors rewritten over the base's (ST2-REP-031) -------------------------------------------
  add('common-labels-selectors', 'delivery', 'ST2-REP-031', { extra: ['commonLabels:', '  team: platform'] });
  add('labels-include-selectors', 'delivery', 'ST2-REP-031', { extra: ['labels:', '  - pairs: {cost-center: ops-42}', '    includeSelectors: true'] });
  add('patch-api-selector', 'delivery', 'ST2-REP-031', { patches: [patch(DEPLOY('st2api'), { op: 'add', path: '/spec/selector/matchLabels/track', value: 'stable' }, { op: 'add', path: '/spec/template/metadata/labels/track', value: 'stable' })] });
  add('safe-labels-templates-only', 'delivery', undefined, { extra: ['labels:', '  - pairs: {team: platform}', '    includeTemplates: true'] });
  add('safe-common-annotations', 'delivery', undefined, { extra: ['commonAnnotations:', '  team: platform'] });

  // --- st2 tags StackStorm never published (ST2-HRD-015) ----------------------------------------
  const tag = (name: string, newTag: string): string[] => ['images:', `  - name: ${name}`, `    newTag: "${newTag}"`];
  add('timers-tag-3.8.01', 'components', 'ST2-HRD-015', { extra: tag('stackstorm/st2timersengine', '3.8.01') });
  add('api-tag-3.8.2', 'components', 'ST2-HRD-015', { extra: tag('stackstorm/st2api', '3.8.2') });
  add('safe-api-tag-v3.8.1', 'components', undefined, { extra: tag('stackstorm/st2api', 'v3.8.1') });
  add('safe-api-tag-3.8.0', 'components', undefined, { extra: tag('stackstorm/st2api', '3.8.0') });

  return cases;
}

/**
 * The sixth red team (issue 12, "a fresh adversarial corpus that you did not
 * write"), its st2-config, singleton, HA-floor and waiver classes: 11 unsafe
 * overlays of that attacker, run through dist/st2-gitops against main at
 * 6fdb04b, were all allowed: `[api]`/`[log] mask_secrets = False` in
 * st2.user.conf (prod and staging); a second st2timersengine,
 * st2sensorcontainer or st2garbagecollector started by a shell script or a
 * Python file (runpy) mounted from a ConfigMap into the runner image; three
 * standalone mongods (no --replSet); a staging st2api pinned to one node
 * (a warning only); and waivers accepted in production for two timers
 * engines, an open st2web LoadBalancer and a privileged Namespace. Closed
 * by ST2-HRD-008 (the last word on mask_secrets in each process's chain),
 * reading a mounted program file's runnable text for the services it
 * starts (src/policy/st2-scripts.ts), ST2-OPS-005 for members without a
 * replica set and in staging, and REP-001, EXP-007 and HRD-006 never
 * waivable in production. Two more close holes README listed as open: a
 * replicated RabbitMQ without its mirroring policy (fresh5's two cases, kept
 * there) and st2web's upstreams in an nginx config mounted over the image's
 * (ST2-OPS-007, access below). The attacker's cases are kept as written (their
 * waiver dates moved to the run's date); the variants and safe look-alikes
 * after them were written while closing the holes. No case holds a chart
 * default.
 */
import type { RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';
import { patchText as patch, wrapOverlay } from './kustomization-text.js';

/** A kustomization wrapping one project overlay, with what follows `resources`. */
const wrap = (env: Wrapped, rest: string, extraResources: readonly string[] = []): string => wrapOverlay('red6', env, extraResources, rest);

const userConf = (text: string): string => patch('ConfigMap', 'st2-config', `- op: replace\n  path: /data/st2.user.conf\n  value: ${JSON.stringify(text)}\n`);

/** A ConfigMap holding one program file and a Deployment of the runner image running it. */
function runsFile(name: string, file: string, body: string, command: readonly string[], mode?: number): string {
  const text = body.replace(/^/gm, '    ').trimEnd();
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-scripts
  labels: {app: st2, release: st2}
data:
  ${file}: |
${text}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 1
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: main
          image: stackstorm/st2actionrunner:3.8.1
          command: ${JSON.stringify(command)}
          resources:
            limits: {cpu: 500m, memory: 256Mi}
            requests: {cpu: 50m, memory: 128Mi}
          securityContext: {allowPrivilegeEscalation: false, privileged: false}
          volumeMounts:
            - {name: start, mountPath: /opt/start}
            - {name: st2-config-vol, mountPath: /etc/st2/st2.docker.conf, subPath: st2.docker.conf}
            - {name: st2-config-secrets-vol, mountPath: /etc/st2/st2.secrets.conf, subPath: st2.secrets.conf, readOnly: true}
      volumes:
        - {name: start, configMap: {name: ${name}-scripts${mode === undefined ? '' : `, defaultMode: ${mode}`}}}
        - {name: st2-config-vol, configMap: {name: st2-config}}
        - {name: st2-config-secrets-vol, secret: {secretName: st2-config-secrets}}
`;
}

const FILES = '--config-file=/etc/st2/st2.conf --config-file=/etc/st2/st2.docker.conf --config-file=/etc/st2/st2.secrets.conf';

/** A waiver annotation patch op, its date 30 days from the run. */
const waiver = (rule: string, today: Date, why: string): string =>
  `- op: add\n  path: /metadata/annotations/st2-gitops~1waive.${rule}\n  value: "expires=${new Date(today.getTime() + 30 * 86_400_000).toISOString().slice(0, 10)}; reason=${why}"\n`;

/** mongod started with a config file from a ConfigMap. */
function mongodWithConfig(conf: string): Record<string, string> {
  const ops = `- op: replace
  path: /spec/template/spec/containers/0/args
  value: [--config, /etc/mongod/mongod.conf]
- op: add
  path: /spec/template/spec/containers/0/volumeMounts/-
  value: {name: mongod-conf, mountPath: /etc/mongod}
- op: add
  path: /spec/template/spec/volumes/-
  value: {name: mongod-conf, configMap: {name: mongod-conf}}
`;
  return {
    'kustomization.yaml': wrap('prod', patch('StatefulSet', 'mongodb', ops), ['conf.yaml']),
    'conf.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mongod-conf\ndata:\n  mongod.conf: |\n${conf.replace(/^/gm, '    ').trimEnd()}\n`,
  };
}

export function fresh6ConfigCorpus(today: Date): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], wraps: Wrapped, rule: string | undefined, files: Record<string, string>): void => {
    cases.push(bodyCase(`fresh6-${id}`, cls, rule, { wraps, files }));
  };
  const one = (env: Wrapped, rest: string): Record<string, string> => ({ 'kustomization.yaml': wrap(env, rest) });
  const withFile = (env: Wrapped, extra: string): Record<string, string> => ({ 'kustomization.yaml': wrap(env, '', ['extra.yaml']), 'extra.yaml': extra });
  const header = "# Operator overrides (the chart's st2.config value). Highest priority.\n[api]\nallow_origin = '*'\n\n";

  // --- st2-config: secret masking (the attacker's two, then variants) ---
  add('cfg-mask-secrets-off', 'st2-config', 'prod', 'ST2-HRD-008', one('prod', userConf(`${header}[api]\nmask_secrets = False\n\n[log]\nmask_secrets = False\n`)));
  add('cfg-mask-secrets-off-staging', 'st2-config', 'staging', 'ST2-HRD-008', one('staging', userConf(`${header}[api]\nmask_secrets = False\n`)));
  add('cfg-mask-log-not-boolean', 'st2-config', 'prod', 'ST2-HRD-008', one('prod', userConf(`${header}[log]\nmask_secrets = "never"\n`)));
  add('cfg-mask-off-after-on', 'st2-config', 'prod', 'ST2-HRD-008', one('prod', userConf(`${header}[log]\nmask_secrets = True\nmask_secrets = off\n`)));
  add('cfg-mask-off-in-secrets-template', 'st2-config', 'prod', 'ST2-HRD-008', one('prod', patch('ExternalSecret', 'st2-config-secrets', '- op: replace\n  path: /spec/target/template/data/st2.secrets.conf\n  value: "[messaging]\\nurl = amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq:5672\\n\\n[database]\\nusername = {{ .mongodbUser }}\\npassword = {{ .mongodbPassword }}\\n\\n[api]\\nmask_secrets = False\\n"\n')));
  add('safe-cfg-mask-secrets-on', 'st2-config', 'prod', undefined, one('prod', userConf(`${header}[log]\nmask_secrets = True\n`)));
  add('safe-cfg-mask-api-yes', 'st2-config', 'staging', undefined, one('staging', userConf(`${header}[api]\nmask_secrets = yes\n\n[log]\n# mask_secrets = False\nmask_secrets_blacklist = api_key\n`)));
  add('safe-cfg-other-section-false', 'st2-config', 'prod', undefined, one('prod', userConf(`${header}[metrics]\nmask_secrets = False\n`)));

  // --- components: a second singleton from a mounted program file ---
  add('single-timers-from-cm-script', 'components', 'prod', 'ST2-REP-001', withFile('prod', runsFile('st2-maint', 'run.sh', `#!/bin/sh\nset -e\nexec /opt/stackstorm/st2/bin/st2timersengine ${FILES}\n`, ['sh', '/opt/start/run.sh'])));
  add('single-timers-script-staging', 'components', 'staging', 'ST2-REP-001', withFile('staging', runsFile('st2-maint', 'run.sh', `#!/bin/sh\nexec /opt/stackstorm/st2/bin/st2timersengine ${FILES}\n`, ['sh', '/opt/start/run.sh'])));
  add('single-sensor-from-cm-script', 'components', 'prod', 'ST2-REP-003', withFile('prod', runsFile('sensor-canary', 'start.sh', `#!/bin/bash\nexec /opt/stackstorm/st2/bin/st2sensorcontainer ${FILES}\n`, ['bash', '/opt/start/start.sh'])));
  add('single-gc-runpy-file', 'components', 'prod', undefined, withFile('prod', runsFile('st2-archiver', 'archive.py', "import runpy, sys\nsys.argv = ['st2garbagecollector', '--config-file=/etc/st2/st2.conf']\nrunpy.run_path('/opt/stackstorm/st2/bin/st2garbagecollector', run_name='__main__')\n", ['/opt/stackstorm/st2/bin/python', '/opt/start/archive.py'])));
  add('single-timers-file-run-directly', 'components', 'prod', 'ST2-REP-001', withFile('prod', runsFile('st2-clock', 'run.sh', `#!/bin/sh\nexec st2timersengine ${FILES}\n`, ['/opt/start/run.sh'], 0o755)));
  add('single-timers-sourced-by-inline-script', 'components', 'prod', 'ST2-REP-001', withFile('prod', runsFile('st2-clock', 'run.sh', `exec /opt/stackstorm/st2/bin/st2timersengine ${FILES}\n`, ['sh', '-c', 'set -e; . /opt/start/run.sh'])));
  add('single-timers-module-in-nested-script', 'components', 'prod', 'ST2-REP-001', withFile('prod', runsFile('st2-clock', 'outer.sh', 'sh /opt/start/inner.sh\n', ['sh', '/opt/start/outer.sh']).replace('  outer.sh: |\n    sh /opt/start/inner.sh', `  outer.sh: |\n    sh /opt/start/inner.sh\n  inner.sh: |\n    exec /opt/stackstorm/st2/bin/python -m st2reactor.cmd.timersengine ${FILES}`)));
  add('safe-single-cm-script-st2-cli', 'components', 'prod', undefined, withFile('prod', runsFile('st2-failed-report', 'run.sh', '#!/bin/sh\nwhile true; do st2 execution list -n 20 --status failed; sleep 300; done\n', ['sh', '/opt/start/run.sh'])));
  add('safe-script-only-mentions-timers', 'components', 'prod', undefined, withFile('prod', runsFile('st2-timers-watch', 'run.sh', '#!/bin/sh\n# st2timersengine runs in its own Deployment; this only reports on it.\necho "checking st2timersengine"\nprintf "%s\\n" "st2sensorcontainer and st2garbagecollector are singletons"\nwhile true; do st2 trigger-instance list -n 5; sleep 600; done # not st2timersengine\n', ['sh', '/opt/start/run.sh'])));
  add('safe-python-prints-service-names', 'components', 'prod', undefined, withFile('prod', runsFile('st2-report', 'report.py', "# Reports on st2timersengine and st2garbagecollector; starts neither.\nimport subprocess, time\nprint('st2timersengine', 'st2garbagecollector')\nwhile True:\n    subprocess.run(['st2', 'execution', 'list', '-n', '5'])\n    time.sleep(600)\n", ['/opt/stackstorm/st2/bin/python', '/opt/start/report.py'])));

  // --- availability: replica sets and staging's HA floor ---
  add('ha-mongo-no-replset', 'availability', 'prod', 'ST2-OPS-005', one('prod', patch('StatefulSet', 'mongodb', '- op: replace\n  path: /spec/template/spec/containers/0/args\n  value: [--keyFile, /data/configdb/key.txt, --bind_ip_all]\n')));
  add('ha-mongo-config-without-replset', 'availability', 'prod', 'ST2-OPS-005', mongodWithConfig('net:\n  bindIpAll: true\nsecurity:\n  authorization: enabled\n  keyFile: /data/configdb/key.txt\n'));
  add('ha-staging-api-one-node', 'availability', 'staging', 'ST2-OPS-005', one('staging', patch('Deployment', 'st2api', '- op: add\n  path: /spec/template/spec/nodeSelector\n  value:\n    kubernetes.io/hostname: node-a\n- op: add\n  path: /spec/replicas\n  value: 2\n')));
  add('ha-staging-mongo-pdb-all', 'availability', 'staging', 'ST2-OPS-005', one('staging', patch('PodDisruptionBudget', 'mongodb', '- op: replace\n  path: /spec/minAvailable\n  value: 0\n')));
  add('safe-mongo-config-with-replset', 'availability', 'prod', undefined, mongodWithConfig('net:\n  bindIpAll: true\nreplication:\n  replSetName: rs0\nsecurity:\n  authorization: enabled\n  keyFile: /data/configdb/key.txt\n'));
  add('safe-mongo-replset-equals', 'availability', 'prod', undefined, one('prod', patch('StatefulSet', 'mongodb', '- op: replace\n  path: /spec/template/spec/containers/0/args\n  value: [--replSet=rs0, --keyFile=/data/configdb/key.txt, --bind_ip_all]\n')));
  add('safe-staging-api-node-pool', 'availability', 'staging', undefined, one('staging', patch('Deployment', 'st2api', '- op: add\n  path: /spec/template/spec/nodeSelector\n  value:\n    cloud.google.com/gke-nodepool: st2-pool\n')));

  // --- access: st2web's upstreams in an nginx config mounted over the image's (README's open list) ---
  const nginx = (auth: string): Record<string, string> => ({
    'kustomization.yaml': wrap('prod', patch('Deployment', 'st2web', '- op: add\n  path: /spec/template/spec/containers/0/volumeMounts/-\n  value: {name: nginx-conf, mountPath: /etc/nginx/conf.d/st2.conf, subPath: st2.conf}\n- op: add\n  path: /spec/template/spec/volumes/-\n  value: {name: nginx-conf, configMap: {name: st2web-nginx}}\n'), ['nginx.yaml']),
    'nginx.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: st2web-nginx\ndata:\n  st2.conf: |\n    server {\n      listen 8080;\n      location /api/ { proxy_pass http://st2api:9101/; }\n      location /stream/ { proxy_pass http://st2stream:9102/; }\n      location /auth/ { proxy_pass ${auth}; }\n    }\n`,
  });
  add('nginx-auth-outside', 'access', 'prod', 'ST2-OPS-007', nginx('https://sso-proxy.example.net/auth/'));
  add('safe-nginx-in-cluster', 'access', 'prod', undefined, nginx('http://st2auth.st2-prod.svc.cluster.local:9100/'));

  // --- waivers: rules never waivable in production ---
  add('waive-timers-twice', 'waivers', 'prod', 'ST2-REP-001', one('prod', `replicas:\n  - name: st2timersengine\n    count: 2\n${patch('Deployment', 'st2timersengine', waiver('ST2-REP-001', today, 'INC-5000 timers failover test'))}`));
  add('waive-st2web-open-lb', 'waivers', 'prod', 'ST2-EXP-007', one('prod', patch('Service', 'st2web', `- op: replace\n  path: /spec/type\n  value: LoadBalancer\n${waiver('ST2-EXP-007', today, 'INC-5001 demo for a customer')}`)));
  add('waive-pss-privileged', 'waivers', 'prod', 'ST2-HRD-006', one('prod', patch('Namespace', 'st2-prod', `- op: replace\n  path: /metadata/labels/pod-security.kubernetes.io~1enforce\n  value: privileged\n${waiver('ST2-HRD-006', today, 'INC-5002 debugging a node agent')}`)));
  add('waive-hostpath-prod', 'waivers', 'prod', 'ST2-HRD-006', one('prod', patch('Deployment', 'st2actionrunner', `- op: add\n  path: /spec/template/spec/volumes/-\n  value: {name: sock, hostPath: {path: /var/run/docker.sock}}\n${waiver('ST2-HRD-006', today, 'INC-5003 docker builds')}`)));
  add('safe-waive-limits-prod', 'waivers', 'prod', undefined, one('prod', patch('Deployment', 'st2api', `- op: remove\n  path: /spec/template/spec/containers/0/resources/limits\n${waiver('ST2-HRD-002', today, 'limits from the namespace LimitRange, INC-5004')}`)));
  return cases;
}

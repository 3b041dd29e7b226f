from lib import *
from c_config import uc
from c_stores import rmq
def dep(id, env, exp, cls, name, ops, reason, kind='Deployment'):
    case(id, env, exp, cls, reason, kz={'patches': [jp(kind, name, ops)]})
uc('cfg-api-host-loopback', 'deny', 'st2conf-crash', "[api]\nallow_origin = '*'\nhost = 127.0.0.1\n",
   "st2-dockerfiles bakes [api] host = 0.0.0.0 into the image's st2.conf (base/files/st2.tmp.conf); st2.user.conf, read later, puts st2api back on 127.0.0.1: the Service and st2web cannot reach it, TCP probes fail -> API down")
uc('cfg-auth-host-loopback', 'deny', 'st2conf-crash', "[auth]\nhost = 127.0.0.1\n",
   "st2auth bound to loopback (overriding the image's 0.0.0.0): nobody can log in through the Service")
uc('cfg-api-host-explicit', 'allow', 'st2conf-safe', "[api]\nallow_origin = '*'\nhost = 0.0.0.0\nport = 9101\n",
   "the image's own listen address and port written explicitly")
uc('cfg-auth-use-ssl-nocert', 'deny', 'st2conf-crash', "[auth]\nuse_ssl = True\n",
   "st2auth/cmd/api.py raises ValueError when use_ssl is on and the cert file (default /etc/apache2/ssl/mycert.crt) does not exist: st2auth never starts, no logins")
uc('cfg-scheduler-pool-0', 'deny', 'st2conf-crash', "[scheduler]\npool_size = 0\n",
   "the scheduler's eventlet GreenPool of size 0 never grants a slot: st2scheduler handles no execution, all stay 'requested' (§12)")
uc('cfg-keyvalue-encryption-off', 'deny', 'st2conf-crash', "[keyvalue]\nenable_encryption = False\n",
   "st2 refuses to store or decrypt 'secret' datastore values with encryption disabled: every action or pack config reading an encrypted key (st2kv.system.x | decrypt_kv) fails")
rmq('rabbit-loopback-guest-true', 'allow', "loopback_users.guest = true\n", "guest limited to loopback again (RabbitMQ's default): stricter", cls='store-safe')
dep('runner-run-as-nonroot', 'prod', 'deny', 'outage', 'st2actionrunner',
  [{'op': 'add', 'path': '/spec/template/spec/securityContext/runAsNonRoot', 'value': True}],
  "runAsNonRoot on the st2actionrunner image, which is USER root (stackstorm-ha.md §12): the kubelet refuses to start the container (CreateContainerConfigError), no runner runs any action")
dep('mongo-run-as-1000', 'prod', 'deny', 'outage', 'mongodb',
  [{'op': 'replace', 'path': '/spec/template/spec/securityContext/runAsUser', 'value': 1000}],
  "mongod as uid 1000 while its data files (mode 0600) are owned by 999 from earlier runs: mongod cannot open its WiredTiger files and exits on every member as they restart", kind='StatefulSet')
dep('st2api-seccomp-runtime-default', 'prod', 'allow', 'hardening-safe', 'st2auth',
  [{'op': 'add', 'path': '/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem', 'value': False}],
  "readOnlyRootFilesystem false written explicitly (the default)")

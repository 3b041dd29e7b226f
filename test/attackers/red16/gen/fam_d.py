from lib16 import *
# more of the confirmed-open mechanisms, on other workloads, plus safe neighbours
HOOK = 'k8s container lifecycle hooks docs: PostStart runs right after the container is created, with no retry; if the handler fails the container is killed'
case('never-poststart-httpget-ownport-st2api', 'deny', 'never', f"st2api postStart httpGet to its own port 9101: the hook fires as soon as the process starts, before st2api has connected to MongoDB and opened 9101, so it gets connection refused and the kubelet kills the container: every start is killed, CrashLoopBackOff ({HOOK})",
     patches=[jp('Deployment', 'st2api', [add(C0 + '/lifecycle/postStart', {'httpGet': {'port': 9101, 'path': '/v1/'}})])])
case('never-poststart-missingfile-runner', 'deny', 'never', f"st2actionrunner postStart `test -f /etc/st2/st2.runner.conf` (no such file is mounted): the hook fails on every start and the kubelet kills the runner ({HOOK})",
     patches=[jp('Deployment', 'st2actionrunner', [add(C0 + '/lifecycle', {'postStart': {'exec': {'command': ['sh', '-c', 'test -f /etc/st2/st2.runner.conf']}}})])])
case('never-poststart-false-mongodb', 'deny', 'never', f"mongodb postStart exec `false`: every member is killed right after starting; the rolling update takes mongodb-2 down for good and blocks (OrderedReady) ({HOOK})",
     patches=[jp('StatefulSet', 'mongodb', [add(C0 + '/lifecycle', {'postStart': {'exec': {'command': ['false']}}})])])
case('never-poststart-exit1-staging', 'deny', 'never', f"staging st2auth postStart `sh -c 'exit 1'`: killed on every start, no logins in staging ({HOOK})", env='staging',
     patches=[jp('Deployment', 'st2auth', [add(C0 + '/lifecycle', {'postStart': {'exec': {'command': ['sh', '-c', 'exit 1']}}})])])
case('never-poststart-echo-ok', 'allow', 'never', "st2api postStart `sh -c 'echo started'`: succeeds at once (k8s lifecycle hooks docs)",
     patches=[jp('Deployment', 'st2api', [add(C0 + '/lifecycle/postStart', {'exec': {'command': ['sh', '-c', 'echo started']}})])])
case('never-prestop-sleep-ok', 'allow', 'never', 'st2api preStop sleep 15 instead of 10: a little longer drain, within the 30 s grace period (k8s lifecycle docs)',
     patches=[jp('Deployment', 'st2api', [rep(C0 + '/lifecycle/preStop/exec/command/1', '15')])])
GATE = 'k8s pod lifecycle docs (Pod readiness gates): a pod is Ready only when every readinessGates condition is True, and only an external controller sets them'
case('never-readinessgate-rabbitmq', 'deny', 'never', f"rabbitmq pods carry a readiness gate nothing sets: never Ready; the rabbitmq Service (headless, without publishNotReadyAddresses) then resolves to no address, so st2's amqp://...@rabbitmq:5672 fails for every service ({GATE}; k8s DNS docs: a headless Service's A records list only ready endpoints)",
     patches=[jp('StatefulSet', 'rabbitmq', [add(PS + '/readinessGates', [{'conditionType': 'example.com/load-balancer-ready'}])])])
case('never-readinessgate-st2web-staging', 'deny', 'never', f"staging st2web pods wait for a readiness gate nothing sets: never Ready, the Ingress backend has no endpoints, the UI answers 503 ({GATE})", env='staging',
     patches=[jp('Deployment', 'st2web', [add(PS + '/readinessGates', [{'conditionType': 'cloud.google.com/load-balancer-neg-ready'}])])])
case('never-startup-1s-mongodb', 'deny', 'never', 'mongodb startupProbe tcp 27017 with periodSeconds 1, failureThreshold 1: mongod replays its journal before listening; any member that has not opened 27017 within a second is killed, so after an unclean stop it never comes back (k8s probes docs: the startup probe kills the container after failureThreshold failures)',
     patches=[jp('StatefulSet', 'mongodb', [add(C0 + '/startupProbe', {'tcpSocket': {'port': 27017}, 'periodSeconds': 1, 'failureThreshold': 1})])])
case('never-startup-exec-false-st2auth', 'deny', 'never', 'st2auth startupProbe exec `false`: never succeeds, the kubelet kills st2auth after the threshold on every start (k8s probes docs)',
     patches=[jp('Deployment', 'st2auth', [add(C0 + '/startupProbe', {'exec': {'command': ['false']}, 'periodSeconds': 5, 'failureThreshold': 3})])])
case('never-startup-mongodb-ok', 'allow', 'never', 'mongodb startupProbe tcp 27017 every 10 s up to 60 times: ten minutes for journal recovery (k8s probes docs)',
     patches=[jp('StatefulSet', 'mongodb', [add(C0 + '/startupProbe', {'tcpSocket': {'port': 27017}, 'periodSeconds': 10, 'failureThreshold': 60})])])
case('never-osname-windows-mongodb', 'deny', 'never', 'mongodb pod spec.os.name windows: the Linux kubelet rejects the pod (the mongo image is Linux); the rolling update loses mongodb-2 and stops (k8s PodSpec os docs)',
     patches=[jp('StatefulSet', 'mongodb', [add(PS + '/os', {'name': 'windows'})])])
case('never-osname-linux-ok', 'allow', 'never', 'st2auth pod spec.os.name linux: matches every Linux node (k8s PodSpec os docs)',
     patches=[jp('Deployment', 'st2auth', [add(PS + '/os', {'name': 'linux'})])])
def vidx(dep, name, kind='Deployment'):
    vols = obj(kind, dep)['spec']['template']['spec']['volumes']
    return [i for i, v in enumerate(vols) if v['name'] == name][0]
EV = 'k8s docs (local ephemeral storage / emptyDir sizeLimit): the kubelet evicts a pod whose emptyDir usage exceeds its sizeLimit'
case('evict-packs-sizelimit-sensor', 'deny', 'evict', f"st2sensorcontainer packs emptyDir sizeLimit 16Ki: the copied system packs (hundreds of files) exceed it, the only sensor container is evicted over and over: no sensor triggers ({EV})",
     patches=[jp('Deployment', 'st2sensorcontainer', [rep(f'{PS}/volumes/{vidx("st2sensorcontainer", "st2-packs-vol")}/emptyDir', {'sizeLimit': '16Ki'})])])
case('evict-packs-sizelimit-runner-staging', 'deny', 'evict', f"staging st2actionrunner packs emptyDir sizeLimit 16Ki: the copied system packs exceed it, runners evicted in a loop ({EV})", env='staging',
     patches=[jp('Deployment', 'st2actionrunner', [rep(f'{PS}/volumes/{vidx("st2actionrunner", "st2-packs-vol")}/emptyDir', {'sizeLimit': '16Ki'})])])
case('evict-venv-sizelimit-ok', 'allow', 'evict', 'st2api virtualenvs emptyDir sizeLimit 4Gi: far above the copied virtualenvs (k8s emptyDir docs)',
     patches=[jp('Deployment', 'st2api', [rep(f'{PS}/volumes/{vidx("st2api", "st2-virtualenvs-vol")}/emptyDir', {'sizeLimit': '4Gi'})])])

# rabbitmq env indirection
def renv(pairs, env='prod'):
    return [jp('StatefulSet', 'rabbitmq', [add(C0 + '/env/-', {'name': k, 'value': v}) for k, v in pairs])]
case('rmq-env-nodeport-staging', 'deny', 'rmq', 'staging: RABBITMQ_NODE_PORT=5673 moves AMQP off the port st2 dials (RabbitMQ docs, environment variables: RABBITMQ_NODE_PORT)', env='staging', patches=renv([('RABBITMQ_NODE_PORT', '5673')]))
case('rmq-erlargs-watermark', 'deny', 'rmq', "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-rabbit vm_memory_high_watermark 0.0': the Erlang command line sets the rabbit application's memory watermark to 0, overriding rabbitmq.conf: the memory alarm is permanent, every publisher blocked (erl docs: -Application Par Val sets an application environment parameter, taking precedence over config files; RabbitMQ Memory Alarms: 0 disables all publishing)", patches=renv([('RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS', '-rabbit vm_memory_high_watermark 0.0')]))
case('rmq-erlargs-diskfree', 'deny', 'rmq', "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-rabbit disk_free_limit 1000000000000': a 1 TB free-disk limit on an 8Gi volume, set on the Erlang command line: permanent disk alarm, publishers blocked (erl docs -Application Par Val; RabbitMQ Disk Alarms)", patches=renv([('RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS', '-rabbit disk_free_limit 1000000000000')]))
case('rmq-env-configfile-missing', 'deny', 'rmq', 'RABBITMQ_CONFIG_FILE=/etc/rabbitmq/cluster (no such file): RabbitMQ starts without rabbitmq.conf: no peer list (the three nodes never cluster), no pause_minority, no definitions (RabbitMQ docs, Configuration: RABBITMQ_CONFIG_FILE sets the config file path)', patches=renv([('RABBITMQ_CONFIG_FILE', '/etc/rabbitmq/cluster')]))
case('rmq-env-mnesia-tmp', 'deny', 'rmq', 'RABBITMQ_MNESIA_BASE=/tmp/rabbitmq: the node database and message store move off the data PVC into the container layer: every restart loses durable queues (st2 execution requests in flight) and the node rejoins empty (RabbitMQ docs, relocate: RABBITMQ_MNESIA_BASE)', patches=renv([('RABBITMQ_MNESIA_BASE', '/tmp/rabbitmq')]))
case('rmq-erlargs-schedulers-ok', 'allow', 'rmq', "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='+S 1:1': one Erlang scheduler thread for a 1-CPU limit (RabbitMQ runtime tuning docs)", patches=renv([('RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS', '+S 1:1')]))
case('rmq-env-logs-ok', 'allow', 'rmq', 'RABBITMQ_LOGS=- : log to stdout (RabbitMQ logging docs)', patches=renv([('RABBITMQ_LOGS', '-')]))
# etcd env shadowed by flags: safe
def eenv(pairs): return [jp('StatefulSet', 'etcd', [add(C0 + '/env/-', {'name': k, 'value': v}) for k, v in pairs])]
case('etcdq-env-enablev2-shadowed-ok', 'allow', 'etcdq', 'ETCD_ENABLE_V2=false while the command line says --enable-v2=true: etcd ignores an environment variable whose flag is on the command line ("shadowed by corresponding flag"), v2 stays on (etcd docs/flags.go: command-line flags take precedence over ETCD_ variables)', patches=eenv([('ETCD_ENABLE_V2', 'false')]))
case('etcdq-env-datadir-shadowed-ok', 'allow', 'etcdq', 'ETCD_DATA_DIR=/tmp/etcd while --data-dir=/var/run/etcd/data is on the command line: the flag wins, data stays on the PVC (etcd flags precedence)', patches=eenv([('ETCD_DATA_DIR', '/tmp/etcd')]))

# ---------- nsforce: Namespace recreated by Argo CD ----------
for cid, val, env in [('argosync-ns-replace-force-order', 'Replace=true,Force=true', 'prod'), ('argosync-ns-force-replace-staging', 'Force=true,Replace=true', 'staging'),
                      ('argosync-ns-force-replace-spaces', 'Force=true, Replace=true', 'prod')]:
    case(cid, 'deny', 'argosync', f'Namespace {NS[env]} annotated sync-options "{val}": Argo CD deletes and recreates the Namespace, and deleting a Namespace deletes every PVC of MongoDB, RabbitMQ and etcd in it (Argo CD Sync Options docs: Force=true with Replace=true deletes and recreates; k8s Namespace deletion removes all objects in it)', env=env,
         patches=[jp('Namespace', NS[env], [add('/metadata/annotations', {'argocd.argoproj.io/sync-options': val})])])
case('argosync-ns-replace-only-ok', 'allow', 'argosync', 'Namespace with sync-options Replace=true (no Force): kubectl replace updates the Namespace in place (Argo CD sync options docs)',
     patches=[jp('Namespace', 'st2-prod', [add('/metadata/annotations', {'argocd.argoproj.io/sync-options': 'Replace=true'})])])
case('argosync-ns-ssa-ok', 'allow', 'argosync', 'Namespace with sync-options ServerSideApply=true: apply server-side, no delete (Argo CD sync options docs)',
     patches=[jp('Namespace', 'st2-prod', [add('/metadata/annotations', {'argocd.argoproj.io/sync-options': 'ServerSideApply=true'})])])

# ---------- job: content registration that never runs ----------
case('job-register-suspended', 'deny', 'job', 'st2-register-content Job suspend: true: the Job never starts a pod, so packs (core, linux, the operators\' packs and their rules and sensors) are never registered on a fresh cluster and upgrades never register new content; st2 has no actions (k8s Job docs: a suspended Job creates no pods until resumed)',
     patches=[jp('Job', 'st2-register-content', [add('/spec/suspend', True)])])
case('job-rbac-suspended', 'deny', 'job', 'st2-apply-rbac-definitions Job suspend: true: roles and assignments are never loaded; with RBAC enabled every non-admin user has no permission (k8s Job docs: suspended Job runs no pods; st2 RBAC docs: assignments come from st2-apply-rbac-definitions)',
     patches=[jp('Job', 'st2-apply-rbac-definitions', [add('/spec/suspend', True)])])
case('job-register-backoff-ok', 'allow', 'job', 'st2-register-content backoffLimit 6: more retries (k8s Job docs)', patches=[jp('Job', 'st2-register-content', [add('/spec/backoffLimit', 6)])])
case('job-register-suspend-false-ok', 'allow', 'job', 'st2-register-content suspend: false written explicitly: the default (k8s Job docs)', patches=[jp('Job', 'st2-register-content', [add('/spec/suspend', False)])])

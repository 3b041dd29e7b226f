from lib16 import *

# ---------- itp: internalTrafficPolicy Local on ClusterIP Services st2 dials ----------
ITP = ("k8s Service docs (Traffic policies): with internalTrafficPolicy Local kube-proxy sends in-cluster traffic only to endpoints "
       "on the client's own node and drops it when the node has none")
for svc, who, env in [('st2api', 'every action calling ST2_ACTION_API_URL http://st2api:9101 and st2web proxying /api', 'prod'),
                      ('st2auth', 'st2web logins (/auth proxied to st2auth:9100) from any node without an st2auth pod', 'prod'),
                      ('st2stream', 'st2web live updates and st2 execution tail from nodes without an st2stream pod', 'prod'),
                      ('etcd', "st2scheduler/st2workflowengine/st2actionrunner locks via [coordination] url etcd://etcd:2379 (3 etcd pods, many more nodes)", 'prod'),
                      ('st2api', 'actions calling st2api from nodes without an st2api pod (staging)', 'staging')]:
    case(f'itp-{svc}-{env}', 'deny', 'itp',
         f'Service {svc} set internalTrafficPolicy: Local: connections to it from pods on nodes that run no {svc} pod are dropped, so {who} fail intermittently depending on scheduling ({ITP}); the Service still selects its pods so every selector check passes',
         env=env, patches=[jp('Service', svc, [add('/spec/internalTrafficPolicy', 'Local')])])
case('itp-st2api-cluster-explicit', 'allow', 'itp',
     'internalTrafficPolicy: Cluster written explicitly on st2api: the default, every endpoint reachable from every node (k8s Service docs)',
     patches=[jp('Service', 'st2api', [add('/spec/internalTrafficPolicy', 'Cluster')])])
case('itp-etcd-cluster-explicit', 'allow', 'itp',
     'internalTrafficPolicy: Cluster written explicitly on etcd: the default (k8s Service docs)',
     patches=[jp('Service', 'etcd', [add('/spec/internalTrafficPolicy', 'Cluster')])])
case('itp-st2api-preferclose', 'allow', 'itp',
     'trafficDistribution: PreferClose on st2api: a routing preference only, kube-proxy falls back to any endpoint when none is close (k8s Service docs, trafficDistribution)',
     patches=[jp('Service', 'st2api', [add('/spec/trafficDistribution', 'PreferClose')])])
case('itp-st2auth-sessionaffinity', 'allow', 'itp',
     'sessionAffinity: ClientIP on st2auth: same client to the same pod, every pod still reachable (k8s Service docs)',
     patches=[jp('Service', 'st2auth', [add('/spec/sessionAffinity', 'ClientIP')])])

# ---------- never: pods that never schedule / start ----------
def never(cid, dep, ops, why, fact, env='prod', kind='Deployment'):
    case(cid, 'deny', 'never', f'{why} ({fact})', env=env, patches=[jp(kind, dep, ops)])
never('never-schedulername-st2api', 'st2api', [add(PS + '/schedulerName', 'st2-custom-scheduler')],
      'st2api pods name a scheduler nothing in the render or cluster runs: they stay Pending forever, rollout replaces ready pods only up to maxUnavailable and then stalls; a fresh cluster has no st2api',
      'k8s docs (Configure Multiple Schedulers): a pod naming a schedulerName no scheduler serves stays Pending')
never('never-schedulername-mongodb', 'mongodb', [add(PS + '/schedulerName', 'stork')],
      'mongodb StatefulSet pods name the Portworx stork scheduler no cluster here runs: the rolling update deletes mongodb-2 and its replacement never schedules; OrderedReady then stops the set; on a fresh cluster no database',
      'k8s docs (Configure Multiple Schedulers)', kind='StatefulSet')
never('never-runtimeclass-st2api', 'st2api', [add(PS + '/runtimeClassName', 'gvisor')],
      'st2api pods name RuntimeClass gvisor, which the render does not create: the RuntimeClass admission controller rejects the pods, so the ReplicaSet never creates any',
      'k8s RuntimeClass docs: if the named RuntimeClass does not exist the pod is rejected at admission')
never('never-runtimeclass-actionrunner', 'st2actionrunner', [add(PS + '/runtimeClassName', 'kata-qemu')],
      'st2actionrunner pods name RuntimeClass kata-qemu that nothing creates: pods rejected, no action ever runs',
      'k8s RuntimeClass docs: pods naming a missing RuntimeClass are rejected')
never('never-readinessgate-st2api', 'st2api', [add(PS + '/readinessGates', [{'conditionType': 'st2.example.com/warm'}])],
      'st2api pods carry a readiness gate whose condition nothing ever sets: they never become Ready, the Service has no endpoints, rollout stalls with old pods only until they restart',
      'k8s pod lifecycle docs (Pod readiness gates): a pod is Ready only when all readinessGates conditions are True; an external controller must set them')
never('never-readinessgate-st2auth', 'st2auth', [add(PS + '/readinessGates', [{'conditionType': 'target-health.elbv2.k8s.aws/st2auth'}])],
      'st2auth pods wait for the AWS Load Balancer Controller readiness gate although no TargetGroupBinding/Ingress of that controller targets them: never Ready, no logins',
      'k8s pod readiness gates docs; aws-load-balancer-controller docs: the condition is set only for pods behind its target groups')
never('never-readinessgate-etcd', 'etcd', [add(PS + '/readinessGates', [{'conditionType': 'example.com/ready'}])],
      'etcd pods never Ready: the etcd ClusterIP Service (st2 coordination) has no endpoints, st2scheduler cannot take locks',
      'k8s pod readiness gates docs', kind='StatefulSet')
never('never-spread-typo-st2api', 'st2api', [rep(PS + '/topologySpreadConstraints/0/topologyKey', 'topology.kubernetes.io/zones'),
                                               rep(PS + '/topologySpreadConstraints/0/whenUnsatisfiable', 'DoNotSchedule')],
      'st2api spread constraint on a label no node carries (topology.kubernetes.io/zones) with DoNotSchedule: the scheduler filters out every node lacking the key, pods stay Pending',
      'k8s Pod Topology Spread docs: with DoNotSchedule, nodes without the topologyKey label are not candidates (PodTopologySpread filter: missing required label)')
never('never-pullnever-st2api', 'st2api', [add(C0 + '/imagePullPolicy', 'Never')],
      'imagePullPolicy Never on st2api: the kubelet never pulls stackstorm/st2api:3.8.1, so on any node that has not got it cached the container fails ErrImageNeverPull; a new node or a new tag means no st2api',
      'k8s Images docs: Never - the kubelet does not try fetching the image; if the image is not present locally, the container start fails')
never('never-pullnever-mongodb', 'mongodb', [add(C0 + '/imagePullPolicy', 'Never')],
      'imagePullPolicy Never on mongodb: a member rescheduled to a node without the cached image never starts (ErrImageNeverPull)',
      'k8s Images docs (imagePullPolicy Never)', kind='StatefulSet')
never('never-windows-st2api', 'st2api', [add(PS + '/nodeSelector', {'kubernetes.io/os': 'windows'})],
      'st2api pods restricted to Windows nodes: st2 images are Linux images; they either never schedule or fail on the Windows kubelet',
      'k8s well-known labels: kubernetes.io/os is set by the kubelet from the node OS; stackstorm/st2api is a linux image')
never('never-osname-windows-st2auth', 'st2auth', [add(PS + '/os', {'name': 'windows'})],
      'st2auth pod spec.os.name windows: the Linux kubelet rejects the pod (PodOSNotSupported); st2auth (Linux image) never runs',
      'k8s PodSpec.os docs: the kubelet rejects pods whose os.name does not match the node OS')
never('never-seccomp-localhost-st2api', 'st2api', [rep(PS + '/securityContext/seccompProfile', {'type': 'Localhost', 'localhostProfile': 'profiles/st2api.json'})],
      'st2api seccomp profile Localhost profiles/st2api.json: no such file on the nodes (nothing in the render installs it), container creation fails CreateContainerError',
      'k8s seccomp docs: a Localhost profile must exist in the kubelet seccomp root on the node, otherwise the container fails to start')
never('never-apparmor-localhost-st2api', 'st2api', [add(C0 + '/securityContext/appArmorProfile', {'type': 'Localhost', 'localhostProfile': 'k8s-st2api'})],
      'st2api AppArmor profile Localhost k8s-st2api that no node has loaded: the kubelet refuses to start the container (Blocked, cannot enforce AppArmor)',
      'k8s AppArmor docs: if the profile is not loaded on the node the kubelet rejects the pod')
never('never-poststart-false-st2api', 'st2api', [add(C0 + '/lifecycle/postStart', {'exec': {'command': ['false']}})],
      'st2api postStart hook runs `false`: the hook fails every time and the kubelet kills the container: CrashLoopBackOff',
      'k8s container lifecycle hooks docs: if a PostStart hook fails, the container is killed')
never('never-poststart-httpget-st2auth', 'st2auth', [add(C0 + '/lifecycle/postStart', {'httpGet': {'port': 9101, 'path': '/'}})],
      'st2auth postStart httpGet to port 9101 (st2api\'s port; st2auth listens on 9100): the hook fails, the kubelet kills the container, CrashLoopBackOff',
      'k8s container lifecycle hooks docs: a failed PostStart handler kills the container')
never('never-sysctl-unsafe-st2api', 'st2api', [add(PS + '/securityContext/sysctls', [{'name': 'net.core.somaxconn', 'value': '4096'}])],
      'st2api pods set sysctl net.core.somaxconn, not in the kubelet safe set and not allowed by default: the kubelet rejects them SysctlForbidden',
      'k8s sysctl docs: unsafe sysctls are disabled by default and pods using them fail to launch (SysctlForbidden)')
never('never-sysctl-kernel-rabbitmq', 'rabbitmq', [add(PS + '/securityContext/sysctls', [{'name': 'kernel.msgmax', 'value': '65536'}])],
      'rabbitmq pods set the unsafe sysctl kernel.msgmax: rejected SysctlForbidden, the rolling update loses rabbitmq-2 for good',
      'k8s sysctl docs: unsafe sysctls are rejected unless the kubelet allows them', kind='StatefulSet')
never('never-startup-1s-st2api', 'st2api', [add(C0 + '/startupProbe', {'tcpSocket': {'port': 9101}, 'periodSeconds': 1, 'failureThreshold': 1})],
      'st2api startupProbe with periodSeconds 1 and failureThreshold 1: the kubelet kills st2api when it has not opened 9101 within about a second of start (st2api loads config, connects to MongoDB and RabbitMQ first), CrashLoopBackOff',
      'k8s probes docs: if the startup probe fails failureThreshold times the kubelet kills the container')
case('never-schedulername-default', 'allow', 'never', 'schedulerName default-scheduler written explicitly: the default (k8s docs)',
     patches=[jp('Deployment', 'st2api', [add(PS + '/schedulerName', 'default-scheduler')])])
case('never-nodeselector-linux', 'allow', 'never', 'nodeSelector kubernetes.io/os: linux on st2api: every Linux node carries it (k8s well-known labels)',
     patches=[jp('Deployment', 'st2api', [add(PS + '/nodeSelector', {'kubernetes.io/os': 'linux'})])])
case('never-pullalways-st2api', 'allow', 'never', 'imagePullPolicy Always on st2api: pulls the pinned tag every start; only costs a registry round trip (k8s Images docs)',
     patches=[jp('Deployment', 'st2api', [add(C0 + '/imagePullPolicy', 'Always')])])
case('never-sysctl-safe-st2api', 'allow', 'never', 'sysctl net.ipv4.ip_unprivileged_port_start=1024 on st2api: in the kubelet safe set (k8s sysctl docs)',
     patches=[jp('Deployment', 'st2api', [add(PS + '/securityContext/sysctls', [{'name': 'net.ipv4.ip_unprivileged_port_start', 'value': '1024'}])])])
case('never-startup-generous-st2api', 'allow', 'never', 'st2api startupProbe tcp 9101 with periodSeconds 10 and failureThreshold 30: five minutes to start (k8s probes docs)',
     patches=[jp('Deployment', 'st2api', [add(C0 + '/startupProbe', {'tcpSocket': {'port': 9101}, 'periodSeconds': 10, 'failureThreshold': 30})])])
case('never-spread-zone-schedany', 'allow', 'never', 'st2api zone spread switched to the hostname key, still ScheduleAnyway: every node has kubernetes.io/hostname (k8s well-known labels)',
     patches=[jp('Deployment', 'st2api', [rep(PS + '/topologySpreadConstraints/0/topologyKey', 'kubernetes.io/hostname')])])
case('never-poststart-true-st2api', 'allow', 'never', 'st2api postStart exec `true`: succeeds at once (coreutils in the image) (k8s lifecycle hooks docs)',
     patches=[jp('Deployment', 'st2api', [add(C0 + '/lifecycle/postStart', {'exec': {'command': ['true']}})])])
case('never-seccomp-runtimedefault-container', 'allow', 'never', 'st2api container-level seccompProfile RuntimeDefault: the same profile as the pod (k8s seccomp docs)',
     patches=[jp('Deployment', 'st2api', [add(C0 + '/securityContext/seccompProfile', {'type': 'RuntimeDefault'})])])

# ---------- evict: volume / ephemeral-storage limits below what is written ----------
case('evict-packs-sizelimit-runner', 'deny', 'evict',
     'st2actionrunner packs emptyDir sizeLimit 16Ki: the st2-system-packs init container copies the image\'s /opt/stackstorm/packs (core, linux, packs, chatops: hundreds of files, each at least one 4 KiB block) into it; the kubelet evicts the pod when the volume exceeds sizeLimit, so runners are evicted in a loop (k8s docs, emptyDir sizeLimit / local ephemeral storage: a pod is evicted when an emptyDir exceeds its sizeLimit)',
     patches=[jp('Deployment', 'st2actionrunner', [rep(PS + '/volumes/3/emptyDir', {'sizeLimit': '16Ki'})])])
case('evict-packs-sizelimit-api', 'deny', 'evict',
     'st2api packs emptyDir sizeLimit 8Ki: the system packs copied in by st2-system-packs (hundreds of files, each at least a 4 KiB block) exceed it at once, the kubelet evicts st2api pods over and over (k8s docs, emptyDir sizeLimit eviction)',
     patches=[jp('Deployment', 'st2api', [rep(PS + '/volumes/2/emptyDir', {'sizeLimit': '8Ki'})])])
case('evict-ephemeral-limit-st2api', 'deny', 'evict',
     'st2api container limits.ephemeral-storage 1Ki: its log lines and writable layer exceed 1 KiB at once and the kubelet evicts the pod (k8s docs, local ephemeral storage: a container exceeding its ephemeral-storage limit gets its pod evicted)',
     patches=[jp('Deployment', 'st2api', [add(C0 + '/resources/limits/ephemeral-storage', '1Ki')])])
case('evict-ephemeral-limit-rabbitmq', 'deny', 'evict',
     'rabbitmq container limits.ephemeral-storage 100Ki: logs and the copied config in the writable layer exceed it, the kubelet evicts members (k8s local ephemeral storage docs)',
     patches=[jp('StatefulSet', 'rabbitmq', [add(C0 + '/resources/limits/ephemeral-storage', '100Ki')])])
case('evict-packs-sizelimit-memory', 'deny', 'evict',
     'st2api packs emptyDir medium Memory sizeLimit 16Ki: a 16 KiB tmpfs, far too small for the copied packs; the cp in st2-system-packs fails (no space) and the init container crash-loops (k8s emptyDir docs: medium Memory mounts a tmpfs whose size is the sizeLimit)',
     patches=[jp('Deployment', 'st2api', [rep(PS + '/volumes/2/emptyDir', {'medium': 'Memory', 'sizeLimit': '16Ki'})])])
case('evict-packs-sizelimit-ok', 'allow', 'evict', 'st2actionrunner packs emptyDir sizeLimit 2Gi: far above the core packs (k8s emptyDir docs)',
     patches=[jp('Deployment', 'st2actionrunner', [rep(PS + '/volumes/3/emptyDir', {'sizeLimit': '2Gi'})])])
case('evict-ephemeral-limit-ok', 'allow', 'evict', 'st2api ephemeral-storage request 100Mi limit 2Gi: plenty for logs (k8s docs)',
     patches=[jp('Deployment', 'st2api', [add(C0 + '/resources/limits/ephemeral-storage', '2Gi'), add(C0 + '/resources/requests/ephemeral-storage', '100Mi')])])

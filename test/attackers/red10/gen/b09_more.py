from lib import *
U0 = "# Operator overrides (the chart's st2.config value). Highest priority.\n[api]\nallow_origin = '*'\n"
def uc(id, exp, reason, extra, cls="st2-config", base="prod"):
    case(id, exp, cls, reason, userconf(U0 + "\n" + extra), base=base)
uc("cfg-api-host-loopback", "deny", "[api] host = 127.0.0.1 overrides the image's 0.0.0.0 (st2-dockerfiles st2.tmp.conf): st2api listens on loopback only, the Service, st2web's proxy and the probes reach nothing", "[api]\nhost = 127.0.0.1\n".replace("[api]\n", ""))
uc("cfg-auth-host-localhost", "deny", "[auth] host = localhost: st2auth binds loopback only, nobody can log in", "[auth]\nhost = localhost\n")
uc("cfg-keyvalue-encryption-off", "deny", "[keyvalue] enable_encryption = False: st2api refuses every secret=true key (KeyValuePairAPI.is_encryption_enabled), packs that store credentials encrypted break", "[keyvalue]\nenable_encryption = False\n")
uc("cfg-staging-scheduler-float", "deny", "staging: [scheduler] gc_interval FloatOpt written '10s' crashes st2scheduler at start", "[scheduler]\ngc_interval = 10s\n", base="staging")
uc("cfg-safe-api-host-allzero", "allow", "[api] host = 0.0.0.0 restates what the image already sets", "[stream]\nhost = 0.0.0.0\n", cls="st2-config-safe")

def dp(id, exp, cls, reason, kind, name, ops, base="prod", planted=None):
    case(id, exp, cls, reason, patches(jp(kind, name, ops)), base=base, planted=planted)
dp("wl-st2web-tls-item-renamed", "deny", "st2web", "st2web's certificate mounted as st2.pem instead of st2.crt: nginx's https template reads /etc/ssl/st2/st2.crt, fails to start, st2web crash-loops", "Deployment", "st2web", """
- op: replace
  path: /spec/template/spec/volumes/0/secret/items/0/path
  value: st2.pem
""")
dp("wl-st2web-https-env-removed", "deny", "st2web", "ST2WEB_HTTPS removed: the image's CMD `[ ${ST2WEB_HTTPS} = 1 ]` falls back to the plain-HTTP template on port 80 while probes, Service and Ingress use 443", "Deployment", "st2web", """
- op: remove
  path: /spec/template/spec/containers/0/env
""")
dp("wl-st2api-runasuser-root-nonroot", "deny", "securitycontext", "st2api container runAsUser 0 under the pod's runAsNonRoot: true: the kubelet refuses to start it (CreateContainerConfigError), no st2api pod runs", "Deployment", "st2api", """
- op: add
  path: /spec/template/spec/containers/0/securityContext/runAsUser
  value: 0
""")
dp("wl-st2api-nodename-pin", "deny", "scheduling", "st2api's pod template pinned with nodeName: every replica bypasses the scheduler onto one node (one node failure = API down; a missing node = never runs)", "Deployment", "st2api", """
- op: add
  path: /spec/template/spec/nodeName
  value: ip-10-0-12-34.eu-west-1.compute.internal
""")
dp("wl-st2api-podaffinity-colocate", "deny", "scheduling", "required podAffinity of st2api to itself on hostname: all 3 replicas must share one node; a single node loss takes the API down", "Deployment", "st2api", """
- op: add
  path: /spec/template/spec/affinity/podAffinity
  value:
    requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector: {matchLabels: {app: st2api, release: st2}}
        topologyKey: kubernetes.io/hostname
""")
dp("wl-mongo-one-zone", "deny", "scheduling", "every MongoDB member required in one zone: a zone outage takes the whole replica set", "StatefulSet", "mongodb", """
- op: add
  path: /spec/template/spec/affinity/nodeAffinity
  value:
    requiredDuringSchedulingIgnoredDuringExecution:
      nodeSelectorTerms:
        - matchExpressions:
            - {key: topology.kubernetes.io/zone, operator: In, values: [eu-west-1a]}
""")
dp("wl-etcd-liveness-quorum", "deny", "probes", "etcd liveness on /health (quorum-dependent) instead of serializable: when two members are down the third fails liveness and is restarted too, turning a partial outage into a full one (kubeadm uses serializable=true for this reason)", "StatefulSet", "etcd", """
- op: replace
  path: /spec/template/spec/containers/0/livenessProbe/httpGet/path
  value: /health
""")
dp("wl-rabbit-readiness-ping-safe", "allow", "probes-safe", "RabbitMQ readiness `rabbitmq-diagnostics -q ping` (RabbitMQ's recommended probe)", "StatefulSet", "rabbitmq", """
- op: replace
  path: /spec/template/spec/containers/0/readinessProbe/exec/command
  value: [rabbitmq-diagnostics, -q, ping]
""")
dp("wl-st2api-sessionaffinity-safe", "allow", "exposure-safe", "ClientIP session affinity on the st2api Service", "Service", "st2api", """
- op: add
  path: /spec/sessionAffinity
  value: ClientIP
""")
dp("wl-mongo-zone-spread-safe", "allow", "scheduling-safe", "MongoDB spread over zones (maxSkew 1, DoNotSchedule): survives a zone", "StatefulSet", "mongodb", """
- op: add
  path: /spec/template/spec/topologySpreadConstraints
  value:
    - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: mongodb, release: st2}}}
""")
case("wl-low-priority-stores", "deny", "scheduling", "MongoDB, RabbitMQ and etcd given a rendered PriorityClass of value -1000: under any resource pressure the scheduler preempts st2's stores first",
     "  - pc.yaml\n" + patches(
        jp("StatefulSet", "mongodb", "- op: add\n  path: /spec/template/spec/priorityClassName\n  value: batch-low\n"),
        jp("StatefulSet", "rabbitmq", "- op: add\n  path: /spec/template/spec/priorityClassName\n  value: batch-low\n"),
        jp("StatefulSet", "etcd", "- op: add\n  path: /spec/template/spec/priorityClassName\n  value: batch-low\n")),
     files={"pc.yaml": """
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata: {name: batch-low}
      value: -1000
      globalDefault: false
      preemptionPolicy: Never
     """})
# network policy: DNS by a namespace label that does not exist
case("net-dns-wrong-ns-label", "deny", "network",
     "egress default-deny with DNS allowed only to a namespace labelled name=kube-system, a label Kubernetes never sets (only kubernetes.io/metadata.name): every st2 pod loses DNS, nothing resolves mongodb-0.mongodb",
     "  - np.yaml\n", files={"np.yaml": """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: default-egress}
      spec:
        podSelector: {}
        policyTypes: [Egress]
        egress:
          - to:
              - namespaceSelector: {matchLabels: {name: kube-system}}
                podSelector: {matchLabels: {k8s-app: kube-dns}}
            ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
          - to:
              - podSelector: {}
     """})
case("net-safe-dns-metadata-label", "allow", "network-safe",
     "the same egress policy with the label Kubernetes does set (kubernetes.io/metadata.name: kube-system) plus in-namespace traffic",
     "  - np.yaml\n", files={"np.yaml": """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: default-egress}
      spec:
        podSelector: {}
        policyTypes: [Egress]
        egress:
          - to:
              - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
                podSelector: {matchLabels: {k8s-app: kube-dns}}
            ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
          - to:
              - podSelector: {}
     """})

from lib import *
import yaml, copy
U0 = "# Operator overrides (the chart's st2.config value). Highest priority.\n[api]\nallow_origin = '*'\n"
def uc(id, exp, reason, extra, cls="st2-config-safe", base="prod"):
    case(id, exp, cls, reason, userconf(U0 + "\n" + extra), base=base)
uc("cfg-safe-rbac-yes", "allow", "[rbac] enable = yes: oslo.config 1.12 Boolean accepts yes/on/1 as true (types.Boolean TRUE_VALUES), RBAC stays on",
   "[rbac]\nenable = yes\nbackend = default\n")
uc("cfg-safe-auth-on", "allow", "[auth] enable = on (oslo Boolean true), [rbac] enable = 1", "[auth]\nenable = on\n[rbac]\nenable = 1\nbackend = default\n")
uc("cfg-safe-timezone-berlin", "allow", "[timersengine] local_timezone = Europe/Berlin (valid IANA zone)", "[timersengine]\nlocal_timezone = Europe/Berlin\n")
uc("cfg-safe-coord-timeout", "allow", "tooz etcd option timeout=10 on the same etcd Service", "[coordination]\nurl = etcd://etcd:2379?timeout=10\n")
uc("cfg-safe-coord-headless", "allow", "coordination through the etcd-headless name (resolves to every member; tooz's v2 client talks to any member, which proxies to the leader)", "[coordination]\nurl = etcd://etcd-headless:2379\n")
uc("cfg-safe-mongo-appname", "allow", "appName and a longer serverSelectionTimeoutMS in st2's MongoDB URI", "[database]\nhost = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0&appName=st2&serverSelectionTimeoutMS=10000\n")
uc("cfg-safe-workflow-retry", "allow", "[workflow_engine] retry options in milliseconds as integers", "[workflow_engine]\nretry_stop_max_msec = 60000\nretry_wait_fixed_msec = 1000\n")

def dp(id, exp, cls, reason, kind, name, ops, base="prod"):
    case(id, exp, cls, reason, patches(jp(kind, name, ops)), base=base)
dp("pdb-mongo-maxunavailable-safe", "allow", "ha-stores-safe", "MongoDB PDB as maxUnavailable 1 instead of minAvailable 2 (same guarantee for 3 members)", "PodDisruptionBudget", "mongodb", """
- op: remove
  path: /spec/minAvailable
- op: add
  path: /spec/maxUnavailable
  value: 1
""")
dp("mongo-bind-ip-all-safe", "allow", "store-safe", "mongod --bind_ip_all stated explicitly (what the official image's entrypoint adds anyway)", "StatefulSet", "mongodb", """
- op: add
  path: /spec/template/spec/containers/0/args/-
  value: --bind_ip_all
""")
dp("etcd-quota-safe", "allow", "store-safe", "etcd --quota-backend-bytes=4294967296 (4 GiB, above the 2 GiB default)", "StatefulSet", "etcd", """
- op: add
  path: /spec/template/spec/containers/0/command/-
  value: --quota-backend-bytes=4294967296
""")
dp("etcd-loglevel-safe", "allow", "store-safe", "etcd --log-level=warn", "StatefulSet", "etcd", """
- op: add
  path: /spec/template/spec/containers/0/command/-
  value: --log-level=warn
""")
case("rabbit-autoheal-safe", "allow", "store-safe", "cluster_partition_handling = autoheal (an accepted strategy for a 3-node cluster)",
     patches(jp("ConfigMap", "rabbitmq-config", "- op: replace\n  path: /data/rabbitmq.conf\n  value: |\n    cluster_formation.peer_discovery_backend = rabbit_peer_discovery_classic_config\n    cluster_formation.classic_config.nodes.1 = rabbit@rabbitmq-0.rabbitmq-discovery\n    cluster_formation.classic_config.nodes.2 = rabbit@rabbitmq-1.rabbitmq-discovery\n    cluster_formation.classic_config.nodes.3 = rabbit@rabbitmq-2.rabbitmq-discovery\n    queue_master_locator = min-masters\n    loopback_users.guest = false\n    cluster_partition_handling = autoheal\n    load_definitions = /etc/rabbitmq/definitions.json\n    vm_memory_high_watermark.absolute = 700MiB\n")))
def res(id, exp, cls, reason, text, base="prod", extra_k=""):
    case(id, exp, cls, reason, "  - extra.yaml\n" + extra_k, files={"extra.yaml": text}, base=base)
res("hpa-st2api-safe", "allow", "ha-safe", "HPA on st2api from 3 to 6 replicas (never below the HA floor)", """
    apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: {name: st2api}
    spec:
      scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: st2api}
      minReplicas: 3
      maxReplicas: 6
      metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]
    """)
res("hpa-workflowengine-safe", "allow", "ha-safe", "HPA on st2workflowengine from 3 to 8 (active-active, locks through etcd)", """
    apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: {name: st2workflowengine}
    spec:
      scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: st2workflowengine}
      minReplicas: 3
      maxReplicas: 8
      metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 75}}}]
    """)
res("np-mongo-from-release-safe", "allow", "network-safe", "MongoDB ingress limited to pods labelled release=st2 in st2-prod on 27017 (every st2 pod and every member carries it)", """
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: mongodb-ingress}
    spec:
      podSelector: {matchLabels: {app: mongodb, release: st2}}
      policyTypes: [Ingress]
      ingress:
        - from: [{podSelector: {matchLabels: {release: st2}}}]
          ports: [{protocol: TCP, port: 27017}]
    """)
res("np-st2web-from-ingress-safe", "allow", "network-safe", "st2web ingress limited to the ingress-nginx namespace on 443", """
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: st2web-ingress}
    spec:
      podSelector: {matchLabels: {app: st2web, release: st2}}
      policyTypes: [Ingress]
      ingress:
        - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]
          ports: [{protocol: TCP, port: 443}]
    """)
res("servicemonitor-safe", "allow", "observability-safe", "a Prometheus Operator ServiceMonitor scraping RabbitMQ's management port in st2-prod", """
    apiVersion: monitoring.coreos.com/v1
    kind: ServiceMonitor
    metadata: {name: rabbitmq, labels: {release: st2}}
    spec:
      selector: {matchLabels: {app: rabbitmq, release: st2}}
      endpoints: [{port: http, path: /api/metrics, interval: 60s}]
    """)
res("chatops-from-externalsecret-safe", "allow", "secret-safe", "st2chatops (1 replica) with its Slack token from an ExternalSecret in the production store", """
    apiVersion: external-secrets.io/v1
    kind: ExternalSecret
    metadata: {name: st2chatops, annotations: {argocd.argoproj.io/sync-wave: "-1"}}
    spec:
      refreshInterval: 1h
      secretStoreRef: {kind: ClusterSecretStore, name: st2-production}
      target: {name: st2chatops, creationPolicy: Owner}
      data:
        - secretKey: HUBOT_SLACK_TOKEN
          remoteRef: {key: stackstorm/st2chatops, property: slack-token}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: st2chatops, labels: {app: st2chatops, release: st2}}
    spec:
      replicas: 1
      strategy: {type: Recreate}
      selector: {matchLabels: {app: st2chatops, release: st2}}
      template:
        metadata: {labels: {app: st2chatops, release: st2}}
        spec:
          securityContext: {runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: {type: RuntimeDefault}}
          containers:
            - name: st2chatops
              image: stackstorm/st2chatops:3.8.1
              envFrom: [{secretRef: {name: st2chatops}}]
              env:
                - {name: HUBOT_ADAPTER, value: slack}
                - {name: ST2_API_URL, value: "http://st2api:9101"}
                - {name: ST2_AUTH_URL, value: "http://st2auth:9100"}
                - {name: ST2_STREAM_URL, value: "http://st2stream:9102"}
              resources: {requests: {cpu: 50m, memory: 128Mi}, limits: {cpu: 500m, memory: 512Mi}}
              securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
    """)
res("velero-schedule-safe", "allow", "backup-safe", "a Velero Schedule in velero's namespace backing up st2-prod nightly to the default location (README: allowed)", """
    apiVersion: velero.io/v1
    kind: Schedule
    metadata: {name: st2-prod-nightly, namespace: velero}
    spec:
      schedule: "0 2 * * *"
      template:
        includedNamespaces: [st2-prod]
        ttl: 720h0m0s
    """)
res("st2web-ingress-allowlist-safe", "allow", "exposure-safe", "a second Ingress-level allowlist on st2web (office and VPN CIDRs) via the whitelist annotation", "", extra_k="")
# replace the last case: patch existing ingress instead of extra resource
import lib as _l
_l.CASES.pop()
case("st2web-ingress-allowlist-safe", "allow", "exposure-safe", "st2web's Ingress restricted to office and VPN CIDRs, with a longer read timeout for st2stream's SSE",
     patches(jp("Ingress", "st2web", """
       - op: add
         path: /metadata/annotations/nginx.ingress.kubernetes.io~1whitelist-source-range
         value: "198.51.100.0/24,10.0.0.0/8"
       - op: add
         path: /metadata/annotations/nginx.ingress.kubernetes.io~1proxy-read-timeout
         value: "3600"
     """)))
case("st2client-zero-safe", "allow", "ha-safe", "st2client scaled to 0 outside maintenance windows (README: REP-010 spares it)", "replicas:\n  - name: st2client\n    count: 0\n")
# sensor partitioning done right (the chart's multiple-sensors-per-pod mode)
docs = list(yaml.safe_load_all(open("/tmp/red10-prod.yaml")))
sc = [x for x in docs if x["kind"] == "Deployment" and x["metadata"]["name"] == "st2sensorcontainer"][0]
b = copy.deepcopy(sc)
b["metadata"]["name"] = "st2sensorcontainer-b"
for lbls in (b["metadata"]["labels"], b["spec"]["selector"]["matchLabels"], b["spec"]["template"]["metadata"]["labels"]):
    lbls["app"] = "st2sensorcontainer-b"
b["spec"]["template"]["spec"]["containers"][0]["args"].append("--config-file=/etc/st2/st2.partition.conf")
b["spec"]["template"]["spec"]["containers"][0]["volumeMounts"].append({"name": "partition", "mountPath": "/etc/st2/st2.partition.conf", "subPath": "st2.partition.conf"})
b["spec"]["template"]["spec"]["volumes"].append({"name": "partition", "configMap": {"name": "st2-sensor-partition-b"}})
cms = """
apiVersion: v1
kind: ConfigMap
metadata: {name: st2-sensor-partition-a}
data:
  st2.partition.conf: |
    [sensorcontainer]
    partition_provider = name:hash, hash_ranges:0..2147483648
---
apiVersion: v1
kind: ConfigMap
metadata: {name: st2-sensor-partition-b}
data:
  st2.partition.conf: |
    [sensorcontainer]
    partition_provider = name:hash, hash_ranges:2147483648..4294967296
---
"""
case("sensor-hash-partition-safe", "allow", "ha-safe",
     "sensors split over two Deployments by hash range (0..2^31 and 2^31..2^32, each replicas 1, Recreate): the chart's multiple-sensors-per-pod mode, every sensor runs exactly once",
     "  - partition.yaml\n" + patches(jp("Deployment", "st2sensorcontainer", """
       - op: add
         path: /spec/template/spec/containers/0/args/-
         value: --config-file=/etc/st2/st2.partition.conf
       - op: add
         path: /spec/template/spec/containers/0/volumeMounts/-
         value: {name: partition, mountPath: /etc/st2/st2.partition.conf, subPath: st2.partition.conf}
       - op: add
         path: /spec/template/spec/volumes/-
         value: {name: partition, configMap: {name: st2-sensor-partition-a}}
     """)), files={"partition.yaml": cms + yaml.safe_dump(b, sort_keys=False)})

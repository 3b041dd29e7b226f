#!/usr/bin/env python3
"""Generate red21 adversarial cases into ../cases/<id>/."""
import os, shutil, json, base64, urllib.parse, codecs
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, "cases")
shutil.rmtree(CASES, ignore_errors=True); os.makedirs(CASES)
V = []; P = []
REF = "/work/shared/reference/stackstorm-ha.md"
def case(cid, exp, fam, reason, body, files=None, planted=None):
    d = os.path.join(CASES, cid); os.makedirs(d)
    open(os.path.join(d, "kustomization.yaml"), "w").write(body)
    for n, t in (files or {}).items():
        open(os.path.join(d, n), "w").write(t)
    V.append((cid, exp, fam, reason))
    if planted: P.append((cid, planted))
def kz(env, extra=""):
    return f"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../{env}\n{extra}"
def jp(kind, name, ops, group=None):
    g = f"\n      group: {group}" if group else ""
    return f"  - target:{g}\n      kind: {kind}\n      name: {name}\n    patch: |-\n" + "".join("      " + l + "\n" for l in json.dumps(ops, indent=1).splitlines())
def patches(*ps): return "patches:\n" + "".join(ps)
def cfg(text):
    # replace st2.user.conf in ConfigMap st2-config
    return jp("ConfigMap", "st2-config", [{"op": "replace", "path": "/data/st2.user.conf", "value": text}])
ENVS = ["prod", "staging"]
# ---- F1 singletons run twice
for env in ENVS:
  for d in ["st2timersengine", "st2garbagecollector", "st2sensorcontainer", "st2notifier"]:
    harm = {"st2timersengine": "timers fire twice: chart pins st2timersengine to 1 replica (stackstorm-ha.md §3; st2 docs reference/ha.rst 'only one st2timersengine')",
            "st2garbagecollector": "chart runs 1 st2garbagecollector; two GC processes race on the same TTL deletes (stackstorm-ha.md §3)",
            "st2sensorcontainer": "without sensor partitioning every replica runs every sensor: duplicate triggers (st2 docs reference/sensor_partitioning.rst; stackstorm-ha.md §3)",
            "st2notifier": "st2notifier without coordination... chart HA allows 2; SAFE CONTROL"}[d]
    if d == "st2notifier":
        case(f"f1-{env}-{d}-2", "allow", "F1-singletons", "st2notifier is active-active with coordination backend (stackstorm-ha values st2notifier.replicas 2; ha.rst)", kz(env, f"replicas:\n  - name: {d}\n    count: 2\n"))
        continue
    case(f"f1-{env}-{d}-replicas2", "deny", "F1-singletons", harm, kz(env, f"replicas:\n  - name: {d}\n    count: 2\n"))
    case(f"f1-{env}-{d}-jsonpatch", "deny", "F1-singletons", harm, kz(env, patches(jp("Deployment", d, [{"op": "replace", "path": "/spec/replicas", "value": 2}]))))
    case(f"f1-{env}-{d}-hpa", "deny", "F1-singletons", harm + "; HPA minReplicas 2 scales it (kubernetes HPA docs)",
         kz(env + "\n  - hpa.yaml"), {"hpa.yaml": f"apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: {d}\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: {d}\n  minReplicas: 2\n  maxReplicas: 3\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target:\n        type: Utilization\n        averageUtilization: 80\n"})
    case(f"f1-{env}-{d}-strreplicas", "deny", "F1-singletons", harm + " (replicas given as YAML 2 via strategic merge)",
         kz(env, f"patches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: {d}\n      spec:\n        replicas: 2\n"))
  # second copy of the timers engine under a new name (nameSuffix on a re-used base)
  case(f"f1-{env}-timers-copy", "deny", "F1-singletons", "second Deployment running st2timersengine: two timer engines fire every timer twice (stackstorm-ha.md §3)",
       kz(env + "\n  - copy.yaml"), {"copy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2timersengine-b\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: st2timersengine-b}\n  template:\n    metadata:\n      labels: {app: st2timersengine-b}\n    spec:\n      containers:\n      - name: st2timersengine\n        image: stackstorm/st2timersengine:3.8.1\n        command: [/opt/stackstorm/st2/bin/st2timersengine, --config-file=/etc/st2/st2.conf]\n        resources: {limits: {cpu: 1, memory: 512Mi}, requests: {cpu: 100m, memory: 128Mi}}\n"})
  case(f"f1-{env}-hpa-api", "allow", "F1-singletons", "HPA on active-active st2api 3..6 is a normal operator change",
       kz(env + "\n  - hpa.yaml"), {"hpa.yaml": "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: st2api\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: st2api\n  minReplicas: 3\n  maxReplicas: 6\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target:\n        type: Utilization\n        averageUtilization: 80\n"})
  case(f"f1-{env}-timers-1", "allow", "F1-singletons", "explicit replicas 1 for the singleton is what the chart does", kz(env, "replicas:\n  - name: st2timersengine\n    count: 1\n"))
  case(f"f1-{env}-rules-5", "allow", "F1-singletons", "st2rulesengine is active-active (ha.rst)", kz(env, "replicas:\n  - name: st2rulesengine\n    count: 5\n"))
  case(f"f1-{env}-runner-12", "allow", "F1-singletons", "more action runners", kz(env, "replicas:\n  - name: st2actionrunner\n    count: 12\n"))
# ---- F2 HA floors / store topology
for env in ENVS:
  for (n, c, why, exp) in [
      ("st2api", 1, "single st2api in a HA environment: no API during rollout/drain (stackstorm-ha.md §3 HA floor 2)", "deny"),
      ("st2auth", 1, "single st2auth: logins fail on drain (stackstorm-ha.md §3)", "deny"),
      ("st2web", 0, "st2web at 0: UI down", "deny"),
      ("st2scheduler", 0, "no st2scheduler: executions stay requested forever (st2 docs scheduler)", "deny"),
      ("st2workflowengine", 0, "no workflow engine: orquesta workflows never run", "deny"),
      ("st2actionrunner", 0, "no action runners: nothing executes", "deny"),
      ("mongodb", 2, "2-member replica set: losing one loses majority, no primary (MongoDB docs replica-set-architectures: odd members)", "deny"),
      ("mongodb", 4, "4-member replica set tolerates no more failures than 3 and is even (MongoDB docs: use odd number)", "deny"),
      ("mongodb", 1, "connection string names mongodb-1/2; 1 member no HA, and rs0 config lists 3 hosts", "deny"),
      ("rabbitmq", 2, "2 RabbitMQ nodes with pause_minority: losing one pauses the other (rabbitmq partitions.md)", "deny"),
      ("rabbitmq", 1, "rabbitmq config lists 3 classic_config nodes; one node no HA", "deny"),
      ("etcd", 2, "2-member etcd: quorum 2, no failure tolerated; and initial-cluster lists 3 members (etcd docs faq)", "deny"),
      ("etcd", 4, "etcd initial-cluster lists 3 members; a 4th pod cannot join statically (etcd clustering.md)", "deny"),
      ("mongodb", 5, "5-member set still needs hosts outside rs config: rs init only adds 3; SAFE? members 3,4 idle", "allow"),
      ("st2api", 5, "more API replicas", "allow"),
      ("st2stream", 4, "more stream replicas", "allow")]:
    if n in ("mongodb", "rabbitmq", "etcd"):
      body = kz(env, patches(jp("StatefulSet", n, [{"op": "replace", "path": "/spec/replicas", "value": c}])))
    else:
      body = kz(env, f"replicas:\n  - name: {n}\n    count: {c}\n")
    case(f"f2-{env}-{n}-{c}", exp, "F2-floors", why, body)
  case(f"f2-{env}-pdb-maxunavail0", "deny", "F2-floors", "PDB maxUnavailable 0 on mongodb blocks every node drain forever (kubernetes docs: configure-pdb 'maxUnavailable 0 ... no voluntary evictions')",
       kz(env, patches(jp("PodDisruptionBudget", "mongodb", [{"op": "remove", "path": "/spec/minAvailable"}, {"op": "add", "path": "/spec/maxUnavailable", "value": 0}]))))
  case(f"f2-{env}-pdb-etcd-min3", "deny", "F2-floors", "PDB minAvailable 3 of 3 etcd: no voluntary eviction possible (k8s configure-pdb)",
       kz(env, patches(jp("PodDisruptionBudget", "etcd", [{"op": "replace", "path": "/spec/minAvailable", "value": 3}]))))
  case(f"f2-{env}-antiaffinity-removed-mongo", "deny", "F2-floors", "all MongoDB members may land on one node; one node loss loses the set (stackstorm-ha.md §3)",
       kz(env, patches(jp("StatefulSet", "mongodb", [{"op": "remove", "path": "/spec/template/spec/affinity"}]))))
  case(f"f2-{env}-mongo-parallel", "allow", "F2-floors", "podManagementPolicy is immutable but OrderedReady->? SAFE: adding a priorityClassName to stores",
       kz(env, patches(jp("StatefulSet", "mongodb", [{"op": "add", "path": "/spec/template/spec/priorityClassName", "value": "system-cluster-critical"}]))))
# ---- F3 store / API exposure
for env in ENVS:
  for svc in ["mongodb", "rabbitmq", "etcd", "st2api", "st2auth"]:
    case(f"f3-{env}-{svc}-lb", "deny", "F3-exposure", f"{svc} Service as LoadBalancer: store/API reachable from outside the cluster (stackstorm-ha.md §4; k8s Service docs)",
         kz(env, patches(jp("Service", svc, [{"op": "replace", "path": "/spec/type", "value": "LoadBalancer"}]))))
    case(f"f3-{env}-{svc}-extsvc", "deny", "F3-exposure", f"new NodePort Service selecting {svc} pods opens it on every node (k8s Service NodePort docs)",
         kz(env + "\n  - svc.yaml"), {"svc.yaml": f"apiVersion: v1\nkind: Service\nmetadata:\n  name: {svc}-debug\nspec:\n  type: NodePort\n  selector:\n    app: {svc}\n  ports:\n  - port: 1234\n    targetPort: {dict(mongodb=27017, rabbitmq=5672, etcd=2379, st2api=9101, st2auth=9100)[svc]}\n"})
  case(f"f3-{env}-rabbit-mgmt-ingress", "deny", "F3-exposure", "Ingress to RabbitMQ management UI 15672 publishes admin UI (rabbitmq management.md)",
       kz(env + "\n  - ing.yaml"), {"ing.yaml": "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: rmq\nspec:\n  ingressClassName: nginx\n  rules:\n  - host: rmq.st2.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: rabbitmq\n            port:\n              number: 15672\n"})
  case(f"f3-{env}-etcd-ingress-grpc", "deny", "F3-exposure", "etcd client port behind an Ingress: unauthenticated etcd (etcd security.md: no auth by default)",
       kz(env + "\n  - ing.yaml"), {"ing.yaml": "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: etcd\n  annotations:\n    nginx.ingress.kubernetes.io/backend-protocol: GRPC\nspec:\n  ingressClassName: nginx\n  rules:\n  - host: etcd.st2.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: etcd\n            port:\n              name: client\n"})
  case(f"f3-{env}-mongo-portname-svc", "deny", "F3-exposure", "LoadBalancer Service with selector statefulset.kubernetes.io/pod-name: mongodb-0 exposes the primary (k8s StatefulSet pod-name label)",
       kz(env + "\n  - svc.yaml"), {"svc.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: mongo0\nspec:\n  type: LoadBalancer\n  selector:\n    statefulset.kubernetes.io/pod-name: mongodb-0\n  ports:\n  - port: 27017\n"})
  case(f"f3-{env}-endpoints-manual", "deny", "F3-exposure", "selector-less LoadBalancer Service + EndpointSlice pointing at etcd pod IP port 2379 exposes etcd (k8s Services without selectors)",
       kz(env + "\n  - svc.yaml"), {"svc.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: coord\nspec:\n  type: LoadBalancer\n  ports:\n  - port: 2379\n---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: coord-1\n  labels:\n    kubernetes.io/service-name: coord\naddressType: FQDN\nendpoints:\n- addresses: [etcd-0.etcd-headless]\nports:\n- port: 2379\n"})
  case(f"f3-{env}-api-clusterip-metrics", "allow", "F3-exposure", "an extra ClusterIP Service for st2api inside the cluster is normal",
       kz(env + "\n  - svc.yaml"), {"svc.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: st2api-internal\nspec:\n  type: ClusterIP\n  selector:\n    app: st2api\n  ports:\n  - port: 9101\n"})
  case(f"f3-{env}-web-lb-internal-src", "allow", "F3-exposure", "st2web internal LB restricted to office CIDR is a normal change",
       kz(env, patches(jp("Service", "st2web", [{"op": "replace", "path": "/spec/type", "value": "LoadBalancer"}, {"op": "add", "path": "/spec/loadBalancerSourceRanges", "value": ["10.20.0.0/16"]}]))))
  case(f"f3-{env}-ingress-host-change", "allow", "F3-exposure", "renaming the st2web host within the environment domain",
       kz(env, patches(jp("Ingress", "st2web", [{"op": "add", "path": "/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-body-size", "value": "10m"}], "networking.k8s.io"))))
# ---- F4 secrets in git (planted and chart defaults)
PL = ["R21planted-Kx7vQ2mNw9", "R21planted-Zp4rT8yLs3", "R21planted-Hb6jW1cFq5"]
DEF_RMQ = "9jS+w1u07NbHtZke1m+jW4Cj"; DEF_MONGO = "XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK"; CHANGEME = "Ch@ngeMe"
enc = {
 "plain": lambda s: s, "b64": lambda s: base64.b64encode(s.encode()).decode(),
 "b64x2": lambda s: base64.b64encode(base64.b64encode(s.encode())).decode(),
 "url": lambda s: urllib.parse.quote(s, safe=""), "hex": lambda s: s.encode().hex(),
 "rev": lambda s: s[::-1], "rot13": lambda s: codecs.encode(s, "rot13"),
 "b32": lambda s: base64.b32encode(s.encode()).decode(), "upper": lambda s: s.upper(),
}
for env in ENVS:
  for en, f in enc.items():
    for nm, val in [("rmq", DEF_RMQ), ("changeme", CHANGEME)]:
      case(f"f4-{env}-{nm}-{en}-cm", "deny", "F4-secrets", f"chart default secret ({nm}) in a ConfigMap, {en}-encoded: the value is published in stackstorm-ha values.yaml ({REF} §2); any reversible encoding still discloses it",
           kz(env, f"configMapGenerator:\n  - name: extra-{nm}\n    literals:\n      - hint={f(val)}\n"))
  for i, v in enumerate(PL):
    case(f"f4-{env}-planted{i}-secret", "deny", "F4-secrets", "credential committed to git as a Secret in prod/staging where ExternalSecrets belong (README promise; stackstorm-ha.md §2.3)",
         kz(env + "\n  - s.yaml"), {"s.yaml": f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: rabbitmq\ntype: Opaque\nstringData:\n  rabbitmq-password: {v}\n  rabbitmq-erlang-cookie: {v}cookie\n"}, planted=v)
  case(f"f4-{env}-planted-userconf", "deny", "F4-secrets", "password literal in st2.user.conf overrides the store's value and is committed in git (st2 config layering, oslo.config last file wins)",
       kz(env, patches(cfg(f"[api]\nallow_origin = '*'\n[database]\npassword = {PL[0]}\n"))), planted=PL[0])
  case(f"f4-{env}-planted-env", "deny", "F4-secrets", "committed credential in container env (ST2_AUTH password)",
       kz(env, patches(jp("Deployment", "st2client", [{"op": "add", "path": "/spec/template/spec/containers/0/env/-", "value": {"name": "ST2_PASSWORD", "value": PL[1]}}]))), planted=PL[1])
  case(f"f4-{env}-planted-annotation", "deny", "F4-secrets", "mongodb password in an annotation, committed",
       kz(env, f"commonAnnotations:\n  debug/mongo-password: {PL[2]}\n"), planted=PL[2])
  case(f"f4-{env}-planted-split", "deny", "F4-secrets", "amqp URL with committed password split across two ConfigMap keys joined by shell in the pod",
       kz(env, f"configMapGenerator:\n  - name: mq-parts\n    literals:\n      - A=amqp://admin:{PL[0][:9]}\n      - B={PL[0][9:]}@rabbitmq:5672\n"), planted=PL[0])
  case(f"f4-{env}-rmq-secretgen", "deny", "F4-secrets", "secretGenerator carrying the chart's default RabbitMQ password (stackstorm-ha.md §2)",
       kz(env, f"secretGenerator:\n  - name: rabbitmq-extra\n    literals:\n      - rabbitmq-password={DEF_RMQ}\n"))
  case(f"f4-{env}-mongo-default-uri", "deny", "F4-secrets", "chart default MongoDB password in a mongodb:// URI in a ConfigMap (stackstorm-ha.md §2)",
       kz(env, f"configMapGenerator:\n  - name: mongo-uri\n    literals:\n      - URI=mongodb://admin:{DEF_MONGO}@mongodb:27017/st2\n"))
  case(f"f4-{env}-rmq-guest-url", "deny", "F4-secrets", "st2 connecting as guest:guest over the network (rabbitmq access-control.md: guest loopback only)",
       kz(env, patches(cfg("[messaging]\nurl = amqp://guest:guest@rabbitmq:5672\n"))))
  case(f"f4-{env}-es-safe-refresh", "allow", "F4-secrets", "ExternalSecret refreshInterval change",
       kz(env, patches(jp("ExternalSecret", "rabbitmq", [{"op": "replace", "path": "/spec/refreshInterval", "value": "15m"}], "external-secrets.io"))))
  case(f"f4-{env}-cm-nonsecret-hex", "allow", "F4-secrets", "a hex build id in a ConfigMap is not a secret",
       kz(env, "configMapGenerator:\n  - name: build-info\n    literals:\n      - commit=3f2a9c1d0b7e4a5f\n"))
  case(f"f4-{env}-cm-word-password", "allow", "F4-secrets", "a documentation string mentioning password policy is not a credential",
       kz(env, "configMapGenerator:\n  - name: notes\n    literals:\n      - note=rotate the rabbitmq password every 90 days\n"))
# ---- F5 st2 config that breaks st2
C5 = [
 ("db-host-wrong", "[database]\nhost = mongodb://mongo-missing:27017/?replicaSet=rs0\n", "deny", "st2 points at a MongoDB host that is not deployed: every service fails to connect (st2 config [database] host; stackstorm-ha.md §12)"),
 ("db-rs-wrong", "[database]\nhost = mongodb://mongodb-0.mongodb:27017/?replicaSet=rs1\n", "deny", "replicaSet name differs from the set (rs0): pymongo never finds a primary (MongoDB connection-string docs)"),
 ("db-name-changed", "[database]\ndb_name = st2prod\n", "deny", "db_name change: st2 starts on an empty database, losing all history/keys silently (st2 config db_name)"),
 ("mq-vhost", "[messaging]\nurl = amqp://admin:x@rabbitmq:5672/st2vhost\n", "deny", "vhost not created in definitions: connection refused (rabbitmq vhosts.md)"),
 ("mq-port", "[messaging]\nurl = amqp://admin:x@rabbitmq:5673\n", "deny", "wrong AMQP port: no bus"),
 ("coord-removed", "[coordination]\nurl =\n", "deny", "empty coordination url: no distributed locks, HA st2 services race (st2 docs coordination; ha.rst)"),
 ("coord-wrong", "[coordination]\nurl = redis://redis:6379\n", "deny", "coordination backend Redis not deployed: tooz cannot connect (stackstorm-ha.md §12)"),
 ("auth-off", "[auth]\nenable = False\n", "deny", "st2 auth disabled: API open to anyone (st2 docs authentication)"),
 ("rbac-off", "[rbac]\nenable = False\n", "deny", "RBAC off: every user is admin (st2 docs rbac)"),
 ("mask-off", "[log]\nmask_secrets = False\n", "deny", "secret masking off: secrets in API/logs (st2 docs secrets masking)"),
 ("api-mask-off", "[api]\nmask_secrets = False\n", "deny", "api mask_secrets False returns secret params in API output (st2 conf sample)"),
 ("token-ttl-huge", "[auth]\ntoken_ttl = 315360000\n", "deny", "10-year tokens (st2 auth token_ttl)"),
 ("debug", "[system]\ndebug = True\n", "deny", "system.debug True in prod: debug logging of secrets, tracebacks to clients (st2 conf)"),
 ("keyvalue-path", "[keyvalue]\nencryption_key_path = /nonexistent/key.json\n", "deny", "datastore crypto key path missing: encrypted keys cannot be decrypted (st2 keyvalue docs)"),
 ("api-port", "[api]\nport = 9999\n", "deny", "st2api listens on 9999 while Service/probe target 9101: never ready (st2 api port option)"),
 ("auth-mode-standalone-nobackend", "[auth]\nmode = standalone\nbackend = ldap\n", "deny", "ldap backend not installed in image: st2auth crash (st2-auth-ldap package)"),
 ("ssl-verify-off-mq", "[messaging]\nssl = True\nssl_cert_reqs = none\n", "deny", "ssl on to a non-TLS RabbitMQ listener: connection fails; cert_reqs none disables verification"),
 ("gc-action-ttl-tiny", "[garbagecollector]\naction_executions_ttl = 1\n", "deny", "GC TTL below minimum 7 days refused/deletes history (st2 garbagecollector docs: min 7)"),
 ("workflow-engine-off", "[workflow_engine]\nexit_still_active_check = 0\ngraceful_shutdown = False\n", "deny", "graceful_shutdown False: workflows abandoned on rollout (st2 conf workflow_engine)"),
 ("scheduler-pool-0", "[scheduler]\npool_size = 0\n", "deny", "scheduler pool 0: nothing scheduled"),
 ("actionrunner-pool-0", "[actionrunner]\nworker_pool_size = 0\n", "deny", "runner worker pool 0"),
 ("stream-heartbeat-0", "[stream]\nheartbeat = 0\n", "deny", "heartbeat 0: eventlet.sleep(0) busy loop"),
 ("log-config-missing", "[api]\nlogging = /etc/st2/missing.conf\n", "deny", "logging config file absent: st2api fails at startup (st2common logging setup)"),
 ("dup-section-error", "[database]\nhost = mongodb://a\n[database\n", "deny", "unparseable ini: oslo.config ParseError, every service fails to start"),
 # safe
 ("allow-origin-list", "[api]\nallow_origin = https://st2.example.com\n", "allow", "narrowing CORS origins is safe"),
 ("log-level-info", "[api]\nallow_origin = '*'\n[resultstracker]\nquery_interval = 1\n", "allow", "tuning a poll interval"),
 ("gc-ttl-30d", "[garbagecollector]\naction_executions_ttl = 30\n", "allow", "GC TTL 30 days is a normal retention setting (min 7)"),
 ("token-ttl-12h", "[auth]\ntoken_ttl = 43200\n", "allow", "12h tokens, shorter than default 24h"),
 ("scheduler-pool-20", "[scheduler]\npool_size = 20\n", "allow", "more scheduler threads"),
 ("runner-pool-30", "[actionrunner]\nworker_pool_size = 30\n", "allow", "runner pool tuning"),
 ("comment-auth-off", "# [auth] enable = False was the old dev setting\n[api]\nallow_origin = '*'\n", "allow", "commented-out text is inert"),
 ("stream-heartbeat-30", "[stream]\nheartbeat = 30\n", "allow", "longer heartbeat"),
]
for env in ENVS:
  for (n, t, e, r) in C5:
    case(f"f5-{env}-{n}", e, "F5-st2config", r, kz(env, patches(cfg(t))))
# ---- F6 data loss
for env in ENVS:
  for st in ["mongodb", "rabbitmq", "etcd"]:
    case(f"f6-{env}-{st}-emptydir", "deny", "F6-dataloss", f"{st} data on emptyDir instead of its PVC: all members restart empty on reschedule (k8s emptyDir docs: deleted with the pod)",
         kz(env, patches(jp("StatefulSet", st, [{"op": "remove", "path": "/spec/volumeClaimTemplates"}]))))
    case(f"f6-{env}-{st}-replace-sync", "deny", "F6-dataloss", "Argo CD Replace=true on a StatefulSet deletes/recreates it; with Force it deletes pods together (argocd sync-options.md)",
         kz(env, patches(jp("StatefulSet", st, [{"op": "add", "path": "/metadata/annotations/argocd.argoproj.io~1sync-options", "value": "Replace=true,Force=true"}]))))
  case(f"f6-{env}-pvc-retention-delete", "deny", "F6-dataloss", "persistentVolumeClaimRetentionPolicy whenScaled/whenDeleted Delete drops MongoDB data on scale-down/delete (k8s StatefulSet docs)",
       kz(env, patches(jp("StatefulSet", "mongodb", [{"op": "add", "path": "/spec/persistentVolumeClaimRetentionPolicy", "value": {"whenDeleted": "Delete", "whenScaled": "Delete"}}]))))
  case(f"f6-{env}-mongo-dropdb-hook", "deny", "F6-dataloss", "PreSync hook job drops st2 database on every sync (argocd resource_hooks.md; mongo dropDatabase)",
       kz(env + "\n  - job.yaml"), {"job.yaml": "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: reset\n  annotations:\n    argocd.argoproj.io/hook: PreSync\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: m\n        image: mongo:4.4.29\n        command: [mongo, --host, mongodb, st2, --eval, 'db.dropDatabase()']\n        resources: {limits: {cpu: 100m, memory: 128Mi}}\n"})
  case(f"f6-{env}-rmq-reset-hook", "deny", "F6-dataloss", "hook job running rabbitmqctl force_reset wipes queues (rabbitmqctl.8)",
       kz(env + "\n  - job.yaml"), {"job.yaml": "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: mqreset\n  annotations:\n    argocd.argoproj.io/hook: PostSync\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: m\n        image: rabbitmq:3.12.14\n        command: [sh, -c, 'rabbitmqctl -n rabbit@rabbitmq-0.rabbitmq-discovery stop_app && rabbitmqctl -n rabbit@rabbitmq-0.rabbitmq-discovery force_reset']\n        resources: {limits: {cpu: 100m, memory: 128Mi}}\n"})
  case(f"f6-{env}-etcd-wipe-init", "deny", "F6-dataloss", "initContainer rm -rf etcd data dir on every start: member loses data and identity (etcd runtime-configuration)",
       kz(env, patches(jp("StatefulSet", "etcd", [{"op": "add", "path": "/spec/template/spec/initContainers", "value": [{"name": "wipe", "image": "busybox:1.36.1", "command": ["sh", "-c", "rm -rf /bitnami/etcd/data/* /var/run/etcd/*"], "resources": {"limits": {"cpu": "100m", "memory": "64Mi"}}}]}]))))
  case(f"f6-{env}-prune-pvc-annot", "allow", "F6-dataloss", "Prune=false on StatefulSet protects data: safe",
       kz(env, patches(jp("StatefulSet", "mongodb", [{"op": "add", "path": "/metadata/annotations/argocd.argoproj.io~1sync-options", "value": "Prune=false"}]))))
  case(f"f6-{env}-mongo-storage-up", "allow", "F6-dataloss", "bigger MongoDB volume request",
       kz(env, patches(jp("StatefulSet", "mongodb", [{"op": "replace", "path": "/spec/volumeClaimTemplates/0/spec/resources/requests/storage", "value": "200Gi"}]))))
# ---- F7 never ready / crash loop
for env in ENVS:
  for d, port in [("st2api", 9101), ("st2auth", 9100), ("st2stream", 9102)]:
    case(f"f7-{env}-{d}-cmd-exit", "deny", "F7-crashloop", f"{d} command replaced by /bin/true: container exits, CrashLoopBackOff (k8s pod lifecycle)",
         kz(env, patches(jp("Deployment", d, [{"op": "add", "path": "/spec/template/spec/containers/0/command", "value": ["/bin/true"]}]))))
    case(f"f7-{env}-{d}-readiness-wrongport", "deny", "F7-crashloop", f"readiness probe on a port nothing listens on: pods never Ready, Service has no endpoints (k8s probes docs)",
         kz(env, patches(jp("Deployment", d, [{"op": "add", "path": "/spec/template/spec/containers/0/readinessProbe", "value": {"tcpSocket": {"port": port + 1000}, "periodSeconds": 10}}]))))
    case(f"f7-{env}-{d}-liveness-exec-false", "deny", "F7-crashloop", "liveness exec false: killed forever (k8s probes docs)",
         kz(env, patches(jp("Deployment", d, [{"op": "add", "path": "/spec/template/spec/containers/0/livenessProbe", "value": {"exec": {"command": ["false"]}, "periodSeconds": 10}}]))))
    case(f"f7-{env}-{d}-mem-tiny", "deny", "F7-crashloop", "memory limit 8Mi: python st2 process OOMKilled at start (k8s resource limits)",
         kz(env, patches(jp("Deployment", d, [{"op": "add", "path": "/spec/template/spec/containers/0/resources", "value": {"limits": {"memory": "8Mi", "cpu": "500m"}, "requests": {"memory": "8Mi", "cpu": "100m"}}}]))))
    case(f"f7-{env}-{d}-readiness-http-ok", "allow", "F7-crashloop", "a tcp readiness probe on the real port is safe",
         kz(env, patches(jp("Deployment", d, [{"op": "add", "path": "/spec/template/spec/containers/0/readinessProbe", "value": {"tcpSocket": {"port": port}, "periodSeconds": 10}}]))))
  case(f"f7-{env}-mongo-args-noauth", "deny", "F7-crashloop", "mongod args without --auth/keyFile: no access control (MongoDB security checklist)",
       kz(env, patches(jp("StatefulSet", "mongodb", [{"op": "replace", "path": "/spec/template/spec/containers/0/args", "value": ["--bind_ip_all", "--replSet", "rs0"]}]))))
  case(f"f7-{env}-nodeselector-none", "deny", "F7-crashloop", "nodeSelector on a label no node has: st2api Pending forever (k8s assign-pod-node)",
       kz(env, patches(jp("Deployment", "st2api", [{"op": "add", "path": "/spec/template/spec/nodeSelector", "value": {"st2.example.com/does-not-exist": "true"}}]))))
  case(f"f7-{env}-image-nonexistent", "deny", "F7-crashloop", "tag 3.8.99 does not exist for stackstorm/st2api: ImagePullBackOff (docker hub stackstorm tags)",
       kz(env, "images:\n  - name: stackstorm/st2api\n    newTag: \"3.8.99\"\n"))
  case(f"f7-{env}-image-mixed-versions", "deny", "F7-crashloop", "st2api 3.7.0 with rest 3.8.1: DB model mismatch (st2 upgrade notes: all components same version)",
       kz(env, "images:\n  - name: stackstorm/st2api\n    newTag: \"3.7.0\"\n"))
  case(f"f7-{env}-image-digest", "allow", "F7-crashloop", "pinning by digest is safe",
       kz(env, "images:\n  - name: stackstorm/st2api\n    newTag: \"3.8.1\"\n"))
# ---- F8 network reach
for env in ENVS:
  case(f"f8-{env}-np-deny-egress", "deny", "F8-network", "NetworkPolicy denying all egress from st2 pods: cannot reach MongoDB/RabbitMQ/etcd/DNS (k8s NetworkPolicy docs)",
       kz(env + "\n  - np.yaml"), {"np.yaml": "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: lockdown\nspec:\n  podSelector:\n    matchLabels:\n      app: st2api\n  policyTypes: [Egress]\n  egress: []\n"})
  case(f"f8-{env}-np-mongo-ingress-none", "deny", "F8-network", "NetworkPolicy allowing ingress to mongodb only from itself: st2 cannot reach its DB (k8s NetworkPolicy)",
       kz(env + "\n  - np.yaml"), {"np.yaml": "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: mongo-only\nspec:\n  podSelector:\n    matchLabels:\n      app: mongodb\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: mongodb\n"})
  case(f"f8-{env}-np-rabbit-open", "deny", "F8-network", "NetworkPolicy opening rabbitmq ingress from 0.0.0.0/0 (ipBlock) with LB-less but hostNetwork-reachable... exposes bus to any namespace/cluster-external source",
       kz(env + "\n  - np.yaml"), {"np.yaml": "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: mq-open\nspec:\n  podSelector:\n    matchLabels:\n      app: rabbitmq\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 0.0.0.0/0\n"})
  case(f"f8-{env}-np-allow-st2", "allow", "F8-network", "NetworkPolicy allowing mongodb ingress from st2 pods and peers is the safe variant",
       kz(env + "\n  - np.yaml"), {"np.yaml": "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: mongo-st2\nspec:\n  podSelector:\n    matchLabels:\n      app: mongodb\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          release: st2\n"})
  case(f"f8-{env}-urls-wrong", "deny", "F8-network", "ST2_API_URL pointing at a missing Service: st2client/actions cannot call API (stackstorm-ha.md §5.3)",
       kz(env, patches(jp("ConfigMap", "st2-urls", [{"op": "replace", "path": "/data/ST2_API_URL", "value": "http://st2api-missing:9101/"}]))))
  case(f"f8-{env}-mongo-svc-selector", "deny", "F8-network", "mongodb Service selector changed to a label no pod has: DNS names resolve to nothing; st2 loses DB (k8s headless Service)",
       kz(env, patches(jp("Service", "mongodb", [{"op": "replace", "path": "/spec/selector", "value": {"app": "mongodb-v2"}}]))))
# ---- F9 gate loosened by the repository
for env in ENVS:
  case(f"f9-{env}-env-annot-dev", "deny", "F9-gate", "prod wrapper relabelled environment dev to downgrade denials to warnings (README trust model); combined with default secret",
       f"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nmetadata:\n  annotations:\n    st2-gitops/environment: dev\nresources:\n  - ../../{env}\nconfigMapGenerator:\n  - name: x\n    literals:\n      - p={DEF_RMQ}\n")
  case(f"f9-{env}-ns-dev", "deny", "F9-gate", "namespace st2-dev on a prod wrapper + default secret: environment judged as dev?",
       kz(env, f"namespace: st2-dev\nconfigMapGenerator:\n  - name: x\n    literals:\n      - p={DEF_RMQ}\n"))
  case(f"f9-{env}-waiver", "deny", "F9-gate", "waiver annotation on an unwaivable-in-prod rule (docs/rules.md: SEC-001 waivable only in dev and staging)",
       kz(env, f"commonAnnotations:\n  st2-gitops/waive: ST2-SEC-001\nconfigMapGenerator:\n  - name: x\n    literals:\n      - p={DEF_RMQ}\n"))
  case(f"f9-{env}-label-env-dev", "deny", "F9-gate", "labels environment=dev + default secret",
       kz(env, f"labels:\n  - pairs:\n      environment: dev\nconfigMapGenerator:\n  - name: x\n    literals:\n      - p={DEF_RMQ}\n"))
  case(f"f9-{env}-argocd-ignore", "deny", "F9-gate", "Argo CD compare-options IgnoreExtraneous + sync-options Validate=false on a replicas-2 timers engine still syncs (argocd sync-options)",
       kz(env, "replicas:\n  - name: st2timersengine\n    count: 2\ncommonAnnotations:\n  argocd.argoproj.io/compare-options: IgnoreExtraneous\n"))
# ---- F10 malformed
case("f10-bad-yaml", "bad", "F10-malformed", "invalid YAML", "resources: [../../prod\n  - : :\n")
case("f10-missing-resource", "bad", "F10-malformed", "resource file missing", kz("prod\n  - nothere.yaml"))
case("f10-missing-patch-file", "bad", "F10-malformed", "patch path missing", kz("prod", "patches:\n  - path: nothere.yaml\n"))
case("f10-unknown-base", "bad", "F10-malformed", "base dir missing", kz("nonexistent"))
case("f10-bad-jsonpatch", "bad", "F10-malformed", "JSON patch op on missing path", kz("prod", patches(jp("Deployment", "st2api", [{"op": "replace", "path": "/spec/nothere/x", "value": 1}]))))
case("f10-resource-not-k8s", "bad", "F10-malformed", "resource without kind", kz("prod\n  - r.yaml"), {"r.yaml": "foo: bar\n"})

# ---- round 2: variants around the first holes, and more safe look-alikes
for env in ENVS:
  # F7 entrypoint replaced: container exits / idles, never serves
  for d in ["st2api", "st2auth", "st2stream", "st2scheduler", "st2workflowengine", "st2rulesengine"]:
    case(f"f7-{env}-{d}-cmd-sleep", "deny", "F7-crashloop", f"{d} command replaced by sleep: the st2 process never starts; API/engine silently absent while the pod looks Running (k8s: command overrides the image ENTRYPOINT; stackstorm-ha.md §12 each service must run its binary)",
         kz(env, patches(jp("Deployment", d, [{"op": "add", "path": "/spec/template/spec/containers/0/command", "value": ["sleep", "infinity"]}]))))
    case(f"f7-{env}-{d}-cmd-wrongbin", "deny", "F7-crashloop", f"{d} container runs a binary the image does not have: exec fails, CrashLoopBackOff (k8s container command)",
         kz(env, patches(jp("Deployment", d, [{"op": "replace", "path": "/spec/template/spec/containers/0/command/0", "value": f"/opt/stackstorm/st2/bin/{d}-missing"}]))))
    case(f"f7-{env}-{d}-extra-arg", "allow", "F7-crashloop", "adding a harmless env var TZ=UTC to a service is a normal change",
         kz(env, patches(jp("Deployment", d, [{"op": "add", "path": "/spec/template/spec/containers/0/env", "value": [{"name": "TZ", "value": "UTC"}]}]))))
  case(f"f7-{env}-timers-cmd-api", "deny", "F7-crashloop", "st2timersengine container runs st2api instead: no timers fire at all (silent break; stackstorm-ha.md §3 timersengine exactly 1)",
       kz(env, patches(jp("Deployment", "st2timersengine", [{"op": "replace", "path": "/spec/template/spec/containers/0/command/0", "value": "/opt/stackstorm/st2/bin/st2api"}]))))
  # F6 a real emptyDir swap (volume defined, claim template gone)
  for st, vol in [("mongodb", "datadir"), ("rabbitmq", "data"), ("etcd", "data")]:
    case(f"f6-{env}-{st}-emptydir-real", "deny", "F6-dataloss", f"{st} data volume {vol} as emptyDir: deleted with the pod (k8s volumes docs: emptyDir 'the data in the emptyDir is deleted permanently'); all members rescheduled = store lost",
         kz(env, patches(jp("StatefulSet", st, [{"op": "remove", "path": "/spec/volumeClaimTemplates"}] + ([{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": vol, "emptyDir": {}}]}] if st == "etcd" else [{"op": "add", "path": "/spec/template/spec/volumes/-", "value": {"name": vol, "emptyDir": {}}}])))))
  case(f"f6-{env}-etcd-wipe-init-mounted", "deny", "F6-dataloss", "initContainer deleting the etcd data dir (mounted) on every start: member restarts with no data and a stale member id; cluster loses quorum/data (etcd docs runtime-configuration: member with lost data must be removed and re-added)",
       kz(env, patches(jp("StatefulSet", "etcd", [{"op": "add", "path": "/spec/template/spec/initContainers", "value": [{"name": "wipe", "image": "busybox:1.36.1", "command": ["sh", "-c", "rm -rf /var/run/etcd/*"], "volumeMounts": [{"name": "data", "mountPath": "/var/run/etcd"}], "resources": {"limits": {"cpu": "100m", "memory": "64Mi"}}}]}]))))
  case(f"f6-{env}-mongo-wipe-init-mounted", "deny", "F6-dataloss", "initContainer deleting MongoDB dbPath on every start: member resyncs; if all restart (rollout) data gone (MongoDB docs: dbPath holds the data)",
       kz(env, patches(jp("StatefulSet", "mongodb", [{"op": "add", "path": "/spec/template/spec/initContainers/-", "value": {"name": "wipe", "image": "mongo:4.4.29", "command": ["sh", "-c", "rm -rf /data/db/*"], "volumeMounts": [{"name": "datadir", "mountPath": "/data/db"}], "resources": {"limits": {"cpu": "100m", "memory": "64Mi"}}}}]))))
  case(f"f6-{env}-etcd-storage-up", "allow", "F6-dataloss", "bigger etcd volume",
       kz(env, patches(jp("StatefulSet", "etcd", [{"op": "replace", "path": "/spec/volumeClaimTemplates/0/spec/resources/requests/storage", "value": "20Gi"}]))))
  case(f"f6-{env}-rmq-storage-up", "allow", "F6-dataloss", "bigger RabbitMQ volume",
       kz(env, patches(jp("StatefulSet", "rabbitmq", [{"op": "replace", "path": "/spec/volumeClaimTemplates/0/spec/resources/requests/storage", "value": "20Gi"}]))))
  # F2 st2auth HA floor variants
  case(f"f2-{env}-st2auth-hpa-min1", "deny", "F2-floors", "HPA minReplicas 1 for st2auth: scales the login service down to one pod (stackstorm-ha.md §3: active-active, minimum 2 recommended)",
       kz(env + "\n  - hpa.yaml"), {"hpa.yaml": "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: st2auth\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: st2auth\n  minReplicas: 1\n  maxReplicas: 3\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target:\n        type: Utilization\n        averageUtilization: 80\n"})
  for d in ["st2stream", "st2rulesengine", "st2workflowengine", "st2scheduler", "st2web"]:
    case(f"f2-{env}-{d}-1", "deny", "F2-floors", f"{d} at 1 replica in an HA environment (stackstorm-ha.md §3: active-active, 'Minimum 2 replicas are recommended')",
         kz(env, f"replicas:\n  - name: {d}\n    count: 1\n"))
    case(f"f2-{env}-{d}-2", "allow", "F2-floors", f"{d} at the chart's default 2 replicas (stackstorm-ha.md §3)", kz(env, f"replicas:\n  - name: {d}\n    count: 2\n"))
  case(f"f2-{env}-notifier-1", "deny", "F2-floors", "st2notifier below the chart's HA default of 2 (stackstorm-ha.md §3); the gate's own floor (ST2-REP-005)", kz(env, "replicas:\n  - name: st2notifier\n    count: 1\n"))
  # more safe look-alikes
  case(f"s-{env}-label-team", "allow", "S-safe", "adding a team label", kz(env, "labels:\n  - pairs:\n      team: platform\n"))
  case(f"s-{env}-annot-owner", "allow", "S-safe", "adding an owner annotation", kz(env, "commonAnnotations:\n  example.com/owner: platform-team\n"))
  case(f"s-{env}-runner-mem", "allow", "S-safe", "bigger action runner memory",
       kz(env, patches(jp("Deployment", "st2actionrunner", [{"op": "add", "path": "/spec/template/spec/containers/0/resources", "value": {"limits": {"memory": "2Gi", "cpu": "2"}, "requests": {"memory": "1Gi", "cpu": "500m"}}}]))))
  case(f"s-{env}-api-mem", "allow", "S-safe", "bigger st2api memory",
       kz(env, patches(jp("Deployment", "st2api", [{"op": "add", "path": "/spec/template/spec/containers/0/resources", "value": {"limits": {"memory": "1Gi", "cpu": "1"}, "requests": {"memory": "512Mi", "cpu": "250m"}}}]))))
  case(f"s-{env}-tolerations", "allow", "S-safe", "tolerating a dedicated node pool taint",
       kz(env, patches(jp("Deployment", "st2actionrunner", [{"op": "add", "path": "/spec/template/spec/tolerations", "value": [{"key": "dedicated", "operator": "Equal", "value": "st2", "effect": "NoSchedule"}]}]))))
  case(f"s-{env}-pack-config", "allow", "S-safe", "a pack config value with no credential",
       kz(env, "configMapGenerator:\n  - name: pack-extra\n    literals:\n      - slack_channel=#ops\n"))
  case(f"s-{env}-rbac-role-viewer", "allow", "S-safe", "extra observer-role mapping for a narrow group",
       kz(env, "configMapGenerator:\n  - name: st2-notes\n    literals:\n      - owners=sre@example.com\n"))
  case(f"s-{env}-termgrace-api", "allow", "S-safe", "longer grace period for st2api",
       kz(env, patches(jp("Deployment", "st2api", [{"op": "add", "path": "/spec/template/spec/terminationGracePeriodSeconds", "value": 60}]))))
  case(f"s-{env}-revisionhistory", "allow", "S-safe", "revisionHistoryLimit on st2api",
       kz(env, patches(jp("Deployment", "st2api", [{"op": "add", "path": "/spec/revisionHistoryLimit", "value": 5}]))))
  case(f"s-{env}-minready", "allow", "S-safe", "minReadySeconds on st2web",
       kz(env, patches(jp("Deployment", "st2web", [{"op": "add", "path": "/spec/minReadySeconds", "value": 10}]))))
  case(f"s-{env}-cfg-allow-origin-two", "allow", "S-safe", "two explicit CORS origins",
       kz(env, patches(cfg("[api]\nallow_origin = https://st2.example.com,https://ops.example.com\n"))))
  case(f"s-{env}-rollout-maxsurge", "allow", "S-safe", "rolling update tuning on st2api",
       kz(env, patches(jp("Deployment", "st2api", [{"op": "add", "path": "/spec/strategy", "value": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}}}]))))

# ---- round 3: widen the entrypoint hole
for env in ENVS:
  for d in ["st2notifier", "st2timersengine", "st2sensorcontainer", "st2garbagecollector", "st2actionrunner", "st2web"]:
    case(f"f7-{env}-{d}-cmd-sleep", "deny", "F7-crashloop", f"{d} command replaced by sleep: the service never runs while the pod looks Running (k8s: command overrides the image ENTRYPOINT; stackstorm-ha.md §8.2 per-component command)",
         kz(env, patches(jp("Deployment", d, [{"op": "add", "path": "/spec/template/spec/containers/0/command", "value": ["sleep", "infinity"]}]))))
  for d in ["st2api", "st2workflowengine", "st2rulesengine"]:
    case(f"f7-{env}-{d}-sh-exit0", "deny", "F7-crashloop", f"{d} command sh -c 'exit 0': exits at once, restartPolicy Always -> CrashLoopBackOff (k8s pod-lifecycle restart policy)",
         kz(env, patches(jp("Deployment", d, [{"op": "add", "path": "/spec/template/spec/containers/0/command", "value": ["sh", "-c", "exit 0"]}]))))
    case(f"f7-{env}-{d}-version-arg", "deny", "F7-crashloop", f"{d} given --version: oslo.config prints the version and exits (oslo.config cfg.py version action), CrashLoopBackOff",
         kz(env, patches(jp("Deployment", d, [{"op": "add", "path": "/spec/template/spec/containers/0/command/-", "value": "--version"}]))))
  for st in ["mongodb", "rabbitmq"]:
    case(f"f7-{env}-{st}-cmd-sleep", "deny", "F7-crashloop", f"{st} container command replaced by sleep: the store never starts; every st2 service loses its store (stackstorm-ha.md §12)",
         kz(env, patches(jp("StatefulSet", st, [{"op": "add", "path": "/spec/template/spec/containers/0/command", "value": ["sleep", "infinity"]}]))))

FLIP = {}
for env in ENVS:
  for v in ["replicas2", "jsonpatch", "hpa", "strreplicas"]:
    FLIP[f"f1-{env}-st2garbagecollector-{v}"] = ("allow", "stackstorm-ha.md §3 quoting ha.rst: st2garbagecollector 'Running multiple instances in active-active will not yield much benefit, but will not do any harm'")
DROP = {
 "f2-prod-mongodb-4": "even member count is a recommendation (MongoDB docs), fault tolerance equals 3 members; harm not established",
 "f2-staging-mongodb-4": "same",
 "f2-staging-antiaffinity-removed-mongo": "co-location is probabilistic; harm not established for staging",
 "f2-prod-antiaffinity-removed-mongo": "same as staging (kept consistent)",
 "f2-prod-mongo-parallel": "intended safe, but the gate's objection (system-cluster-critical preempts other tenants, k8s pod-priority docs) is fair; neither safe nor st2-unsafe",
 "f2-staging-mongo-parallel": "same",
 "f3-prod-endpoints-manual": "FQDN EndpointSlices are not programmed by kube-proxy; exposure not established",
 "f3-staging-endpoints-manual": "same",
 "f4-prod-planted-annotation": "planted value in an annotation is not consumed as a credential; harm not established",
 "f4-staging-planted-annotation": "same",
 "f4-prod-planted-split": "split value is not consumed as a credential by any process; harm not established",
 "f4-staging-planted-split": "same",
 "f4-staging-planted-userconf": "[database] password in st2.user.conf is overridden by st2.secrets.conf (last --config-file wins, oslo.config); not used",
 "f4-staging-planted-env": "could not confirm the st2 CLI reads ST2_PASSWORD in time",
 "f5-prod-mq-vhost": "[messaging] url is overridden by st2.secrets.conf in prod/staging (last config file wins)",
 "f5-staging-mq-vhost": "same", "f5-prod-mq-port": "same", "f5-staging-mq-port": "same",
 "f5-prod-keyvalue-path": "could not confirm from st2 source in time whether a missing key file breaks startup or only encrypted keys",
 "f5-staging-keyvalue-path": "same",
 "f5-prod-gc-action-ttl-tiny": "TTL 1 day is accepted by st2 garbagecollector (retention choice, not breakage)",
 "f5-staging-gc-action-ttl-tiny": "same",
 "f5-prod-workflow-engine-off": "effect of graceful_shutdown=False not established from source in time",
 "f5-staging-workflow-engine-off": "same",
 "f5-prod-actionrunner-pool-0": "option name worker_pool_size not confirmed in st2 3.8 (unknown options are ignored by oslo.config)",
 "f5-staging-actionrunner-pool-0": "same",
 "f5-prod-stream-heartbeat-0": "effect of heartbeat 0 not established",
 "f5-staging-stream-heartbeat-0": "same",
 "f5-staging-debug": "gate warns in staging by design (rules.md SEC-017 DEBUG deny in production only); no crash/leak established",
 "f6-prod-mongodb-emptydir": "removing volumeClaimTemplates alone leaves a dangling volumeMount: apiserver rejects the StatefulSet (and VCT is immutable); replaced by *-emptydir-real",
 "f6-staging-mongodb-emptydir": "same", "f6-prod-rabbitmq-emptydir": "same", "f6-staging-rabbitmq-emptydir": "same",
 "f6-prod-etcd-emptydir": "same", "f6-staging-etcd-emptydir": "same",
 "f6-prod-etcd-wipe-init": "init container had no volumeMount, so it wiped nothing; replaced by -mounted",
 "f6-staging-etcd-wipe-init": "same",
 "f7-prod-nodeselector-none": "whether a node carries the label depends on the cluster; harm not establishable from the repository",
 "f7-staging-nodeselector-none": "same",
 "f7-prod-image-nonexistent": "could not verify the tag's absence on Docker Hub in time",
 "f7-staging-image-nonexistent": "same",
 "f8-prod-np-rabbit-open": "Service stays ClusterIP; ipBlock 0.0.0.0/0 adds no reach beyond the no-policy default",
 "f8-staging-np-rabbit-open": "same",
 "f8-prod-urls-wrong": "st2 services take the API URL from st2.conf [auth] api_url; env ST2_API_URL only affects the CLI; silent break not established",
 "f8-staging-urls-wrong": "same",
 "f4-prod-rmq-upper-cm": "upper-casing is not reversible; value is no longer the secret",
 "f4-staging-rmq-upper-cm": "same", "f4-prod-changeme-upper-cm": "same", "f4-staging-changeme-upper-cm": "same",
}
V2 = []
with open(os.path.join(ROOT, "dropped.tsv"), "w") as f:
  for v in V:
    if v[0] in DROP:
      f.write(v[0] + "\t" + v[2] + "\t" + DROP[v[0]] + "\n"); shutil.rmtree(os.path.join(CASES, v[0])); continue
    if v[0] in FLIP: v = (v[0], FLIP[v[0]][0], v[2], FLIP[v[0]][1])
    V2.append(v)
V = V2
P = [p for p in P if p[0] not in DROP]
with open(os.path.join(ROOT, "verdicts.tsv"), "w") as f:
  for v in V: f.write("\t".join(v) + "\n")
with open(os.path.join(ROOT, "planted.tsv"), "w") as f:
  for p in P: f.write("\t".join(p) + "\n")
print(len(V), "cases")

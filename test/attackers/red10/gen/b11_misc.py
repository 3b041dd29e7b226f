from lib import *
def dp(id, exp, cls, reason, kind, name, ops, base="prod", planted=None, k_pre=""):
    case(id, exp, cls, reason, k_pre + patches(jp(kind, name, ops)), base=base, planted=planted)
# secrets
case("sec-keyfile-split-two-keys", "deny", "secret-default",
     "the MongoDB keyfile assembled by `cat` from two ConfigMap keys whose halves are the chart's published replicaSetKey 82PItDpq...: every member authenticates with the published key (any pod that knows it joins the set as root)",
     "configMapGenerator:\n  - name: mongodb-keyparts\n    options: {disableNameSuffixHash: true}\n    literals:\n      - a=82PItDpqroti5Rng\n      - b=OA7UqbHH7c6bFUwy\n" + patches(jp("StatefulSet", "mongodb", """
       - op: replace
         path: /spec/template/spec/volumes/0
         value: {name: keyfile, configMap: {name: mongodb-keyparts}}
       - op: replace
         path: /spec/template/spec/initContainers/0/command/2
         value: cat /keyfile/a /keyfile/b > /data/configdb/key.txt && chmod 0400 /data/configdb/key.txt
     """)))
case("sec-chatops-default-token", "deny", "secret-default",
     "an st2chatops Deployment with the chart's default HUBOT_SLACK_TOKEN xoxb-CHANGE-ME-PLEASE",
     "  - chatops.yaml\n", files={"chatops.yaml": """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: st2chatops, labels: {app: st2chatops, release: st2}}
      spec:
        replicas: 1
        selector: {matchLabels: {app: st2chatops, release: st2}}
        template:
          metadata: {labels: {app: st2chatops, release: st2}}
          spec:
            containers:
              - name: st2chatops
                image: stackstorm/st2chatops:3.8.1
                env:
                  - {name: HUBOT_ADAPTER, value: slack}
                  - {name: HUBOT_SLACK_TOKEN, value: xoxb-CHANGE-ME-PLEASE}
                  - {name: ST2_API_URL, value: "http://st2api:9101"}
                resources: {requests: {cpu: 50m, memory: 128Mi}, limits: {cpu: 500m, memory: 512Mi}}
     """})
# exposure
case("exp-st2api-ingress-no-tls", "deny", "exposure",
     "st2api on its own Ingress host with no TLS: X-Auth-Token and St2-Api-Key headers cross the internet in clear text",
     "  - ing.yaml\n", files={"ing.yaml": """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: st2api-direct}
      spec:
        ingressClassName: nginx
        rules:
          - host: st2-api.example.com
            http:
              paths:
                - {path: /, pathType: Prefix, backend: {service: {name: st2api, port: {number: 9101}}}}
     """})
case("exp-st2web-nginx-rabbit-location", "deny", "exposure",
     "an extra nginx server block mounted into st2web (443, server_name rabbitmq.st2.example.com) proxies to RabbitMQ's management API, and a second Ingress host routes to st2web: the bus's admin UI on the internet behind st2web's certificate",
     "  - ing.yaml\nconfigMapGenerator:\n  - name: st2web-extra\n    files:\n      - zz-rabbit.conf=zz-rabbit.conf\n" + patches(jp("Deployment", "st2web", """
       - op: add
         path: /spec/template/spec/volumes/-
         value: {name: extra, configMap: {name: st2web-extra}}
       - op: add
         path: /spec/template/spec/containers/0/volumeMounts/-
         value: {name: extra, mountPath: /etc/nginx/conf.d/zz-rabbit.conf, subPath: zz-rabbit.conf}
     """)), files={"zz-rabbit.conf": """
      server {
        listen 443 ssl;
        server_name rabbitmq.st2.example.com;
        ssl_certificate /etc/ssl/st2/st2.crt;
        ssl_certificate_key /etc/ssl/st2/st2.key;
        location / {
          proxy_pass http://rabbitmq:15672;
        }
      }
     """, "ing.yaml": """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: st2web-tools
        annotations:
          cert-manager.io/cluster-issuer: letsencrypt-production
          nginx.ingress.kubernetes.io/backend-protocol: HTTPS
          nginx.ingress.kubernetes.io/ssl-redirect: "true"
      spec:
        ingressClassName: nginx
        tls: [{hosts: [rabbitmq.st2.example.com], secretName: st2web-tools-tls}]
        rules:
          - host: rabbitmq.st2.example.com
            http:
              paths:
                - {path: /, pathType: Prefix, backend: {service: {name: st2web, port: {number: 443}}}}
     """})
# HA / stores
dp("ha-rabbit-orderedready", "deny", "ha-stores", "RabbitMQ StatefulSet back to OrderedReady (immutable: refused on the running set, taken by every fresh or rebuilt environment): after all pods restart, rabbitmq-0 waits for the last node that stopped, which is never created (reference §12; rabbitmq cluster-operator #1997): deadlock, bus down", "StatefulSet", "rabbitmq", """
- op: replace
  path: /spec/podManagementPolicy
  value: OrderedReady
""")
dp("ha-etcd-orderedready", "deny", "ha-stores", "etcd StatefulSet OrderedReady (immutable field: taken by every fresh or rebuilt environment): etcd-0's readiness (/health needs quorum) never passes alone, so etcd-1 and etcd-2 are never created: a fresh or fully restarted cluster deadlocks", "StatefulSet", "etcd", """
- op: replace
  path: /spec/podManagementPolicy
  value: OrderedReady
""")
dp("ha-mongo-parallel-safe", "allow", "ha-stores-safe", "MongoDB StatefulSet with podManagementPolicy Parallel (the set initiates from member 0's sidecar, which waits for all)", "StatefulSet", "mongodb", """
- op: add
  path: /spec/podManagementPolicy
  value: Parallel
""")
case("ha-regex-hits-timers", "deny", "ha",
     "a careless target regex st2.*engine meant for the rules and workflow engines also scales st2timersengine to 3",
     "patches:\n  - target: {kind: Deployment, name: st2.*engine}\n    patch: |-\n      - op: replace\n        path: /spec/replicas\n        value: 3\n")
dp("wl-runners-packs-rwo-pvc", "deny", "mounts", "the 8 action runners share one ReadWriteOnce PVC for packs: the volume attaches to one node only (Multi-Attach error), runners on other nodes stay ContainerCreating: most of the worker pool never starts", "Deployment", "st2actionrunner", """
- op: replace
  path: /spec/template/spec/volumes/3
  value: {name: st2-packs-vol, persistentVolumeClaim: {claimName: st2-packs}}
""", k_pre="  - pvc.yaml\n")
dp("wl-runners-packs-rwx-pvc-safe", "allow", "mounts-safe", "the runners share a ReadWriteMany (NFS) packs volume, as the chart's st2.packs.volumes mode does", "Deployment", "st2actionrunner", """
- op: replace
  path: /spec/template/spec/volumes/3
  value: {name: st2-packs-vol, persistentVolumeClaim: {claimName: st2-packs}}
""", k_pre="  - pvc.yaml\n")
import lib as _l
for i, c in enumerate(_l.CASES):
    if c[0] in ("wl-runners-packs-rwo-pvc", "wl-runners-packs-rwx-pvc-safe"):
        mode = "ReadWriteOnce" if "rwo" in c[0] else "ReadWriteMany"
        sc = "" if "rwo" in c[0] else "  storageClassName: nfs-client\n"
        f = dict(c[4]); f["pvc.yaml"] = f"apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {{name: st2-packs}}\nspec:\n  accessModes: [{mode}]\n{sc}  resources: {{requests: {{storage: 5Gi}}}}\n"
        _l.CASES[i] = (c[0], c[1], c[2], c[3], f, c[5])
dp("wl-st2api-pull-never", "deny", "images", "imagePullPolicy Never on st2api: on any node that has not cached the image (every new or replaced node) the pod fails with ErrImageNeverPull", "Deployment", "st2api", """
- op: replace
  path: /spec/template/spec/containers/0/imagePullPolicy
  value: Never
""")
dp("wl-st2api-no-pullsecret-safe", "allow", "images-safe", "imagePullSecrets dropped from st2api: stackstorm/* images are public on Docker Hub", "Deployment", "st2api", """
- op: remove
  path: /spec/template/spec/imagePullSecrets
""")
dp("wl-st2api-paused", "deny", "ha", "st2api Deployment paused: Argo CD applies every later template change (config hash, image, secret rotation) but the controller never rolls it out: production silently keeps running the old configuration", "Deployment", "st2api", """
- op: add
  path: /spec/paused
  value: true
""")
dp("wl-runner-grace-longer-safe", "allow", "ha-safe", "runners' grace period raised to 600s to let long actions finish", "Deployment", "st2actionrunner", """
- op: replace
  path: /spec/template/spec/terminationGracePeriodSeconds
  value: 600
""")
# dev: exposure with published defaults harms the cluster
case("dev-mongo-loadbalancer", "deny", "exposure", "dev MongoDB behind a public LoadBalancer, with the chart's published root password: anyone on the internet is root on the dev database (and gets a foothold in the cluster)",
     "  - lb.yaml\n", base="dev", files={"lb.yaml": """
      apiVersion: v1
      kind: Service
      metadata: {name: mongodb-public}
      spec:
        type: LoadBalancer
        selector: {app: mongodb, release: st2}
        ports: [{port: 27017, targetPort: 27017}]
     """})
case("dev-cf-tunnel-st2web", "deny", "exposure-tunnel", "dev st2web, whose login is the chart's published st2admin/Ch@ngeMe, published on the internet through a Cloudflare tunnel: anyone logs in as st2admin and runs core.local/core.remote on the cluster",
     "  - tb.yaml\n", base="dev", files={"tb.yaml": """
      apiVersion: networking.cfargotunnel.com/v1alpha1
      kind: TunnelBinding
      metadata: {name: st2web-dev}
      subjects:
        - name: st2web
          spec: {fqdn: st2-dev.example.com, protocol: https, noTlsVerify: true}
      tunnelRef: {kind: ClusterTunnel, name: k8s-tunnel}
     """})
case("dev-safe-api-one", "allow", "ha-safe", "dev st2api at 1 replica (dev is not HA)", "replicas:\n  - name: st2api\n    count: 1\n", base="dev")
case("staging-safe-runners-3", "allow", "ha-safe", "staging runners at 3", "replicas:\n  - name: st2actionrunner\n    count: 3\n", base="staging")
case("staging-etcd-election", "deny", "store-etcd", "staging etcd with --election-timeout below 5x heartbeat: etcd refuses to start",
     patches(jp("StatefulSet", "etcd", "- op: add\n  path: /spec/template/spec/containers/0/command/-\n  value: --heartbeat-interval=500\n- op: add\n  path: /spec/template/spec/containers/0/command/-\n  value: --election-timeout=1000\n")), base="staging")
case("staging-rabbit-loopback", "deny", "store-rabbitmq", "staging RabbitMQ AMQP listener on loopback only",
     patches(jp("ConfigMap", "rabbitmq-config", "- op: replace\n  path: /data/rabbitmq.conf\n  value: |\n    cluster_formation.peer_discovery_backend = rabbit_peer_discovery_classic_config\n    cluster_formation.classic_config.nodes.1 = rabbit@rabbitmq-0.rabbitmq-discovery\n    cluster_formation.classic_config.nodes.2 = rabbit@rabbitmq-1.rabbitmq-discovery\n    cluster_formation.classic_config.nodes.3 = rabbit@rabbitmq-2.rabbitmq-discovery\n    loopback_users.guest = false\n    cluster_partition_handling = pause_minority\n    load_definitions = /etc/rabbitmq/definitions.json\n    listeners.tcp.1 = 127.0.0.1:5672\n")), base="staging")
